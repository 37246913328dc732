/**
 * `slice`: a box of a tensor.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import { sizeOf } from "../core/shape.ts";
import type { SliceBeginIssue, SliceShape, SliceSizeIssue } from "../core/shapes/slice.ts";
import { sliceShape } from "../core/shapes/slice.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import { record } from "../core/trace.ts";
import { copyRegion } from "./_copy_region.ts";
import { pad } from "./pad.ts";

/**
 * The box of `x` that starts at `begin` and spans `size`, one entry of each
 * per axis; a size of `-1` runs to the end of its axis: `y[i] = x[begin + i]`.
 * `begin` must be non-negative and `begin + size` must stay within each dim
 * (no clamping). Copies the elements.
 *
 * Gradient: the cotangent padded with zeros back to `x`'s shape ({@link pad}
 * is the adjoint of `slice`). `slice` is linear, so it has no kinks and its
 * second derivative is zero. Like `tf.slice(x, begin, size)` and
 * `jax.lax.slice(x, begin, begin + size)`; in PyTorch,
 * `x[b0:b0 + s0, b1:b1 + s1]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { slice } from "./slice.ts";
 * import { tensor, zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const x = tensor([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]);
 * const middle: Tensor<[2, 2]> = slice(x, [1, 1], [2, 2]);
 * assert.deepEqual(middle.toArray(), [[6, 7], [10, 11]]);
 * const lastRows: Tensor<[2, 4]> = slice(x, [1, 0], [-1, -1]);
 * assert.deepEqual(lastRows.toArray(), [[5, 6, 7, 8], [9, 10, 11, 12]]);
 * // Crop 28×28 images to their central 24×24 pixels:
 * const crops: Tensor<[8, 24, 24, 1]> = slice(zeros([8, 28, 28, 1]), [0, 2, 2, 0], [-1, 24, 24, -1]);
 * // slice(x, [1, 1], [2, 4]) does not compile: begin 1 + size 4 exceeds dim 4 at axis 1.
 * ```
 */
export function slice<
  S extends Shape,
  D extends DType,
  const Begin extends readonly number[],
  const Size extends readonly number[],
>(
  x: Tensor<S, D>,
  begin: Begin & NoInfer<Guard<SliceBeginIssue<S, Begin>>>,
  size: Size & NoInfer<Guard<SliceSizeIssue<S, Begin, Size>>>,
): Tensor<Ok<SliceShape<S, Begin, Size>>, D> {
  const shape = x.shape as readonly number[];
  const outShape = sliceShape(shape, begin, size);
  const out = allocate(x.dtype, sizeOf(outShape));
  const origin = outShape.map(() => 0);
  copyRegion(
    { data: x.data, shape, start: begin, extent: outShape },
    { data: out, shape: outShape, start: origin },
  );
  const paddings = shape.map((dim, axis) =>
    [begin[axis], dim - begin[axis] - outShape[axis]] as const
  );
  const result = new Tensor<Ok<SliceShape<S, Begin, Size>>, D>(outShape, x.dtype, out);
  return record("slice", result, [x], (g) => [pad(g, paddings)]);
}
