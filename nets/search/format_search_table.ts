/**
 * The results of a random search as a text table.
 *
 * @module
 */
import type { SearchSpace } from "./distribution.ts";
import type { SearchResult } from "./random_search.ts";
import { alignDecimals, formatNumber, scaleOf } from "./_format_number.ts";

/** Options of {@link formatSearchTable}. */
export interface SearchTableOptions {
  /** The space the trials came from; it picks each column's notation. Guessed when absent. */
  readonly space?: SearchSpace;
  /** The metric column's heading; "metric" when absent. */
  readonly metricName?: string;
}

/**
 * A table of search results, one row per trial in the order given (best
 * first, as `randomSearch` returns them): rank, trial, each hyperparameter,
 * the metric, then any extra values. Columns are right-aligned and separated
 * by two spaces, with the decimals of a column lined up; numbers are written in the notation of their scale:
 * `3.2e-4` for a log-scale parameter, `0.9973` for a β sampled as 1 − 10^r
 * (two significant digits of 1 − β), integers as they are, other numbers
 * with four significant digits. Pass the `space` to pick the notation from
 * the distributions; without it, it is guessed from the values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatSearchTable } from "./format_search_table.ts";
 * import { logUniform } from "./log_uniform.ts";
 * const table = formatSearchTable([
 *   { rank: 1, trial: 1, params: { learningRate: 3.21e-3 }, metric: 0.9125, extra: {} },
 *   { rank: 2, trial: 0, params: { learningRate: 0.25 }, metric: 0.105, extra: {} },
 * ], { space: { learningRate: logUniform(1e-4, 1) }, metricName: "dev accuracy" });
 * assert.equal(table, [
 *   "rank  trial  learningRate  dev accuracy",
 *   "   1      1        3.2e-3        0.9125",
 *   "   2      0        2.5e-1        0.1050",
 * ].join("\n"));
 * ```
 */
export function formatSearchTable(
  results: readonly SearchResult<object, unknown>[],
  options?: SearchTableOptions,
): string {
  const paramNames = [...new Set(results.flatMap((r) => Object.keys(r.params)))];
  const extraNames = [
    ...new Set(
      results.flatMap((r) => typeof r.extra === "object" && r.extra ? Object.keys(r.extra) : []),
    ),
  ];
  const field = (record: unknown, name: string): unknown =>
    typeof record === "object" && record !== null
      ? (record as Record<string, unknown>)[name]
      : undefined;
  const column = (values: readonly unknown[], distribution?: SearchSpace[string]): string[] => {
    const numbers = values.filter((v): v is number => typeof v === "number");
    const scale = scaleOf(distribution, numbers);
    const cells = values.map((v) =>
      typeof v === "number" ? formatNumber(v, scale) : v === undefined ? "" : String(v)
    );
    return scale === "integer" ? cells : alignDecimals(cells);
  };
  const columns: [string, string[]][] = [
    ["rank", results.map((r) => String(r.rank))],
    ["trial", results.map((r) => String(r.trial))],
    ...paramNames.map((name): [string, string[]] => [
      name,
      column(results.map((r) => field(r.params, name)), options?.space?.[name]),
    ]),
    [
      options?.metricName ?? "metric",
      alignDecimals(results.map((r) => formatNumber(r.metric, "linear"))),
    ],
    ...extraNames.map((name): [string, string[]] => [
      name,
      column(results.map((r) => field(r.extra, name))),
    ]),
  ];
  const widths = columns.map(([heading, cells]) =>
    Math.max(heading.length, ...cells.map((c) => c.length))
  );
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => cell.padStart(widths[i])).join("  ");
  return [
    line(columns.map(([heading]) => heading)),
    ...results.map((_, row) => line(columns.map(([, cells]) => cells[row]))),
  ].join("\n");
}
