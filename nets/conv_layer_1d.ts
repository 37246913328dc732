/**
 * `conv1dLayer`: the 1-d convolution layer (`[length, channels]` per
 * example, filters `[f, cIn, cOut]`).
 *
 * @module
 */
import type { NoOptions } from "../core/shapes/conv.ts";
import type { ConvLayer, ConvLayerOptions } from "./conv_layer.ts";
import { makeConvLayer } from "./_conv_layer.ts";

/**
 * A 1-d conv layer, as {@link conv1dLayer} makes it.
 *
 * @example
 * ```ts
 * import type { Conv1dLayer } from "./conv_layer_1d.ts";
 * import { conv1dLayer } from "./conv_layer_1d.ts";
 * const layer: Conv1dLayer<5, 1, 8> = conv1dLayer(5, 1, 8);
 * ```
 */
export type Conv1dLayer<
  F extends number,
  CIn extends number,
  COut extends number,
  O = NoOptions,
> = ConvLayer<"conv1d", [F], CIn, COut, O>;

/**
 * A 1-d convolution layer over sequences (an ECG, a signal): filters of
 * length `f` from `cIn` to `cOut` channels, `y = conv1d(x, w) + b`, `w` of
 * shape `[f, cIn, cOut]`. The per-example input `[L, cIn]` is any length;
 * the output `[Lo, cOut]` is inferred. Options as `conv2dLayer`'s. Like
 * `keras.layers.Conv1D(cOut, f)`.
 *
 * @throws {RangeError} when a size or the stride is not a positive integer,
 * or the padding is not valid.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { conv1dLayer } from "./conv_layer_1d.ts";
 * import { key } from "../core/random.ts";
 * import { zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const layer = conv1dLayer(5, 1, 8, { stride: 2, padding: "same" });
 * const y: Tensor<[4, 50, 8]> = layer.apply(layer.init(key(0)), zeros([4, 100, 1]));
 * assert.deepEqual(y.shape, [4, 50, 8]);
 * ```
 */
export function conv1dLayer<
  const F extends number,
  const CIn extends number,
  const COut extends number,
  const O extends ConvLayerOptions = NoOptions,
>(f: F, cIn: CIn, cOut: COut, options?: O): Conv1dLayer<F, CIn, COut, O> {
  return makeConvLayer("conv1d", f, cIn, cOut, options) as unknown as Conv1dLayer<F, CIn, COut, O>;
}
