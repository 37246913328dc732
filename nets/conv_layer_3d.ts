/**
 * `conv3dLayer`: the 3-d convolution layer (`[depth, height, width,
 * channels]` per example, filters `[f, f, f, cIn, cOut]`).
 *
 * @module
 */
import type { NoOptions } from "../core/shapes/conv.ts";
import type { ConvLayer, ConvLayerOptions } from "./conv_layer.ts";
import { makeConvLayer } from "./_conv_layer.ts";

/**
 * A 3-d conv layer, as {@link conv3dLayer} makes it.
 *
 * @example
 * ```ts
 * import type { Conv3dLayer } from "./conv_layer_3d.ts";
 * import { conv3dLayer } from "./conv_layer_3d.ts";
 * const layer: Conv3dLayer<3, 1, 8> = conv3dLayer(3, 1, 8);
 * ```
 */
export type Conv3dLayer<
  F extends number,
  CIn extends number,
  COut extends number,
  O = NoOptions,
> = ConvLayer<"conv3d", [F, F, F], CIn, COut, O>;

/**
 * A 3-d convolution layer over volumes (CT scans, video): `f × f × f`
 * filters from `cIn` to `cOut` channels, `y = conv3d(x, w) + b`, `w` of
 * shape `[f, f, f, cIn, cOut]`. The per-example input `[D, H, W, cIn]` is
 * any size; the output `[Do, Ho, Wo, cOut]` is inferred. Options as
 * `conv2dLayer`'s. Like `keras.layers.Conv3D(cOut, f)`.
 *
 * @throws {RangeError} when a size or the stride is not a positive integer,
 * or the padding is not valid.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { conv3dLayer } from "./conv_layer_3d.ts";
 * import { key } from "../core/random.ts";
 * import { zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const layer = conv3dLayer(3, 1, 8, { stride: 2, padding: "same" });
 * const y: Tensor<[2, 4, 5, 5, 8]> = layer.apply(layer.init(key(0)), zeros([2, 8, 10, 9, 1]));
 * assert.deepEqual(y.shape, [2, 4, 5, 5, 8]);
 * ```
 */
export function conv3dLayer<
  const F extends number,
  const CIn extends number,
  const COut extends number,
  const O extends ConvLayerOptions = NoOptions,
>(f: F, cIn: CIn, cOut: COut, options?: O): Conv3dLayer<F, CIn, COut, O> {
  return makeConvLayer("conv3d", f, cIn, cOut, options) as unknown as Conv3dLayer<F, CIn, COut, O>;
}
