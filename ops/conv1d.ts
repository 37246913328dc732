/**
 * `conv1d`: 1-d convolution.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import type { ConvShape, NoOptions, WindowOptions } from "../core/shapes/conv.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { convolve } from "./_conv.ts";

/**
 * 1-d convolution (cross-correlation, as in every deep-learning library) of
 * signals such as ECG traces, `[batch, width, channels]` with filters `[f, cIn, cOut]`. Options: `stride` (default 1) and `padding`:
 * `"valid"` (default), `"same"` (TensorFlow's rule: output `⌈n/s⌉`, the
 * extra zero at the end) or a number of zeros on each side. The output size
 * per axis is `⌊(n + 2p − f)/s⌋ + 1`, computed at compile time. Like
 * `torch.nn.functional.conv1d` (with channels last).
 *
 * @example
 * ```ts
 * import { conv1d } from "./conv1d.ts";
 * import { ones } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const y: Tensor<[4, 100, 8]> = conv1d(ones([4, 100, 1]), ones([5, 1, 8]), { padding: "same" });
 * ```
 */
export function conv1d<
  X extends Shape,
  W extends Shape,
  D extends DType,
  const O extends WindowOptions = NoOptions,
>(
  x: Tensor<X, D>,
  w: Tensor<W, NoInfer<D>> & NoInfer<Guard<ConvShape<X, W, O, "conv1d", 1>>>,
  options?: O,
): Tensor<Ok<ConvShape<X, W, O, "conv1d", 1>>, D> {
  return convolve<Ok<ConvShape<X, W, O, "conv1d", 1>>, D>("conv1d", 1, x, w, options);
}
