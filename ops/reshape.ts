/**
 * `reshape`: the same elements under another shape.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import type { ReshapeShape } from "../core/shapes/reshape.ts";
import { reshapeShape } from "../core/shapes/reshape.ts";
import type { DType } from "../core/tensor.ts";
import { Tensor } from "../core/tensor.ts";
import { record } from "../core/trace.ts";

/**
 * The elements of `x` (row-major) under `shape`; the element counts must
 * match, and one dim may be `-1` to be inferred. Shares the data: no copy.
 * Like `jnp.reshape` and `torch.reshape`.
 *
 * @example
 * ```ts
 * import { reshape } from "./reshape.ts";
 * import { zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const flat: Tensor<[8, 784]> = reshape(zeros([8, 28, 28, 1]), [8, -1]);
 * // reshape(zeros([8, 28, 28, 1]), [8, 785]) does not compile: 28·28·1 = 784 elements
 * // per leading 8 cannot fill 785.
 * ```
 */
export function reshape<S extends Shape, D extends DType, const T extends readonly number[]>(
  x: Tensor<S, D>,
  shape: T & NoInfer<Guard<ReshapeShape<S, T>>>,
): Tensor<Ok<ReshapeShape<S, T>>, D> {
  const from = x.shape as readonly number[];
  const out = new Tensor<Ok<ReshapeShape<S, T>>, D>(reshapeShape(from, shape), x.dtype, x.data);
  return record("reshape", out, [x], (g) => [reshape(g, from)]);
}
