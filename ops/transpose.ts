/**
 * `transpose`: reverse or permute the axes.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import type { TransposeShape } from "../core/shapes/transpose.ts";
import { resolvePermutation, transposeShape } from "../core/shapes/transpose.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import { kernels } from "../core/kernels/active.ts";
import { record } from "../core/trace.ts";

/**
 * Reverses the axes of `x`, or permutes them by `perm` (negative axes count
 * from the end). Gradient: the cotangent transposed by the inverse
 * permutation. Like `jnp.transpose` and `torch.permute`.
 *
 * @example
 * ```ts
 * import { transpose } from "./transpose.ts";
 * import { tensor, zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const t: Tensor<[3, 2]> = transpose(tensor([[1, 2, 3], [4, 5, 6]]));
 * const nchw: Tensor<[8, 3, 28, 28]> = transpose(zeros([8, 28, 28, 3]), [0, 3, 1, 2]);
 * ```
 */
export function transpose<
  S extends Shape,
  D extends DType,
  const Perm extends readonly number[] | undefined = undefined,
>(
  x: Tensor<S, D>,
  perm?: Perm & NoInfer<Guard<TransposeShape<S, Perm>>>,
): Tensor<Ok<TransposeShape<S, Perm>>, D> {
  const shape = x.shape as readonly number[];
  const order = resolvePermutation(shape, perm);
  const outShape = transposeShape(shape, perm);
  const out = allocate(x.dtype, x.size);
  kernels().transpose(x.data, shape, order, out);
  const inverse = new Array<number>(order.length);
  order.forEach((axis, position) => (inverse[axis] = position));
  const result = new Tensor<Ok<TransposeShape<S, Perm>>, D>(outShape, x.dtype, out);
  return record("transpose", result, [x], (g) => [transpose(g, inverse)]);
}
