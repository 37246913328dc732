/**
 * `flatten`: keep the first axis, multiply the rest.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import type { FlattenShape } from "../core/shapes/reshape.ts";
import { flattenShape } from "../core/shapes/reshape.ts";
import type { DType } from "../core/tensor.ts";
import { Tensor } from "../core/tensor.ts";
import { record } from "../core/trace.ts";
import { reshape } from "./reshape.ts";

/**
 * `[B, d1, d2, …]` → `[B, d1·d2·…]`, the course's flattening of a conv volume
 * before the dense layers (`torch.flatten(x, 1)`, Keras `Flatten`). A scalar
 * does not compile. Shares the data. Gradient: the cotangent reshaped back.
 *
 * @example
 * ```ts
 * import { flatten } from "./flatten.ts";
 * import { zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const features: Tensor<[2, 400]> = flatten(zeros([2, 5, 5, 16]));
 * ```
 */
export function flatten<S extends Shape, D extends DType>(
  x: Tensor<S, D> & NoInfer<Guard<FlattenShape<S>>>,
): Tensor<Ok<FlattenShape<S>>, D> {
  const shape = x.shape as readonly number[];
  const flat = new Tensor<Ok<FlattenShape<S>>, D>(flattenShape(shape), x.dtype, x.data);
  return record("flatten", flat, [x], (g) => [reshape(g, shape)]);
}
