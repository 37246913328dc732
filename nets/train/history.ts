/**
 * A training history — loss (and any metric) per step or epoch — and its
 * rendering as an SVG line chart, the course's cost-versus-iterations plot.
 *
 * @module
 */

/** Named series of values, each point an `[x, y]` pair (x is the step or epoch). */
export type History = Record<string, readonly (readonly [number, number])[]>;

/** Options of {@link historySvg}. */
export interface HistorySvgOptions {
  /** The chart's title. */
  readonly title?: string;
  /** The label of the x axis; `"step"` when absent. */
  readonly xLabel?: string;
  /** Width and height in pixels; 640 × 360 when absent. */
  readonly width?: number;
  /** Height in pixels. */
  readonly height?: number;
}

const palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];

function escape(text: string): string {
  return text.replace(
    /[<>&"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!,
  );
}

function tick(value: number): string {
  return Math.abs(value) >= 1000 || (Math.abs(value) < 0.01 && value !== 0)
    ? value.toExponential(1)
    : Number(value.toPrecision(3)).toString();
}

/**
 * Renders `history` as a standalone SVG line chart, one line per series, with
 * axes, ticks and a legend. Non-finite points are skipped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { historySvg } from "./history.ts";
 * const svg = historySvg({ loss: [[0, 2.3], [1, 1.1], [2, 0.6]] }, { title: "cost" });
 * assert.ok(svg.startsWith("<svg") && svg.includes("polyline") && svg.includes("cost"));
 * ```
 */
export function historySvg(history: History, options?: HistorySvgOptions): string {
  const width = options?.width ?? 640;
  const height = options?.height ?? 360;
  const margin = { left: 64, right: 140, top: 36, bottom: 44 };
  const series = Object.entries(history).map(([name, points]) =>
    [
      name,
      points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)),
    ] as const
  );
  const all = series.flatMap(([, points]) => points);
  if (all.length === 0) throw new RangeError("historySvg: the history has no finite points");
  const xs = all.map(([x]) => x);
  const ys = all.map(([, y]) => y);
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const [yLow, yHigh] = [Math.min(...ys), Math.max(...ys)];
  const yPad = yHigh === yLow ? Math.max(1, Math.abs(yHigh)) * 0.1 : (yHigh - yLow) * 0.05;
  const [yMin, yMax] = [yLow - yPad, yHigh + yPad];
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const px = (x: number) =>
    margin.left + (xMax === xMin ? plotW / 2 : ((x - xMin) / (xMax - xMin)) * plotW);
  const py = (y: number) => margin.top + plotH - ((y - yMin) / (yMax - yMin)) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
  ];
  if (options?.title) {
    parts.push(
      `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${
        escape(options.title)
      }</text>`,
    );
  }
  for (let i = 0; i <= 4; i++) {
    const y = yMin + ((yMax - yMin) * i) / 4;
    const x = xMin + ((xMax - xMin) * i) / 4;
    parts.push(
      `<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${py(y)}" y2="${
        py(y)
      }" stroke="#eee"/>`,
      `<text x="${margin.left - 6}" y="${py(y) + 4}" text-anchor="end">${tick(y)}</text>`,
      `<text x="${px(x)}" y="${margin.top + plotH + 16}" text-anchor="middle">${tick(x)}</text>`,
    );
  }
  parts.push(
    `<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`,
    `<text x="${margin.left + plotW / 2}" y="${height - 8}" text-anchor="middle">` +
      `${escape(options?.xLabel ?? "step")}</text>`,
  );
  series.forEach(([name, points], index) => {
    const color = palette[index % palette.length];
    const line = points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(" ");
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${line}"/>`,
      `<line x1="${width - margin.right + 12}" x2="${width - margin.right + 32}" ` +
        `y1="${margin.top + 10 + index * 18}" y2="${
          margin.top + 10 + index * 18
        }" stroke="${color}" stroke-width="2"/>`,
      `<text x="${width - margin.right + 38}" y="${margin.top + 14 + index * 18}">${
        escape(name)
      }</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n");
}
