/**
 * Keeping some classes of a dataset, relabelled, for a task on part of the
 * labels (transfer learning: train on digits 0–4, then learn 5–9).
 *
 * @module
 */
import type { Shape } from "../../core/shape.ts";
import type { DType } from "../../core/tensor.ts";
import type { Dataset } from "./dataset.ts";
import { makeDataset } from "./dataset.ts";
import { gatherDataset } from "./_gather.ts";

/** Options of {@link selectClasses}. */
export interface SelectClassesOptions {
  /**
   * Keep at most this many rows of each class, the first ones in the
   * dataset's order (shuffle first for a random sample); all when absent.
   */
  readonly perClass?: number;
}

/**
 * The rows of `dataset` whose label is one of `classes`, in the dataset's
 * order, relabelled by position in the list: the row of label `classes[k]`
 * gets label `k`, and the one-hot rows are `classes.length` wide. So
 * `selectClasses(mnist, [5, 6, 7, 8, 9])` is a 5-class dataset with 5 → 0,
 * …, 9 → 4. The inputs are copied.
 *
 * @throws {RangeError} when a class is not an integer in `[0, C)` or is
 * listed twice, the list is empty, or `perClass` is not a non-negative
 * integer.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { makeDataset } from "./dataset.ts";
 * import type { Dataset } from "./dataset.ts";
 * import { selectClasses } from "./select_classes.ts";
 * import { tensor } from "../../core/create.ts";
 * const data = makeDataset(tensor([[0], [1], [2], [3], [4]]), [0, 2, 1, 2, 2], { classes: 3 });
 * const twos: Dataset<[1], 2> = selectClasses(data, [2, 1], { perClass: 2 });
 * assert.deepEqual(Array.from(twos.images.data), [1, 2, 3]);
 * assert.deepEqual(Array.from(twos.labels), [0, 1, 0]);
 * ```
 */
export function selectClasses<
  F extends Shape,
  C extends number,
  D extends DType,
  const K extends readonly number[],
>(
  dataset: Dataset<F, C, D>,
  classes: K,
  options?: SelectClassesOptions,
): Dataset<F, K["length"], D> {
  const total = dataset.onehot.shape[1] as number;
  if (classes.length === 0) {
    throw new RangeError("selectClasses: expected at least one class, got []");
  }
  const position = new Map<number, number>();
  classes.forEach((label, k) => {
    if (!Number.isInteger(label) || label < 0 || label >= total) {
      throw new RangeError(
        `selectClasses: class ${k} must be an integer in [0, ${total}), got ${label}`,
      );
    }
    if (position.has(label)) {
      throw new RangeError(`selectClasses: class ${label} is listed twice`);
    }
    position.set(label, k);
  });
  const perClass = options?.perClass ?? Infinity;
  if (perClass !== Infinity && (!Number.isSafeInteger(perClass) || perClass < 0)) {
    throw new RangeError(
      `selectClasses: perClass must be a non-negative integer, got ${perClass}`,
    );
  }
  const kept = new Array<number>(classes.length).fill(0);
  const rows: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < dataset.size; i++) {
    const k = position.get(dataset.labels[i]);
    if (k === undefined || kept[k] >= perClass) continue;
    kept[k]++;
    rows.push(i);
    labels.push(k);
  }
  const images = gatherDataset(dataset, rows, 0, rows.length).images;
  return makeDataset(images, labels, { classes: classes.length as K["length"] });
}
