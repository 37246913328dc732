/**
 * `avgPool2d`: 2-D avg pooling.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import type { Pool2dShape } from "../core/shapes/conv.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import type { PoolOptions } from "./_pool.ts";
import { pool2d } from "./_pool.ts";

/**
 * 2-D avg pooling of `[batch, height, width, channels]`: the mean of each window; padded cells are not counted (TensorFlow's rule; PyTorch's default counts them).
 * Options: `size` (the square window), `stride` (default: the size) and
 * `padding` (default `"valid"`). Like tf.nn.avg_pool2d.
 *
 * @example
 * ```ts
 * import { avgPool2d } from "./avg_pool2d.ts";
 * import { ones } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const pooled: Tensor<[2, 12, 12, 6]> = avgPool2d(ones([2, 24, 24, 6]), { size: 2 });
 * ```
 */
export function avgPool2d<X extends Shape, D extends DType, const O extends PoolOptions>(
  x: Tensor<X, D> & NoInfer<Guard<Pool2dShape<X, O["size"], O>>>,
  options: O,
): Tensor<Ok<Pool2dShape<X, O["size"], O>>, D> {
  return pool2d<Ok<Pool2dShape<X, O["size"], O>>, D>("avg", x, options);
}
