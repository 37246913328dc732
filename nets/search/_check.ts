/**
 * Range checks and the one uniform draw shared by the distributions.
 *
 * @module
 */
import type { PRNGKey } from "../../core/random.ts";
import { uniformArray } from "../../core/random.ts";

/** Throws a RangeError unless `low` and `high` are finite with `low < high`. */
export function checkRange(op: string, low: number, high: number): void {
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
    throw new RangeError(
      `${op}: expected finite bounds with low < high, got low = ${low}, high = ${high}`,
    );
  }
}

/** One float64 drawn evenly from `[low, high)` with `key`. */
export function drawUniform(key: PRNGKey, low: number, high: number): number {
  return uniformArray(key, 1, { dtype: "f64", low, high })[0];
}

/** `value` moved into `[low, high]` (rounding in `10 ** r` can step just outside). */
export function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}
