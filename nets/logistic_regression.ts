/**
 * `logisticRegression`: the course's first model, one sigmoid unit.
 *
 * @module
 */
import type { DType } from "../core/tensor.ts";
import type { Layer } from "./layer.ts";
import type { DenseParams } from "./dense.ts";
import { dense } from "./dense.ts";
import type { Initializer } from "./init.ts";
import { zeros } from "./init.ts";

/** Options of {@link logisticRegression}. */
export interface LogisticRegressionOptions<D extends DType> {
  /** How `w` is drawn; {@link zeros} when absent (as in the course: one unit has no symmetry to break). */
  readonly init?: Initializer;
  /** The params' dtype; `"f32"` when absent. */
  readonly dtype?: D;
}

/**
 * Logistic regression as {@link logisticRegression} makes it: per-example
 * input `[NX]`, output `[1]` (a logit).
 *
 * @example
 * ```ts
 * import type { LogisticRegressionLayer } from "./logistic_regression.ts";
 * import { logisticRegression } from "./logistic_regression.ts";
 * const model: LogisticRegressionLayer<784> = logisticRegression(784);
 * ```
 */
export interface LogisticRegressionLayer<NX extends number, D extends DType = "f32">
  extends Layer<DenseParams<NX, 1, D>, [NX], [1], D> {
  /** Always `"logisticRegression"`. */
  readonly name: "logisticRegression";
  /** Always `[nX]`. */
  readonly inputShape: readonly [NX];
  /** The params' dtype. */
  readonly dtype: D;
}

/**
 * Logistic regression on `nX` features: `z = x·wᵀ + b` with `w` of shape
 * `[1, nX]` (the course's `wᵀ`; shapeflow's weights are `[n_out, n_in]`) and
 * `b` of `[1]`, both zero at `init` unless `options.init` says otherwise.
 *
 * `apply` returns the logit `z`, `[B, 1]`, not the probability: train with
 * `sigmoidCrossEntropy(z, y)` (stable for large `|z|`), get probabilities
 * with `sigmoid(z)`, and predict class 1 where `z > 0` (`greater(z, 0)`),
 * which is `ŷ > 0.5`.
 *
 * @throws {RangeError} when `nX` is not a positive integer.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logisticRegression } from "./logistic_regression.ts";
 * import { key } from "../core/random.ts";
 * import { tensor } from "../core/create.ts";
 * import { sigmoid } from "../ops/sigmoid.ts";
 * import { sigmoidCrossEntropy } from "../ops/sigmoid_cross_entropy.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const model = logisticRegression(2);
 * const params = model.init(key(0));
 * const z: Tensor<[3, 1]> = model.apply(params, tensor([[1, 2], [3, 4], [5, 6]]));
 * assert.deepEqual(sigmoid(z).toArray(), [[0.5], [0.5], [0.5]]); // zero init
 * const cost = sigmoidCrossEntropy(z, tensor([[1], [0], [1]]));
 * assert(Math.abs(cost.data[0] - Math.LN2) < 1e-6);
 * ```
 */
export function logisticRegression<const NX extends number, D extends DType = "f32">(
  nX: NX,
  options?: LogisticRegressionOptions<D>,
): LogisticRegressionLayer<NX, D> {
  const layer = dense(nX, 1, { init: options?.init ?? zeros, dtype: options?.dtype ?? "f32" as D });
  return Object.freeze({ ...layer, name: "logisticRegression" as const });
}
