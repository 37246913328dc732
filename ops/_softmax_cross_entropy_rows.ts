/**
 * The fused loops behind `softmaxCrossEntropy`: one pass per row for the
 * loss (the row's maximum, its log-sum-exp, the labelled log-probabilities),
 * and one for the cotangents, in f64 arithmetic. They replace a dozen
 * kernel calls and their temporaries on the training path; the op's
 * gradient rule falls back to differentiable ops when a trace must see the
 * work (grad of grad).
 *
 * @module
 */
import type { Buffer } from "../core/kernels/backend.ts";

/**
 * The mean over `rows` rows of `−Σ_c y·(x − max − log Σ exp(x − max))`;
 * writes each row's maximum and log-normaliser into `stats` (`2·rows`
 * entries) and, when given, the softmax into `probabilities`, for the
 * backward pass. NaN logits propagate as in `max`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { crossEntropyRows } from "./_softmax_cross_entropy_rows.ts";
 * const stats = new Float64Array(2);
 * const loss = crossEntropyRows(new Float64Array([0, 0]), new Float64Array([1, 0]), 1, stats);
 * assert.equal(loss, Math.LN2);
 * ```
 */
export function crossEntropyRows(
  x: Buffer,
  y: Buffer,
  rows: number,
  stats: Float64Array,
  probabilities: Float64Array | null = null,
): number {
  const classes = rows === 0 ? 0 : x.length / rows;
  let loss = 0;
  for (let r = 0; r < rows; r++) {
    const base = r * classes;
    let max = -Infinity;
    for (let j = 0; j < classes; j++) {
      const value = x[base + j];
      if (value > max || value !== value) max = value;
    }
    let total = 0;
    if (probabilities === null) {
      for (let j = 0; j < classes; j++) total += Math.exp(x[base + j] - max);
    } else {
      for (let j = 0; j < classes; j++) {
        const e = Math.exp(x[base + j] - max);
        probabilities[base + j] = e;
        total += e;
      }
      for (let j = 0; j < classes; j++) probabilities[base + j] /= total;
    }
    const normalizer = Math.log(total);
    let row = 0;
    for (let j = 0; j < classes; j++) row += y[base + j] * (x[base + j] - max - normalizer);
    stats[2 * r] = max;
    stats[2 * r + 1] = normalizer;
    loss += -row;
  }
  return loss / rows;
}

/**
 * The cotangents of the loss for a cotangent `scale·rows` of it: for the
 * logits `scale·(softmax(x)·Σ_c y − y)` into `dx`, for the labels
 * `−scale·logSoftmax(x)` into `dy` (either may be `null`: not needed), from
 * the forward pass's `stats` and `probabilities`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { crossEntropyRows, crossEntropyRowsGrad } from "./_softmax_cross_entropy_rows.ts";
 * const [x, y, stats] = [new Float64Array([0, 0]), new Float64Array([1, 0]), new Float64Array(2)];
 * const probabilities = new Float64Array(2);
 * crossEntropyRows(x, y, 1, stats, probabilities);
 * const dx = new Float64Array(2);
 * crossEntropyRowsGrad(x, y, 1, stats, probabilities, 1, dx, null);
 * assert.deepEqual([...dx], [-0.5, 0.5]);
 * ```
 */
export function crossEntropyRowsGrad(
  x: Buffer,
  y: Buffer,
  rows: number,
  stats: Float64Array,
  probabilities: Float64Array,
  scale: number,
  dx: Buffer | null,
  dy: Buffer | null,
): void {
  const classes = rows === 0 ? 0 : x.length / rows;
  for (let r = 0; r < rows; r++) {
    const base = r * classes;
    const max = stats[2 * r];
    const normalizer = stats[2 * r + 1];
    if (dx !== null) {
      let labelSum = 0;
      for (let j = 0; j < classes; j++) labelSum += y[base + j];
      for (let j = 0; j < classes; j++) {
        dx[base + j] = scale * (probabilities[base + j] * labelSum - y[base + j]);
      }
    }
    if (dy !== null) {
      for (let j = 0; j < classes; j++) dy[base + j] = -scale * (x[base + j] - max - normalizer);
    }
  }
}
