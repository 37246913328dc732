/**
 * `ensemble`: one predictor made of several, averaging their predictions.
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import type { AverageOptions } from "./ensemble_average.ts";
import { averagePredictions } from "./ensemble_average.ts";

/** A model at inference: inputs `X` to predictions (class probabilities, usually) of shape `S`. */
export type Predictor<X, S extends Shape, D extends DType> = (x: X) => Tensor<S, D>;

/**
 * A predictor that runs every one of `predictors` on its input and returns
 * their mean prediction (weighted by `options.weights` if given; see
 * {@link averagePredictions}). Give it predictors that return probabilities
 * (`(x) => softmax(model.apply(params, x))`), not logits: the mean of
 * probabilities is the ensemble's probability, the mean of logits is not.
 * Several models trained from different seeds make a more accurate
 * predictor than any one of them, at the cost of running all of them.
 *
 * @throws {RangeError} when `predictors` is empty or the weights do not fit (at once).
 * @throws {ShapeError} from the returned predictor when the predictions' shapes differ.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ensemble } from "./ensemble.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const sure = (_x: Tensor<[1, 3]>) => tensor([[1, 0]], { dtype: "f64" });
 * const unsure = (_x: Tensor<[1, 3]>) => tensor([[0.5, 0.5]], { dtype: "f64" });
 * const both = ensemble([sure, unsure]);
 * const p: Tensor<[1, 2], "f64"> = both(tensor([[0, 0, 0]]));
 * assert.deepEqual(Array.from(p.data), [0.75, 0.25]);
 * ```
 */
export function ensemble<X, S extends Shape, D extends DType>(
  predictors: readonly Predictor<X, S, D>[],
  options: AverageOptions = {},
): Predictor<X, S, D> {
  if (predictors.length === 0) {
    throw new RangeError("ensemble: expected at least one predictor, got 0");
  }
  // Check the weights now rather than at the first prediction.
  if (options.weights !== undefined && options.weights.length !== predictors.length) {
    throw new RangeError(
      `ensemble: expected ${predictors.length} weights, one per predictor, got ${options.weights.length}`,
    );
  }
  return (x: X): Tensor<S, D> =>
    averagePredictions(predictors.map((predict) => predict(x)), options);
}
