/**
 * `accuracy`: the share of rows whose largest logit is the true class.
 *
 * @module
 */
import type { DType, Tensor } from "../../core/tensor.ts";
import { ShapeError } from "../../core/errors.ts";

/**
 * The fraction of rows of `logits` (`[n, classes]`) whose arg-max equals the
 * label; ties go to the first class, as `argmax` does in numpy.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { accuracy } from "./accuracy.ts";
 * import { tensor } from "../../core/create.ts";
 * const logits = tensor([[0.1, 2], [3, 0], [1, 1]]);
 * assert.equal(accuracy(logits, Int32Array.from([1, 1, 0])), 2 / 3);
 * ```
 */
export function accuracy(
  logits: Tensor<[number, number], DType>,
  labels: ArrayLike<number>,
): number {
  const [rows, classes] = logits.shape;
  if (labels.length !== rows) {
    throw new ShapeError(
      `accuracy: ${rows} rows of logits but ${labels.length} labels`,
    );
  }
  if (rows === 0) return NaN;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if (logits.data[r * classes + c] > logits.data[r * classes + best]) best = c;
    }
    if (best === labels[r]) correct++;
  }
  return correct / rows;
}
