/**
 * Labelled datasets: a batch-first tensor of inputs, its integer labels and
 * their one-hot form, kept together so that every split, shuffle and batch
 * moves all three at once.
 *
 * @module
 */
import type { Shape } from "../../core/shape.ts";
import { formatShape } from "../../core/shape.ts";
import { ShapeError } from "../../core/errors.ts";
import type { DType } from "../../core/tensor.ts";
import { allocate, Tensor } from "../../core/tensor.ts";

/**
 * A labelled dataset (or one mini-batch of it): `size` rows of inputs of
 * feature shape `F`, each with a class in `[0, C)`.
 *
 * - `images`: `[size, ...F]`, row `i` is sample `i` (MNIST: `[size, 784]`);
 * - `labels`: the classes as integers;
 * - `onehot`: `[size, C]`, row `i` is 1 at `labels[i]` and 0 elsewhere,
 *   in the inputs' dtype so that losses take it as it is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { makeDataset } from "./dataset.ts";
 * import type { Dataset } from "./dataset.ts";
 * import { tensor } from "../../core/create.ts";
 * const data: Dataset<[2], 3> = makeDataset(tensor([[0, 1], [2, 3]]), [2, 0], { classes: 3 });
 * assert.deepEqual(Array.from(data.onehot.data), [0, 0, 1, 1, 0, 0]);
 * ```
 */
export interface Dataset<F extends Shape = [784], C extends number = 10, D extends DType = "f32"> {
  /** The inputs, one row per sample. */
  readonly images: Tensor<[number, ...F], D>;
  /** The class of each sample, in `[0, C)`. */
  readonly labels: Int32Array;
  /** The classes one-hot, `[size, C]`. */
  readonly onehot: Tensor<[number, C], D>;
  /** The number of samples. */
  readonly size: number;
}

/** Options of {@link makeDataset}. */
export interface MakeDatasetOptions<C extends number> {
  /** The number of classes `C`; every label must lie in `[0, C)`. */
  readonly classes: C;
}

/**
 * A dataset from a batch-first tensor of inputs and one integer label per row.
 * The labels are copied; the inputs are shared, not copied.
 *
 * @throws {ShapeError} when the inputs are a scalar or their row count differs from the labels'.
 * @throws {RangeError} when `classes` is not a positive integer or a label is not an integer in `[0, classes)`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { makeDataset } from "./dataset.ts";
 * import { zeros } from "../../core/create.ts";
 * const data = makeDataset(zeros([4, 2], { dtype: "f64" }), [0, 1, 1, 0], { classes: 2 });
 * assert(data.size === 4 && data.onehot.dtype === "f64" && data.labels[2] === 1);
 * ```
 */
export function makeDataset<const F extends Shape, const C extends number, D extends DType>(
  images: Tensor<[number, ...F], D>,
  labels: ArrayLike<number>,
  options: MakeDatasetOptions<C>,
): Dataset<F, C, D> {
  const classes = options.classes;
  if (!Number.isSafeInteger(classes) || classes < 1) {
    throw new RangeError(`makeDataset: classes must be a positive integer, got ${classes}`);
  }
  const shape = images.shape as readonly number[];
  if (shape.length === 0 || shape[0] !== labels.length) {
    throw new ShapeError(
      `makeDataset: expected inputs of shape [${labels.length}, ...] for ${labels.length} ` +
        `labels, got ${formatShape(shape)}`,
    );
  }
  const size = labels.length;
  const ints = new Int32Array(size);
  const onehot = allocate(images.dtype, size * classes);
  for (let i = 0; i < size; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new RangeError(
        `makeDataset: label ${i} must be an integer in [0, ${classes}), got ${label}`,
      );
    }
    ints[i] = label;
    onehot[i * classes + label] = 1;
  }
  return {
    images,
    labels: ints,
    onehot: new Tensor<[number, C], D>([size, classes], images.dtype, onehot),
    size,
  };
}
