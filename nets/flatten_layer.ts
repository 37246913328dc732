/**
 * `flattenLayer`: each example's axes flattened into one, as a layer, with
 * the size computed at compile time (`[5, 5, 16]` → `[400]`).
 *
 * @module
 */
import type { Dim, Shape } from "../core/shape.ts";
import { sizeOf } from "../core/shape.ts";
import { ShapeError } from "../core/errors.ts";
import type { Product } from "../core/shapes/product.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { flatten } from "../ops/flatten.ts";
import type { ApplyContext, EmptyParams, ShapeRule, ShapeRuleLayer } from "./layer.ts";

type AnyTensor = Tensor<Shape, DType>;

/**
 * The shape rule of {@link flattenLayer}: `In` → `[product of In]` (`[1]`
 * for a scalar example, `[number]` for an unknown rank).
 *
 * @example
 * ```ts
 * import type { ApplyRule } from "./layer.ts";
 * import type { FlattenRule } from "./flatten_layer.ts";
 * const out: ApplyRule<FlattenRule, [7, 7, 40]> = [1960];
 * ```
 */
export interface FlattenRule extends ShapeRule {
  /** Any shape. */
  readonly anyInput: Dim[];
  /** `[product of this["input"]]`. */
  readonly output: this["input"] extends infer In extends Shape ? [Product<In>] : [number];
}

/**
 * The flatten layer's type: a shape-rule layer without params.
 *
 * @example
 * ```ts
 * import type { FlattenLayer } from "./flatten_layer.ts";
 * import { flattenLayer } from "./flatten_layer.ts";
 * const layer: FlattenLayer = flattenLayer;
 * ```
 */
export interface FlattenLayer extends ShapeRuleLayer<EmptyParams, FlattenRule> {
  /** Always `"flatten"`. */
  readonly name: "flatten";
  /** 0: no params. */
  paramCount(): number;
  /** 0: no weights. */
  multiplyCount(inputShape: readonly number[]): number;
}

/**
 * Flattens each example: `[B, ...In]` → `[B, ∏In]`, row-major (the last
 * axis fastest, so an NHWC activation's channels stay together), the step
 * between a conv stack and its dense head. The size is inferred, so a dense
 * layer after it that expects another width does not compile:
 * `sequential: layer #7 (dense): expects [400], got [576]`. Like
 * `keras.layers.Flatten()`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { flattenLayer } from "./flatten_layer.ts";
 * import { zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const y: Tensor<[2, 400]> = flattenLayer.apply({}, zeros([2, 5, 5, 16]));
 * assert.deepEqual(flattenLayer.outputShape([7, 7, 40]), [1960]);
 * ```
 */
export const flattenLayer: FlattenLayer = Object.freeze({
  name: "flatten" as const,
  init(): EmptyParams {
    return {};
  },
  apply(_params: EmptyParams, x: AnyTensor, _context?: ApplyContext): AnyTensor {
    if (x.shape.length === 0) {
      throw new ShapeError("flatten: expected a batch-first input, got a scalar");
    }
    return flatten(x as Tensor<[Dim, ...Dim[]]>) as AnyTensor;
  },
  outputShape(shape: readonly number[]): number[] {
    return [sizeOf(shape)];
  },
  paramCount: (): number => 0,
  multiplyCount: (): number => 0,
}) as unknown as FlattenLayer;
