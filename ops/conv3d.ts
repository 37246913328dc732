/**
 * `conv3d`: 3-d convolution.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import type { ConvShape, NoOptions, WindowOptions } from "../core/shapes/conv.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { convolve } from "./_conv.ts";

/**
 * 3-d convolution (cross-correlation, as in every deep-learning library) of
 * volumes such as CT scans, `[batch, depth, height, width, channels]` with filters `[f, f, f, cIn, cOut]`. Options: `stride` (default 1) and `padding`:
 * `"valid"` (default), `"same"` (TensorFlow's rule: output `⌈n/s⌉`, the
 * extra zero at the end) or a number of zeros on each side. The output size
 * per axis is `⌊(n + 2p − f)/s⌋ + 1`, computed at compile time. Like
 * `tf.nn.conv3d` (NDHWC).
 *
 * @example
 * ```ts
 * import { conv3d } from "./conv3d.ts";
 * import { ones } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const y: Tensor<[1, 3, 7, 7, 4]> = conv3d(ones([1, 8, 16, 16, 1]), ones([3, 3, 3, 1, 4]), { stride: 2 });
 * ```
 */
export function conv3d<
  X extends Shape,
  W extends Shape,
  D extends DType,
  const O extends WindowOptions = NoOptions,
>(
  x: Tensor<X, D>,
  w: Tensor<W, NoInfer<D>> & NoInfer<Guard<ConvShape<X, W, O, "conv3d", 3>>>,
  options?: O,
): Tensor<Ok<ConvShape<X, W, O, "conv3d", 3>>, D> {
  return convolve<Ok<ConvShape<X, W, O, "conv3d", 3>>, D>("conv3d", 3, x, w, options);
}
