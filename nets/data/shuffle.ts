/**
 * Shuffling a dataset with an explicit key.
 *
 * @module
 */
import type { Shape } from "../../core/shape.ts";
import type { DType } from "../../core/tensor.ts";
import type { PRNGKey } from "../../core/random.ts";
import type { Dataset } from "./dataset.ts";
import { permutation } from "./permutation.ts";
import { gatherDataset } from "./_gather.ts";

/**
 * The rows of `dataset` in the order of `permutation(key, dataset.size)`:
 * the same key gives the same order, and inputs, labels and one-hot rows move
 * together.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key } from "../../core/random.ts";
 * import { tensor } from "../../core/create.ts";
 * import { makeDataset } from "./dataset.ts";
 * import { shuffle } from "./shuffle.ts";
 * const data = makeDataset(tensor([[0], [1], [2], [3]]), [0, 1, 2, 3], { classes: 4 });
 * const mixed = shuffle(data, key(7));
 * assert.deepEqual(Array.from(mixed.images.data), Array.from(mixed.labels));
 * assert.deepEqual(Array.from(mixed.labels).sort(), [0, 1, 2, 3]);
 * ```
 */
export function shuffle<F extends Shape, C extends number, D extends DType>(
  dataset: Dataset<F, C, D>,
  key: PRNGKey,
): Dataset<F, C, D> {
  return gatherDataset(dataset, permutation(key, dataset.size), 0, dataset.size);
}
