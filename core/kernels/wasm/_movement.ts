/**
 * The wasm backend's `transpose` and `broadcastTo`: strided copies in plain
 * TypeScript (see `_strided_copy.ts`).
 *
 * @module
 */
import type { Buffer } from "../backend.ts";
import { stridesOf } from "../../shape.ts";
import { stridedCopy } from "./_strided_copy.ts";

/**
 * `Backend.transpose`: permutes the axes of `x` (shape `shape`) by `perm`
 * into `out`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fastTranspose } from "./_movement.ts";
 * const out = new Float32Array(6);
 * fastTranspose(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3], [1, 0], out);
 * assert.deepEqual([...out], [1, 4, 2, 5, 3, 6]);
 * ```
 */
export function fastTranspose(
  x: Buffer,
  shape: readonly number[],
  perm: readonly number[],
  out: Buffer,
): void {
  const strides = stridesOf(shape);
  stridedCopy(x, perm.map((axis) => shape[axis]), perm.map((axis) => strides[axis]), out);
}

/**
 * `Backend.broadcastTo`: copies `x` of shape `from` broadcast to `to` into `out`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fastBroadcastTo } from "./_movement.ts";
 * const out = new Float32Array(6);
 * fastBroadcastTo(new Float32Array([1, 2, 3]), [3], [2, 3], out);
 * assert.deepEqual([...out], [1, 2, 3, 1, 2, 3]);
 * ```
 */
export function fastBroadcastTo(
  x: Buffer,
  from: readonly number[],
  to: readonly number[],
  out: Buffer,
): void {
  const strides = stridesOf(from);
  const offset = to.length - from.length;
  const steps = to.map((_, axis) =>
    axis < offset || from[axis - offset] === 1 ? 0 : strides[axis - offset]
  );
  stridedCopy(x, to, steps, out);
}
