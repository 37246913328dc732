/**
 * The wasm backend's pooling forward, f32, any spatial rank: SIMD over the
 * channels, a window table for the cells (see `_pool_module.ts`). Max pools
 * with `f32x4.max` (NaN wins, as the reference's `Math.max`); average sums
 * in f32 in the reference's order and divides once, so both are bitwise the
 * reference's. f64 goes to the reference.
 *
 * @module
 */
import type { Buffer } from "../backend.ts";
import { reference } from "../reference.ts";
import { runPool } from "./_pool_run.ts";

/**
 * `Backend.pool` in wasm for f32: max or average over the cells inside the
 * input (an all-padding window gives −∞ or NaN, as in the reference).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fastPool } from "./_pool.ts";
 * const x = new Float32Array([1, 5, 2, 4]);
 * const out = new Float32Array(2);
 * fastPool("max", x, [1, 4, 1], [2], 2, [0], [1, 2, 1], out);
 * assert.deepEqual([...out], [5, 4]);
 * fastPool("avg", x, [1, 4, 1], [2], 2, [0], [1, 2, 1], out);
 * assert.deepEqual([...out], [3, 3]);
 * ```
 */
export function fastPool(
  kind: "max" | "avg",
  x: Buffer,
  xShape: readonly number[],
  window: readonly number[],
  stride: number,
  padBefore: readonly number[],
  outShape: readonly number[],
  out: Buffer,
): void {
  const geometry = { xShape, window, stride, padBefore, outShape };
  const f32 = x instanceof Float32Array && out instanceof Float32Array;
  if (f32 && runPool(`pool_${kind}`, geometry, x, new Float32Array(0), out)) return;
  reference.pool(kind, x, xShape, window, stride, padBefore, outShape, out);
}
