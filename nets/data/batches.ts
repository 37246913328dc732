/**
 * Mini-batches: one epoch of a dataset cut into batches, shuffled by an
 * explicit key.
 *
 * @module
 */
import type { Shape } from "../../core/shape.ts";
import type { DType } from "../../core/tensor.ts";
import type { PRNGKey } from "../../core/random.ts";
import type { Dataset } from "./dataset.ts";
import { permutation } from "./permutation.ts";
import { gatherDataset } from "./_gather.ts";

/** Options of {@link batches}. */
export interface BatchOptions {
  /** Rows per batch, a positive integer (the course's mini-batch size, e.g. 64). */
  readonly batchSize: number;
  /**
   * The key of the shuffle; derive one per epoch (`foldIn(key, epoch)`). When
   * absent the rows keep their order.
   */
  readonly key?: PRNGKey;
  /** Drop the last batch when it has fewer than `batchSize` rows; `false` when absent. */
  readonly dropLast?: boolean;
}

/**
 * The number of batches {@link batches} makes of `size` rows:
 * `⌈size / batchSize⌉`, or `⌊size / batchSize⌋` with `dropLast`.
 *
 * @throws {RangeError} when `size` is not a non-negative integer or `batchSize` not a positive one.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { batchCount } from "./batches.ts";
 * assert.equal(batchCount(8000, { batchSize: 64 }), 125);
 * assert.equal(batchCount(100, { batchSize: 64 }), 2);
 * assert.equal(batchCount(100, { batchSize: 64, dropLast: true }), 1);
 * ```
 */
export function batchCount(size: number, options: Omit<BatchOptions, "key">): number {
  return countBatches("batchCount", size, options);
}

function countBatches(op: string, size: number, options: Omit<BatchOptions, "key">): number {
  const { batchSize, dropLast = false } = options;
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new RangeError(`${op}: size must be a non-negative integer, got ${size}`);
  }
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`${op}: batchSize must be a positive integer, got ${batchSize}`);
  }
  return dropLast ? Math.floor(size / batchSize) : Math.ceil(size / batchSize);
}

/**
 * One epoch of `dataset` as mini-batches of `batchSize` rows, each a
 * {@link Dataset} of its own (`images`, `labels`, `onehot`, `size`). With a
 * `key` the rows are taken in the order of `permutation(key, size)`, so every
 * row appears exactly once per epoch and the same key gives the same batches;
 * without one they keep their order. The last batch is shorter when
 * `batchSize` does not divide the size, unless `dropLast`.
 *
 * The batches are copies, made all at once: an epoch costs one copy of the
 * dataset (25 MB for 8,000 MNIST digits).
 *
 * @throws {RangeError} when `batchSize` is not a positive integer.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { foldIn, key } from "../../core/random.ts";
 * import { zeros } from "../../core/create.ts";
 * import { makeDataset } from "./dataset.ts";
 * import { batches } from "./batches.ts";
 * const data = makeDataset(zeros([10, 784]), new Array(10).fill(3), { classes: 10 });
 * const epoch = batches(data, { batchSize: 4, key: foldIn(key(0), 1) });
 * assert.deepEqual(epoch.map((batch) => batch.size), [4, 4, 2]);
 * assert.deepEqual(epoch[2].images.shape, [2, 784]);
 * ```
 */
export function batches<F extends Shape, C extends number, D extends DType>(
  dataset: Dataset<F, C, D>,
  options: BatchOptions,
): Dataset<F, C, D>[] {
  const count = countBatches("batches", dataset.size, options);
  const { batchSize, key } = options;
  let order: ArrayLike<number>;
  if (key !== undefined) {
    order = permutation(key, dataset.size);
  } else {
    const identity = new Int32Array(dataset.size);
    for (let i = 0; i < identity.length; i++) identity[i] = i;
    order = identity;
  }
  const out = new Array<Dataset<F, C, D>>(count);
  for (let b = 0; b < count; b++) {
    const start = b * batchSize;
    out[b] = gatherDataset(dataset, order, start, Math.min(start + batchSize, dataset.size));
  }
  return out;
}
