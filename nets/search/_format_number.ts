/**
 * Numbers as a search table shows them, each in the notation of its scale.
 *
 * @module
 */
import type { Distribution } from "./distribution.ts";

/** How a column of numbers is read. */
export type Scale = "linear" | "log" | "oneMinusLog" | "integer";

/**
 * `x` written for its scale: `3.2e-4` on a log scale; on the 1 − β scale
 * enough decimals for two significant digits of 1 − x (`0.9973`); integers
 * as they are; otherwise four significant digits without trailing zeros.
 */
export function formatNumber(x: number, scale: Scale): string {
  if (!Number.isFinite(x)) return String(x);
  if (scale === "integer" && Number.isInteger(x)) return String(x);
  if (scale === "log" && x !== 0) return x.toExponential(1).replace("e+", "e");
  if (scale === "oneMinusLog" && x < 1) {
    return x.toFixed(Math.min(15, Math.max(1, Math.floor(-Math.log10(1 - x)) + 2)));
  }
  const magnitude = Math.abs(x);
  if (x === 0 || (magnitude >= 1e-3 && magnitude < 1e6)) return String(Number(x.toPrecision(4)));
  return x.toExponential(2).replace("e+", "e");
}

/**
 * The scale of a column: from its distribution when there is one, else
 * guessed from the values (integers; positive values spread over more than
 * a decade, or all below 0.01, read as log scale; anything else linear).
 */
export function scaleOf(distribution: Distribution | undefined, values: readonly number[]): Scale {
  switch (distribution?.kind) {
    case "logUniform":
      return "log";
    case "oneMinusLogUniform":
      return "oneMinusLog";
    case "intUniform":
      return "integer";
    case "uniform":
      return "linear";
  }
  const finite = values.filter(Number.isFinite);
  if (finite.every(Number.isInteger)) return "integer";
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  return low > 0 && (high / low > 10 || high < 0.01) ? "log" : "linear";
}

/**
 * A column of formatted numbers with their decimals lined up: plain decimals
 * padded with zeros to the longest fraction (`0.1` next to `0.832` becomes
 * `0.100`). Other cells (`NaN`, words) stay as they are, and so does the
 * whole column when a number in it has an exponent.
 */
export function alignDecimals(cells: readonly string[]): string[] {
  const plain = /^-?\d+(\.\d+)?$/;
  if (cells.some((c) => /^-?\d(\.\d+)?e/.test(c))) return [...cells];
  const decimals = (c: string): number => c.includes(".") ? c.length - c.indexOf(".") - 1 : 0;
  const most = Math.max(0, ...cells.filter((c) => plain.test(c)).map(decimals));
  return cells.map((c) =>
    !plain.test(c) || most === 0
      ? c
      : (c.includes(".") ? c : c + ".") + "0".repeat(most - decimals(c))
  );
}
