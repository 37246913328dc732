/**
 * `averagePredictions`: the (weighted) mean of predictions of one shape.
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import { formatShape, sameShape } from "../core/shape.ts";
import { ShapeError } from "../core/errors.ts";
import type { AnyTensor, DType, Tensor } from "../core/tensor.ts";
import { scalar } from "../core/create.ts";
import { add } from "../ops/add.ts";
import { mul } from "../ops/mul.ts";

/** Options of {@link averagePredictions} and `ensemble`. */
export interface AverageOptions {
  /**
   * One weight per prediction, finite and ≥ 0, not all 0; they are scaled to
   * sum to 1. Equal weights when absent.
   */
  readonly weights?: readonly number[];
}

/**
 * `Σᵢ wᵢ·predictionᵢ` with the weights scaled to sum to 1 (the plain mean
 * when no weights are given): class probabilities of several models or of
 * several views of the input, averaged. Written with the `add` and `mul` ops,
 * so `grad` differentiates through it (distilling an ensemble, say). Every
 * prediction must have the first one's shape and dtype: nothing is
 * broadcast.
 *
 * @throws {RangeError} when there are no predictions, or the weights are the
 * wrong number, negative, not finite, or all 0.
 * @throws {ShapeError} when a prediction's shape differs from the first one's.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { averagePredictions } from "./ensemble_average.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const a = tensor([[0.25, 0.75]], { dtype: "f64" });
 * const b = tensor([[0.75, 0.25]], { dtype: "f64" });
 * const mean: Tensor<[1, 2], "f64"> = averagePredictions([a, b]);
 * assert.deepEqual(Array.from(mean.data), [0.5, 0.5]);
 * const weighted = averagePredictions([a, b], { weights: [3, 1] });
 * assert.deepEqual(Array.from(weighted.data), [0.375, 0.625]);
 * ```
 */
export function averagePredictions<S extends Shape, D extends DType>(
  predictions: readonly Tensor<S, D>[],
  options: AverageOptions = {},
): Tensor<S, D> {
  const count = predictions.length;
  if (count === 0) {
    throw new RangeError("averagePredictions: expected at least one prediction, got 0");
  }
  const weights = options.weights ?? new Array<number>(count).fill(1);
  if (weights.length !== count) {
    throw new RangeError(
      `averagePredictions: expected ${count} weights, one per prediction, got ${weights.length}`,
    );
  }
  let total = 0;
  for (const weight of weights) {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`averagePredictions: weights must be finite and >= 0, got ${weight}`);
    }
    total += weight;
  }
  if (total === 0) throw new RangeError("averagePredictions: the weights must not all be 0");
  const first = predictions[0].shape as readonly number[];
  predictions.forEach((prediction, i) => {
    const shape = prediction.shape as readonly number[];
    if (!sameShape(shape, first)) {
      throw new ShapeError(
        `averagePredictions: expected every prediction to have shape ${formatShape(first)}, ` +
          `got ${formatShape(shape)} from prediction ${i}`,
      );
    }
  });
  const dtype = predictions[0].dtype;
  const equal = weights.every((weight) => weight === weights[0]);
  let sum: AnyTensor | undefined;
  for (const [i, prediction] of predictions.entries()) {
    const term: AnyTensor = equal
      ? prediction
      : mul(prediction as AnyTensor, scalar(weights[i] / total, { dtype }));
    sum = sum === undefined ? term : add(sum, term);
  }
  const mean = equal && count > 1 ? mul(sum as AnyTensor, scalar(1 / count, { dtype })) : sum;
  return mean as Tensor<S, D>;
}
