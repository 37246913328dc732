/**
 * `binaryMetrics`: the confusion counts, precision, recall and F1 of a
 * two-class (one class against the rest) prediction.
 *
 * @module
 */
import { ShapeError } from "../../core/errors.ts";

/** Options of {@link binaryMetrics}. */
export interface BinaryMetricsOptions {
  /** The label of the positive class; 1 when absent. Every other label is negative. */
  readonly positive?: number;
}

/** What {@link binaryMetrics} returns. */
export interface BinaryMetrics {
  /** Predicted positive, actually positive. */
  readonly truePositives: number;
  /** Predicted positive, actually negative. */
  readonly falsePositives: number;
  /** Predicted negative, actually negative. */
  readonly trueNegatives: number;
  /** Predicted negative, actually positive. */
  readonly falseNegatives: number;
  /** The share of right predictions, `(TP + TN) / n`. */
  readonly accuracy: number;
  /** Of the predicted positives, the share that are positive: `TP / (TP + FP)`. */
  readonly precision: number;
  /** Of the actual positives, the share predicted positive: `TP / (TP + FN)`. */
  readonly recall: number;
  /** The harmonic mean of precision and recall, `2·TP / (2·TP + FP + FN)`. */
  readonly f1: number;
  /** The share of actual positives, `(TP + FN) / n`: "always negative" scores `1 − positiveRate`. */
  readonly positiveRate: number;
}

/**
 * Scores `predicted` labels against `actual` ones for one class (`positive`,
 * 1 by default) against the rest. On a skewed set accuracy flatters: with
 * 10 % positives, always answering "negative" is 90 % accurate with recall 0,
 * so read it beside precision, recall and `positiveRate`. A ratio whose
 * denominator is 0 is `NaN` (precision when nothing is predicted positive,
 * recall when nothing is positive, everything on empty input), as 0/0 is;
 * scikit-learn returns 0 there with a warning.
 *
 * @throws {ShapeError} when the two arrays differ in length.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { binaryMetrics } from "./metrics.ts";
 * const actual = [1, 1, 0, 0, 0, 1];
 * const predicted = [1, 0, 0, 1, 0, 1];
 * const m = binaryMetrics(predicted, actual);
 * assert.deepEqual([m.truePositives, m.falsePositives, m.falseNegatives], [2, 1, 1]);
 * assert.equal(m.precision, 2 / 3);
 * assert.equal(m.recall, 2 / 3);
 * assert.equal(binaryMetrics([3, 5, 3], [3, 3, 7], { positive: 3 }).recall, 1 / 2);
 * ```
 */
export function binaryMetrics(
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  options?: BinaryMetricsOptions,
): BinaryMetrics {
  if (predicted.length !== actual.length) {
    throw new ShapeError(
      `binaryMetrics: expected as many predictions as labels, got ${predicted.length} ` +
        `predictions and ${actual.length} labels`,
    );
  }
  const positive = options?.positive ?? 1;
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (let i = 0; i < actual.length; i++) {
    const said = predicted[i] === positive;
    const is = actual[i] === positive;
    if (said && is) truePositives++;
    else if (said) falsePositives++;
    else if (is) falseNegatives++;
  }
  const n = actual.length;
  const trueNegatives = n - truePositives - falsePositives - falseNegatives;
  return {
    truePositives,
    falsePositives,
    trueNegatives,
    falseNegatives,
    accuracy: (truePositives + trueNegatives) / n,
    precision: truePositives / (truePositives + falsePositives),
    recall: truePositives / (truePositives + falseNegatives),
    f1: (2 * truePositives) / (2 * truePositives + falsePositives + falseNegatives),
    positiveRate: (truePositives + falseNegatives) / n,
  };
}
