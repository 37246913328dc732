/**
 * `conv2dLayer`: the 2-d convolution layer (NHWC, filters HWIO), and the
 * types every conv layer shares. Its output shape is a type-level function of
 * its input, so it composes in `sequential` with the sizes inferred.
 *
 * @module
 */
import type { Dim, DimText, SameDim, Shape } from "../core/shape.ts";
import type { ShapeError } from "../core/errors.ts";
import type { ConvSpatial, NoOptions, Padding } from "../core/shapes/conv.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import type { ShapeRule, ShapeRuleLayer } from "./layer.ts";
import type { Initializer } from "./init.ts";
import type { ShapeText } from "./sequential.ts";
import { makeConvLayer } from "./_conv_layer.ts";

/** The names of each conv op's spatial axes, as messages show them. */
export interface ConvAxes {
  /** `[length, channels]` examples. */
  readonly conv1d: "length";
  /** `[height, width, channels]` examples. */
  readonly conv2d: "height, width";
  /** `[depth, height, width, channels]` examples. */
  readonly conv3d: "depth, height, width";
}

/** A convolution layer's op: `"conv1d"`, `"conv2d"` or `"conv3d"`. */
export type ConvOp = keyof ConvAxes;

/** Options of the conv layers ({@link conv2dLayer}, `conv1dLayer`, `conv3dLayer`). */
export interface ConvLayerOptions {
  /** Step between windows; 1 when absent. */
  readonly stride?: number;
  /** `"valid"` (the default), `"same"` (output `⌈n/s⌉`) or explicit zeros per side. */
  readonly padding?: Padding;
  /** Whether the layer adds a bias per output channel; `true` when absent. */
  readonly bias?: boolean;
  /** How the filter is drawn; He when absent (fan-in `f^rank · cIn`). The bias starts at 0. */
  readonly init?: Initializer;
  /** The params' dtype; `"f32"` when absent. */
  readonly dtype?: DType;
}

/** The dtype options name (`"f32"` when absent). */
export type OptionsDType<O> = O extends { readonly dtype: infer D extends DType } ? D : "f32";
/** Whether options keep the bias (`true` unless `bias: false`). */
export type OptionsBias<O> = O extends { readonly bias: infer B extends boolean } ? B : true;
/** The stride options name (1 when absent). */
export type OptionsStride<O> = O extends { readonly stride: infer S extends number } ? S : 1;
/** The padding options name (`"valid"` when absent). */
export type OptionsPadding<O> = O extends { readonly padding: infer P extends Padding } ? P
  : "valid";

/**
 * The params of a conv layer: the filter `w` (`[...window, cIn, cOut]`,
 * HWIO) and the bias `b` (`[cOut]`); `w` only without a bias.
 *
 * @example
 * ```ts
 * import type { ConvParams } from "./conv_layer.ts";
 * import { zeros } from "../core/create.ts";
 * const params: ConvParams<[5, 5, 1, 6], 6> = { w: zeros([5, 5, 1, 6]), b: zeros([6]) };
 * ```
 */
export type ConvParams<
  Filter extends Shape,
  COut extends number,
  D extends DType = "f32",
  Bias extends boolean = true,
> = false extends Bias ? { w: Tensor<Filter, D> } : { w: Tensor<Filter, D>; b: Tensor<[COut], D> };

/** A `number` for each axis of a window: the spatial dims a conv leaves open. */
export type OpenDims<Window extends readonly number[]> = { [K in keyof Window]: number };

/**
 * The per-example output of a conv layer on `In = [...spatial, C]`:
 * `[...out, COut]`, each size `⌊(n + 2p − f)/s⌋ + 1` (or `⌈n/s⌉` for
 * `"same"`), or a `ShapeError` for a wrong rank, channel count or a window
 * larger than its input.
 *
 * @example
 * ```ts
 * import type { ConvLayerShape } from "./conv_layer.ts";
 * const out: ConvLayerShape<[39, 39, 3], [3, 3], 3, 10, 1, "valid", "conv2d"> = [37, 37, 10];
 * ```
 */
export type ConvLayerShape<
  In,
  Window extends readonly number[],
  CIn extends number,
  COut extends number,
  S extends number,
  P extends Padding,
  Op extends ConvOp,
> = In extends readonly Dim[] ? number extends In["length"] ? [...OpenDims<Window>, COut]
  : In extends readonly [...infer Spatial extends Dim[], infer C extends Dim]
    ? Spatial["length"] extends Window["length"] ? SameDim<
        C,
        CIn,
        `${Op}: input has ${DimText<C>} channels but the layer expects ${CIn}`
      > extends infer Checked ? Checked extends ShapeError ? Checked
        : ConvSpatial<Spatial, Window, S, P, Op> extends infer Out
          ? Out extends { ok: infer Dims extends Dim[] } ? [...Dims, COut] : Out
        : never
      : never
    : ConvRankError<In, CIn, Op>
  : ConvRankError<In, CIn, Op>
  : ConvRankError<[], CIn, Op>;

/** The error of a conv layer given an input of the wrong rank. */
export type ConvRankError<In extends readonly unknown[], CIn extends number, Op extends ConvOp> =
  ShapeError<`${Op}: expects [${ConvAxes[Op]}, ${CIn}], got ${ShapeText<In>}`>;

/**
 * The shape rule of a conv layer: {@link ConvLayerShape} as a
 * {@link ShapeRule}; it takes `[...spatial, CIn]` of any spatial size.
 */
export interface ConvLayerRule<
  Window extends readonly number[],
  CIn extends number,
  COut extends number,
  S extends number,
  P extends Padding,
  Op extends ConvOp,
> extends ShapeRule {
  /** `[number, ..., CIn]`. */
  readonly anyInput: [...OpenDims<Window>, CIn];
  /** The output for `this["input"]`. */
  readonly output: ConvLayerShape<this["input"], Window, CIn, COut, S, P, Op>;
}

/**
 * A conv layer as `conv1dLayer`, {@link conv2dLayer} and `conv3dLayer` make
 * it: window `Window`, `CIn` to `COut` channels, options `O`.
 *
 * @example
 * ```ts
 * import type { ConvLayer } from "./conv_layer.ts";
 * import { conv2dLayer } from "./conv_layer.ts";
 * const layer: ConvLayer<"conv2d", [5, 5], 1, 6, { stride: 1 }> = conv2dLayer(5, 1, 6, {
 *   stride: 1,
 * });
 * ```
 */
export interface ConvLayer<
  Op extends ConvOp,
  Window extends readonly number[],
  CIn extends number,
  COut extends number,
  O = NoOptions,
> extends
  ShapeRuleLayer<
    ConvParams<[...Window, CIn, COut], COut, OptionsDType<O>, OptionsBias<O>>,
    ConvLayerRule<Window, CIn, COut, OptionsStride<O>, OptionsPadding<O>, Op>,
    OptionsDType<O>
  > {
  /** The op: `"conv1d"`, `"conv2d"` or `"conv3d"`. */
  readonly name: Op;
  /** The params' dtype. */
  readonly dtype: OptionsDType<O>;
  /** The window's side `f`. */
  readonly size: Window[0];
  /** Input channels. */
  readonly cIn: CIn;
  /** Output channels (filters). */
  readonly cOut: COut;
  /** The stride. */
  readonly stride: OptionsStride<O>;
  /** The padding. */
  readonly padding: OptionsPadding<O>;
  /** Whether the layer has a bias. */
  readonly bias: OptionsBias<O>;
  /** `f^rank · cIn · cOut` weights, plus `cOut` biases. */
  paramCount(): number;
  /** Per example: the output's size times `f^rank · cIn`. */
  multiplyCount(inputShape: readonly number[]): number;
}

/**
 * A 2-d conv layer, as {@link conv2dLayer} makes it.
 *
 * @example
 * ```ts
 * import type { Conv2dLayer } from "./conv_layer.ts";
 * import { conv2dLayer } from "./conv_layer.ts";
 * const layer: Conv2dLayer<5, 1, 6> = conv2dLayer(5, 1, 6);
 * ```
 */
export type Conv2dLayer<
  F extends number,
  CIn extends number,
  COut extends number,
  O = NoOptions,
> = ConvLayer<"conv2d", [F, F], CIn, COut, O>;

/**
 * A 2-d convolution layer: `f × f` filters from `cIn` to `cOut` channels on
 * NHWC images, `y = conv2d(x, w) + b` with `w` of shape `[f, f, cIn, cOut]`
 * (HWIO) and `b` of `[cOut]`. A `Layer` whose per-example input `[H, W, cIn]`
 * is any size: the output `[Ho, Wo, cOut]` is computed at compile time
 * (`⌊(n + 2p − f)/s⌋ + 1`; `"same"` gives `⌈n/s⌉`), so in `sequential` the
 * sizes after it are inferred, and a channel count that does not match is a
 * compile error (a `ShapeError` at run time). Options: `stride` (1),
 * `padding` (`"valid"`), `bias` (`true`), `init` (He), `dtype` (`"f32"`).
 * Like `keras.layers.Conv2D(cOut, f)` (HWIO) or `torch.nn.Conv2d(cIn, cOut, f)`
 * (OIHW, NCHW).
 *
 * @throws {RangeError} when a size or the stride is not a positive integer,
 * or the padding is not `"valid"`, `"same"` or a non-negative integer.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { conv2dLayer } from "./conv_layer.ts";
 * import { key } from "../core/random.ts";
 * import { zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const layer = conv2dLayer(5, 3, 16, { stride: 1, padding: "same" });
 * const y: Tensor<[2, 32, 32, 16]> = layer.apply(layer.init(key(0)), zeros([2, 32, 32, 3]));
 * assert.deepEqual(layer.outputShape([39, 39, 3]), [39, 39, 16]);
 * assert.equal(layer.paramCount(), 5 * 5 * 3 * 16 + 16);
 * ```
 */
export function conv2dLayer<
  const F extends number,
  const CIn extends number,
  const COut extends number,
  const O extends ConvLayerOptions = NoOptions,
>(f: F, cIn: CIn, cOut: COut, options?: O): Conv2dLayer<F, CIn, COut, O> {
  return makeConvLayer("conv2d", f, cIn, cOut, options) as unknown as Conv2dLayer<F, CIn, COut, O>;
}
