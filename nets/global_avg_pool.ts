/**
 * `globalAvgPool`: the mean of each channel over the whole image, as a
 * layer: `[H, W, C]` → `[C]`.
 *
 * @module
 */
import type { Dim, Shape } from "../core/shape.ts";
import { formatShape } from "../core/shape.ts";
import { ShapeError } from "../core/errors.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { mean } from "../ops/mean.ts";
import type { ApplyContext, EmptyParams, ShapeRule, ShapeRuleLayer } from "./layer.ts";
import type { ShapeText } from "./sequential.ts";

type AnyTensor = Tensor<Shape, DType>;

/**
 * The shape rule of {@link globalAvgPool}: `[H, W, C]` → `[C]`, or a
 * `ShapeError` for another rank.
 *
 * @example
 * ```ts
 * import type { ApplyRule } from "./layer.ts";
 * import type { GlobalAvgPoolRule } from "./global_avg_pool.ts";
 * const out: ApplyRule<GlobalAvgPoolRule, [7, 7, 2048]> = [2048];
 * ```
 */
export interface GlobalAvgPoolRule extends ShapeRule {
  /** `[number, number, number]`. */
  readonly anyInput: [number, number, number];
  /** `[C]` for `this["input"] = [H, W, C]`. */
  readonly output: this["input"] extends readonly Dim[]
    ? number extends this["input"]["length"] ? [number]
    : this["input"] extends readonly [Dim, Dim, infer C extends Dim] ? [C]
    : ShapeError<
      `globalAvgPool: expects [height, width, channels], got ${ShapeText<this["input"]>}`
    >
    : never;
}

/**
 * The global average pooling layer's type.
 *
 * @example
 * ```ts
 * import type { GlobalAvgPoolLayer } from "./global_avg_pool.ts";
 * import { globalAvgPool } from "./global_avg_pool.ts";
 * const layer: GlobalAvgPoolLayer = globalAvgPool;
 * ```
 */
export interface GlobalAvgPoolLayer extends ShapeRuleLayer<EmptyParams, GlobalAvgPoolRule> {
  /** Always `"globalAvgPool"`. */
  readonly name: "globalAvgPool";
  /** 0: no params. */
  paramCount(): number;
  /** 0: no weights. */
  multiplyCount(inputShape: readonly number[]): number;
}

function outputShape(shape: readonly number[]): number[] {
  if (shape.length !== 3) {
    throw new ShapeError(
      `globalAvgPool: expects [height, width, channels], got ${formatShape(shape)}`,
    );
  }
  return [shape[2]];
}

/**
 * Global average pooling: each channel's mean over height and width,
 * `[B, H, W, C]` → `[B, C]`, the head of ResNet and Inception in place of
 * flatten and big dense layers. Like `keras.layers.GlobalAveragePooling2D()`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { globalAvgPool } from "./global_avg_pool.ts";
 * import { tensor } from "../core/create.ts";
 * const x = tensor([[[[1, 10], [2, 20]], [[3, 30], [4, 40]]]]);
 * assert.deepEqual(globalAvgPool.apply({}, x).toArray(), [[2.5, 25]]);
 * ```
 */
export const globalAvgPool: GlobalAvgPoolLayer = Object.freeze({
  name: "globalAvgPool" as const,
  init(): EmptyParams {
    return {};
  },
  apply(_params: EmptyParams, x: AnyTensor, _context?: ApplyContext): AnyTensor {
    const shape = x.shape as readonly number[];
    if (shape.length === 0) {
      throw new ShapeError("globalAvgPool: expected a batch-first input, got a scalar");
    }
    outputShape(shape.slice(1));
    return mean(x as Tensor<number[]>, { axis: [1, 2] }) as AnyTensor;
  },
  outputShape,
  paramCount: (): number => 0,
  multiplyCount(shape: readonly number[]): number {
    outputShape(shape);
    return 0;
  },
}) as unknown as GlobalAvgPoolLayer;
