/**
 * `matmul`: batched matrix product.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import type { MatMulShape } from "../core/shapes/matmul.ts";
import { matmulShape } from "../core/shapes/matmul.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import { kernels } from "../core/kernels/active.ts";
import { sameDType } from "../core/_same_dtype.ts";
import { record } from "../core/trace.ts";
import { transpose } from "./transpose.ts";

/** The permutation that swaps the last two axes (a batched matrix transpose). */
function swapLastTwo(x: Tensor<Shape, DType>): number[] {
  const rank = x.shape.length;
  return Array.from(
    { length: rank },
    (_, axis) => axis === rank - 2 ? rank - 1 : axis === rank - 1 ? rank - 2 : axis,
  );
}

/**
 * Matrix product of `[...L1, M, K]` and `[...L2, K, N]`: `[...broadcast(L1, L2), M, N]`.
 * Both operands need rank ≥ 2 (use `dot` for vectors): a `[5]` against a
 * `[5, 1]` does not compile. Inner dims that differ do not compile either;
 * dims known only at run time are checked when it runs. Gradient:
 * `dA = G·Bᵀ`, `dB = Aᵀ·G` (batched; broadcast batch dims summed back). Like
 * `torch.matmul` and `jnp.matmul` without their rank-1 promotion.
 *
 * @example
 * ```ts
 * import { matmul } from "./matmul.ts";
 * import { ones, zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const y: Tensor<[8, 128]> = matmul(zeros([8, 784]), ones([784, 128]));
 * // matmul(zeros([8, 784]), zeros([128, 784])) does not compile:
 * // ShapeError<"matmul: inner dimensions 784 and 128 differ">
 * ```
 */
export function matmul<A extends Shape, B extends Shape, D extends DType>(
  a: Tensor<A, D>,
  b: Tensor<B, NoInfer<D>> & NoInfer<Guard<MatMulShape<A, B>>>,
): Tensor<Ok<MatMulShape<A, B>>, D> {
  sameDType("matmul", a, b);
  const aShape = a.shape as readonly number[];
  const bShape = b.shape as readonly number[];
  const shape = matmulShape(aShape, bShape);
  const out = allocate(a.dtype, shape.reduce((size, dim) => size * dim, 1));
  kernels().matmul(a.data, aShape, b.data, bShape, shape.slice(0, -2), out);
  const product = new Tensor<Ok<MatMulShape<A, B>>, D>(shape, a.dtype, out);
  return record("matmul", product, [a, b], (g, [left, right]) => [
    matmul(g, transpose(right, swapLastTwo(right))),
    matmul(transpose(left, swapLastTwo(left)), g),
  ]);
}
