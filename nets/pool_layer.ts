/**
 * `maxPool2dLayer` and `avgPool2dLayer`: 2-d pooling as layers without
 * params, with the output shape a type-level function of the input.
 *
 * @module
 */
import type { Dim, Shape } from "../core/shape.ts";
import { formatShape } from "../core/shape.ts";
import { ShapeError } from "../core/errors.ts";
import type { ConvSpatial, NoOptions, Padding } from "../core/shapes/conv.ts";
import { convOutputSize } from "../core/shapes/conv.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { maxPool2d } from "../ops/max_pool2d.ts";
import { avgPool2d } from "../ops/avg_pool2d.ts";
import type { ApplyContext, EmptyParams, ShapeRule, ShapeRuleLayer } from "./layer.ts";
import type { ShapeText } from "./sequential.ts";
import type { OptionsPadding } from "./conv_layer.ts";
import { checkPadding, checkPositive } from "./_conv_layer.ts";

type AnyTensor = Tensor<Shape, DType>;
/** A pooling layer's op. */
export type PoolOp = "maxPool2d" | "avgPool2d";

/** Options of the pooling layers. */
export interface PoolLayerOptions {
  /** Step between windows; the window's side when absent. */
  readonly stride?: number;
  /** `"valid"` (the default), `"same"`, or explicit padding (at most half the window). */
  readonly padding?: Padding;
}

/**
 * The per-example output of 2-d pooling on `[H, W, C]`: `[Ho, Wo, C]`, or a
 * `ShapeError`.
 *
 * @example
 * ```ts
 * import type { PoolLayerShape } from "./pool_layer.ts";
 * const out: PoolLayerShape<[28, 28, 6], 2, 2, "valid", "maxPool2d"> = [14, 14, 6];
 * ```
 */
export type PoolLayerShape<
  In,
  Size extends number,
  S extends number,
  P extends Padding,
  Op extends PoolOp,
> = In extends readonly Dim[] ? number extends In["length"] ? [number, number, number]
  : In extends readonly [infer H extends Dim, infer W extends Dim, infer C extends Dim]
    ? ConvSpatial<[H, W], [Size, Size], S, P, Op> extends infer Out
      ? Out extends { ok: [infer H2 extends Dim, infer W2 extends Dim] } ? [H2, W2, C] : Out
    : never
  : ShapeError<`${Op}: expects [height, width, channels], got ${ShapeText<In>}`>
  : never;

/** The shape rule of a pooling layer: {@link PoolLayerShape}. */
export interface PoolLayerRule<
  Size extends number,
  S extends number,
  P extends Padding,
  Op extends PoolOp,
> extends ShapeRule {
  /** `[number, number, number]`. */
  readonly anyInput: [number, number, number];
  /** The output for `this["input"]`. */
  readonly output: PoolLayerShape<this["input"], Size, S, P, Op>;
}

/** The stride options name, or the window's side. */
export type PoolStride<O, Size extends number> = O extends
  { readonly stride: infer S extends number } ? S
  : Size;

/**
 * A pooling layer as {@link maxPool2dLayer} and {@link avgPool2dLayer} make it.
 *
 * @example
 * ```ts
 * import type { PoolLayer } from "./pool_layer.ts";
 * import { maxPool2dLayer } from "./pool_layer.ts";
 * const pool: PoolLayer<"maxPool2d", 2> = maxPool2dLayer(2);
 * ```
 */
export interface PoolLayer<Op extends PoolOp, Size extends number, O = NoOptions>
  extends
    ShapeRuleLayer<EmptyParams, PoolLayerRule<Size, PoolStride<O, Size>, OptionsPadding<O>, Op>> {
  /** `"maxPool2d"` or `"avgPool2d"`. */
  readonly name: Op;
  /** The window's side. */
  readonly size: Size;
  /** The stride. */
  readonly stride: PoolStride<O, Size>;
  /** The padding. */
  readonly padding: OptionsPadding<O>;
  /** 0: pooling has no params. */
  paramCount(): number;
  /** 0: pooling has no weights to multiply by. */
  multiplyCount(inputShape: readonly number[]): number;
}

function poolLayer(op: PoolOp, size: number, options: PoolLayerOptions | undefined): object {
  checkPositive(op, "the window size", size);
  const stride = options?.stride ?? size;
  checkPositive(op, "stride", stride);
  const padding = options?.padding ?? "valid";
  checkPadding(op, padding);
  if (typeof padding === "number" && padding * 2 > size) {
    throw new RangeError(
      `${op}: explicit padding must be at most half the window, got padding ${padding} for ` +
        `size ${size}`,
    );
  }
  const outputShape = (shape: readonly number[]): number[] => {
    if (shape.length !== 3) {
      throw new ShapeError(
        `${op}: expects [height, width, channels], got ${formatShape(shape)}`,
      );
    }
    const window = { stride, padding, op };
    return [
      convOutputSize(shape[0], size, window),
      convOutputSize(shape[1], size, window),
      shape[2],
    ];
  };
  const pool = op === "maxPool2d" ? maxPool2d : avgPool2d;
  return Object.freeze({
    name: op,
    size,
    stride,
    padding,
    init(): EmptyParams {
      return {};
    },
    apply(_params: EmptyParams, x: AnyTensor, _context?: ApplyContext): AnyTensor {
      const shape = x.shape as readonly number[];
      if (shape.length === 0) {
        throw new ShapeError(`${op}: expected a batch-first input, got a scalar`);
      }
      outputShape(shape.slice(1));
      return pool(x as Tensor<[Dim, Dim, Dim, Dim]>, { size, stride, padding }) as AnyTensor;
    },
    outputShape,
    paramCount: (): number => 0,
    multiplyCount(shape: readonly number[]): number {
      outputShape(shape);
      return 0;
    },
  });
}

/**
 * 2-d max pooling as a layer: the largest value of each `size × size` window
 * per channel, on `[H, W, C]` examples (NHWC); the stride defaults to the
 * window. The output `[Ho, Wo, C]` is inferred from the input. Ties share
 * the gradient. Like `keras.layers.MaxPool2D(size)`.
 *
 * @throws {RangeError} when the size or stride is not a positive integer, or
 * the padding is not valid (explicit padding at most half the window).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { maxPool2dLayer } from "./pool_layer.ts";
 * import { tensor } from "../core/create.ts";
 * const pool = maxPool2dLayer(2);
 * const x = tensor([[[[1], [2]], [[3], [4]]]]);
 * assert.deepEqual(pool.apply({}, x).toArray(), [[[[4]]]]);
 * assert.deepEqual(maxPool2dLayer(3, { stride: 1, padding: "same" }).outputShape([28, 28, 192]), [
 *   28,
 *   28,
 *   192,
 * ]);
 * ```
 */
export function maxPool2dLayer<
  const Size extends number,
  const O extends PoolLayerOptions = NoOptions,
>(
  size: Size,
  options?: O,
): PoolLayer<"maxPool2d", Size, O> {
  return poolLayer("maxPool2d", size, options) as PoolLayer<"maxPool2d", Size, O>;
}

/**
 * 2-d average pooling as a layer: the mean of each `size × size` window per
 * channel, on `[H, W, C]` examples; the stride defaults to the window (the
 * classic LeNet-5 subsampling). Padding is left out of the mean. Like
 * `keras.layers.AveragePooling2D(size)`.
 *
 * @throws {RangeError} when the size or stride is not a positive integer, or
 * the padding is not valid.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { avgPool2dLayer } from "./pool_layer.ts";
 * import { tensor } from "../core/create.ts";
 * const pool = avgPool2dLayer(2);
 * assert.deepEqual(pool.apply({}, tensor([[[[1], [2]], [[3], [4]]]])).toArray(), [[[[2.5]]]]);
 * ```
 */
export function avgPool2dLayer<
  const Size extends number,
  const O extends PoolLayerOptions = NoOptions,
>(
  size: Size,
  options?: O,
): PoolLayer<"avgPool2d", Size, O> {
  return poolLayer("avgPool2d", size, options) as PoolLayer<"avgPool2d", Size, O>;
}
