/**
 * Gathering rows of a dataset by index.
 *
 * @module
 */
import type { Shape } from "../../core/shape.ts";
import type { DType } from "../../core/tensor.ts";
import type { Dataset } from "./dataset.ts";
import { gatherDataset } from "./_gather.ts";

/**
 * The rows of `dataset` at `indices`, in that order (repeats allowed): inputs,
 * labels and one-hot rows are copied together.
 *
 * @throws {RangeError} when an index is not an integer in `[0, dataset.size)`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { makeDataset } from "./dataset.ts";
 * import { takeRows } from "./take_rows.ts";
 * import { tensor } from "../../core/create.ts";
 * const data = makeDataset(tensor([[0, 0], [1, 1], [2, 2]]), [0, 1, 2], { classes: 3 });
 * const picked = takeRows(data, [2, 0]);
 * assert.deepEqual(Array.from(picked.images.data), [2, 2, 0, 0]);
 * assert.deepEqual(Array.from(picked.labels), [2, 0]);
 * ```
 */
export function takeRows<F extends Shape, C extends number, D extends DType>(
  dataset: Dataset<F, C, D>,
  indices: ArrayLike<number>,
): Dataset<F, C, D> {
  for (let k = 0; k < indices.length; k++) {
    const index = indices[k];
    if (!Number.isInteger(index) || index < 0 || index >= dataset.size) {
      throw new RangeError(
        `takeRows: index ${k} must be an integer in [0, ${dataset.size}), got ${index}`,
      );
    }
  }
  return gatherDataset(dataset, indices, 0, indices.length);
}
