/**
 * `softmaxRegression`: multiclass logistic regression.
 *
 * @module
 */
import type { DType } from "../core/tensor.ts";
import type { Layer } from "./layer.ts";
import type { DenseParams } from "./dense.ts";
import { dense } from "./dense.ts";
import type { Initializer } from "./init.ts";
import { zeros } from "./init.ts";

/** Options of {@link softmaxRegression}. */
export interface SoftmaxRegressionOptions<D extends DType> {
  /** How `W` is drawn; {@link zeros} when absent (no hidden units, so no symmetry to break). */
  readonly init?: Initializer;
  /** The params' dtype; `"f32"` when absent. */
  readonly dtype?: D;
}

/**
 * Softmax regression as {@link softmaxRegression} makes it: per-example input
 * `[NX]`, output `[NClasses]` (logits).
 *
 * @example
 * ```ts
 * import type { SoftmaxRegressionLayer } from "./softmax_regression.ts";
 * import { softmaxRegression } from "./softmax_regression.ts";
 * const model: SoftmaxRegressionLayer<784, 10> = softmaxRegression(784, 10);
 * ```
 */
export interface SoftmaxRegressionLayer<
  NX extends number,
  NClasses extends number,
  D extends DType = "f32",
> extends Layer<DenseParams<NX, NClasses, D>, [NX], [NClasses], D> {
  /** Always `"softmaxRegression"`. */
  readonly name: "softmaxRegression";
  /** Always `[nX]`. */
  readonly inputShape: readonly [NX];
  /** The params' dtype. */
  readonly dtype: D;
}

/**
 * Softmax regression of `nX` features into `nClasses` classes: the logits
 * `z = x·Wᵀ + b`, `W` of shape `[nClasses, nX]`, `b` of `[nClasses]`, zero at
 * `init` unless `options.init` says otherwise. `apply` returns logits: train
 * with `softmaxCrossEntropy(z, onehot)`, get probabilities with `softmax(z)`.
 *
 * @throws {RangeError} when `nX` or `nClasses` is not a positive integer.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { softmaxRegression } from "./softmax_regression.ts";
 * import { key } from "../core/random.ts";
 * import { zeros } from "../core/create.ts";
 * import { softmax } from "../ops/softmax.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const model = softmaxRegression(4, 3);
 * const logits: Tensor<[2, 3]> = model.apply(model.init(key(0)), zeros([2, 4]));
 * assert(softmax(logits).data.every((p) => Math.abs(p - 1 / 3) < 1e-6));
 * ```
 */
export function softmaxRegression<
  const NX extends number,
  const NClasses extends number,
  D extends DType = "f32",
>(
  nX: NX,
  nClasses: NClasses,
  options?: SoftmaxRegressionOptions<D>,
): SoftmaxRegressionLayer<NX, NClasses, D> {
  const layer = dense(nX, nClasses, {
    init: options?.init ?? zeros,
    dtype: options?.dtype ?? "f32" as D,
  });
  return Object.freeze({ ...layer, name: "softmaxRegression" as const });
}
