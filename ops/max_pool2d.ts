/**
 * `maxPool2d`: 2-D max pooling.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import type { Pool2dShape } from "../core/shapes/conv.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import type { PoolOptions } from "./_pool.ts";
import { pool2d } from "./_pool.ts";

/**
 * 2-D max pooling of `[batch, height, width, channels]`: the largest value of each window (padded cells never win).
 * Options: `size` (the square window), `stride` (default: the size) and
 * `padding` (default `"valid"`). Like tf.nn.max_pool2d and torch.nn.functional.max_pool2d.
 *
 * @example
 * ```ts
 * import { maxPool2d } from "./max_pool2d.ts";
 * import { ones } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const pooled: Tensor<[2, 12, 12, 6]> = maxPool2d(ones([2, 24, 24, 6]), { size: 2 });
 * ```
 */
export function maxPool2d<X extends Shape, D extends DType, const O extends PoolOptions>(
  x: Tensor<X, D> & NoInfer<Guard<Pool2dShape<X, O["size"], O>>>,
  options: O,
): Tensor<Ok<Pool2dShape<X, O["size"], O>>, D> {
  return pool2d<Ok<Pool2dShape<X, O["size"], O>>, D>("max", x, options);
}
