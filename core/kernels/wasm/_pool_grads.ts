/**
 * The wasm backend's pooling adjoints, f32, any spatial rank (see
 * `_pool_module.ts`). Max-pool ties split the cotangent evenly, the ties
 * found and counted as the reference does (`>` wins, so NaN never does).
 * The share `g / ties` is rounded to f32 before it is added, where the
 * reference adds it unrounded: results are bitwise the reference's where
 * windows do not overlap, within an f32 rounding per addition where they
 * do. f64 goes to the reference.
 *
 * @module
 */
import type { Buffer } from "../backend.ts";
import { reference } from "../reference.ts";
import { runPool } from "./_pool_run.ts";

/**
 * `Backend.poolTranspose` in wasm for f32.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fastPoolTranspose } from "./_pool_grads.ts";
 * // A tie: both 5s of the one window get half of the cotangent.
 * const out = new Float32Array(3);
 * const x = new Float32Array([5, 1, 5]);
 * fastPoolTranspose("max", x, [1, 3, 1], new Float32Array([1]), [3], 3, [0], [1, 1, 1], out);
 * assert.deepEqual([...out], [0.5, 0, 0.5]);
 * ```
 */
export function fastPoolTranspose(
  kind: "max" | "avg",
  x: Buffer,
  xShape: readonly number[],
  g: Buffer,
  window: readonly number[],
  stride: number,
  padBefore: readonly number[],
  outShape: readonly number[],
  out: Buffer,
): void {
  const geometry = { xShape, window, stride, padBefore, outShape };
  const f32 = x instanceof Float32Array && g instanceof Float32Array &&
    out instanceof Float32Array;
  // Average pooling's adjoint reads no `x` (callers pass the cotangent there).
  const image = kind === "max" ? x : new Float32Array(0);
  if (f32 && runPool(`pool_${kind}_transpose`, geometry, image as Float32Array, g, out)) return;
  reference.poolTranspose(kind, x, xShape, g, window, stride, padBefore, outShape, out);
}

/**
 * `Backend.maxPoolGather` in wasm for f32.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fastMaxPoolGather } from "./_pool_grads.ts";
 * // The window's maxima are cells 0 and 2: the mean of h there.
 * const out = new Float32Array(1);
 * const x = new Float32Array([5, 1, 5]);
 * fastMaxPoolGather(x, [1, 3, 1], new Float32Array([2, 9, 4]), [3], 3, [0], [1, 1, 1], out);
 * assert.deepEqual([...out], [3]);
 * ```
 */
export function fastMaxPoolGather(
  x: Buffer,
  xShape: readonly number[],
  h: Buffer,
  window: readonly number[],
  stride: number,
  padBefore: readonly number[],
  outShape: readonly number[],
  out: Buffer,
): void {
  const geometry = { xShape, window, stride, padBefore, outShape };
  const f32 = x instanceof Float32Array && h instanceof Float32Array &&
    out instanceof Float32Array;
  if (f32 && runPool("max_pool_gather", geometry, x, h, out)) return;
  reference.maxPoolGather(x, xShape, h, window, stride, padBefore, outShape, out);
}
