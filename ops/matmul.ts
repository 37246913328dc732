/**
 * `matmul`: batched matrix product.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import type { MatMulShape } from "../core/shapes/matmul.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { matmulT } from "./_matmul_t.ts";

/**
 * Matrix product of `[...L1, M, K]` and `[...L2, K, N]`: `[...broadcast(L1, L2), M, N]`.
 * Both operands need rank ≥ 2 (use `dot` for vectors): a `[5]` against a
 * `[5, 1]` does not compile. Inner dims that differ do not compile either;
 * dims known only at run time are checked when it runs. Gradient:
 * `dA = G·Bᵀ`, `dB = Aᵀ·G` (batched; broadcast batch dims summed back), read
 * through transpose flags rather than transposed copies. Like
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
  return matmulT(a, b) as Tensor<Ok<MatMulShape<A, B>>, D>;
}
