/**
 * `conv2d`: 2-d convolution.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import type { ConvShape, NoOptions, WindowOptions } from "../core/shapes/conv.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { convolve } from "./_conv.ts";

/**
 * 2-d convolution (cross-correlation, as in every deep-learning library) of
 * images, `[batch, height, width, channels]` (NHWC) with filters `[f, f, cIn, cOut]` (HWIO). Options: `stride` (default 1) and `padding`:
 * `"valid"` (default), `"same"` (TensorFlow's rule: output `⌈n/s⌉`, the
 * extra zero at the end) or a number of zeros on each side. The output size
 * per axis is `⌊(n + 2p − f)/s⌋ + 1`, computed at compile time. Like
 * `tf.nn.conv2d` (NHWC, HWIO).
 *
 * @example
 * ```ts
 * import { conv2d } from "./conv2d.ts";
 * import { ones } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const y: Tensor<[2, 24, 24, 6]> = conv2d(ones([2, 28, 28, 1]), ones([5, 5, 1, 6]), { stride: 1 });
 * ```
 */
export function conv2d<
  X extends Shape,
  W extends Shape,
  D extends DType,
  const O extends WindowOptions = NoOptions,
>(
  x: Tensor<X, D>,
  w: Tensor<W, NoInfer<D>> & NoInfer<Guard<ConvShape<X, W, O, "conv2d", 2>>>,
  options?: O,
): Tensor<Ok<ConvShape<X, W, O, "conv2d", 2>>, D> {
  return convolve<Ok<ConvShape<X, W, O, "conv2d", 2>>, D>("conv2d", 2, x, w, options);
}
