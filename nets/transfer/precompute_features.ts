/**
 * `precomputeFeatures`: run a frozen trunk over a dataset once, so that a new
 * head trains on its features without running the trunk every epoch.
 *
 * @module
 */
import type { Shape } from "../../core/shape.ts";
import { formatShape, sameShape, sizeOf } from "../../core/shape.ts";
import { ShapeError } from "../../core/errors.ts";
import type { DType } from "../../core/tensor.ts";
import { allocate, Tensor } from "../../core/tensor.ts";
import type { Dataset } from "../data/dataset.ts";

/** Options of {@link precomputeFeatures}. */
export interface PrecomputeOptions {
  /** Rows per call of the trunk, a positive integer (memory against call overhead). */
  readonly batchSize: number;
}

/**
 * The dataset of the trunk's features: `trunk` (the frozen layers of a
 * trained network, as a function from a batch of inputs to a batch of
 * features, say `(x) => trunk.apply(params, x)`) runs on consecutive batches
 * of `batchSize` rows, in order, and its outputs are joined into one tensor
 * `[size, ...G]`. Labels and one-hot rows are the dataset's own (shared, not
 * copied), so row `i` of the result is sample `i`. Train a head on the result
 * with `fit` as usual; at test time run `trunk` then the head. The inputs are
 * passed as views of the dataset's buffer, not copied. An empty dataset runs
 * the trunk once on its zero rows to learn the feature shape.
 *
 * @throws {RangeError} when `batchSize` is not a positive integer.
 * @throws {ShapeError} when the trunk returns a batch of another row count, or
 * features of another shape than on the first batch.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { precomputeFeatures } from "./precompute_features.ts";
 * import { makeDataset } from "../data/dataset.ts";
 * import { tensor } from "../../core/create.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * import { sum } from "../../ops/sum.ts";
 * import { reshape } from "../../ops/reshape.ts";
 * const data = makeDataset(tensor([[1, 2], [3, 4], [5, 6]]), [0, 1, 0], { classes: 2 });
 * // A "trunk" that sums each row: 2 features in, 1 out.
 * const trunk = (x: Tensor<[number, 2]>): Tensor<[number, 1]> =>
 *   reshape(sum(x, { axis: 1 }), [x.shape[0], 1]);
 * const features = precomputeFeatures(trunk, data, { batchSize: 2 });
 * assert.deepEqual(Array.from(features.images.data), [3, 7, 11]);
 * assert.equal(features.labels, data.labels);
 * ```
 */
export function precomputeFeatures<
  F extends Shape,
  G extends Shape,
  C extends number,
  D extends DType,
>(
  trunk: (batch: Tensor<[number, ...F], D>) => Tensor<[number, ...G], D>,
  dataset: Dataset<F, C, D>,
  options: PrecomputeOptions,
): Dataset<G, C, D> {
  const { batchSize } = options;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new RangeError(
      `precomputeFeatures: batchSize must be a positive integer, got ${batchSize}`,
    );
  }
  const inputs = dataset.images;
  const rowShape = (inputs.shape as readonly number[]).slice(1);
  const rowSize = sizeOf(rowShape);
  let featureShape: readonly number[] | undefined;
  let out = allocate(inputs.dtype, 0);
  for (let start = 0; start < dataset.size || featureShape === undefined; start += batchSize) {
    const rows = Math.min(batchSize, dataset.size - start);
    const batch = new Tensor<[number, ...F], D>(
      [rows, ...rowShape],
      inputs.dtype,
      inputs.data.subarray(start * rowSize, (start + rows) * rowSize) as typeof inputs.data,
    );
    const features = trunk(batch);
    const shape = features.shape as readonly number[];
    if (featureShape === undefined) {
      featureShape = shape.slice(1);
      out = allocate(features.dtype, dataset.size * sizeOf(featureShape));
    }
    if (shape[0] !== rows || !sameShape(shape.slice(1), featureShape)) {
      throw new ShapeError(
        `precomputeFeatures: expected the trunk to map rows ${start}–${start + rows - 1} to ` +
          `features of shape ${formatShape([rows, ...featureShape])}, got ${formatShape(shape)}`,
      );
    }
    out.set(features.data, start * sizeOf(featureShape));
  }
  const size = dataset.size;
  return {
    images: new Tensor<[number, ...G], D>([size, ...featureShape], inputs.dtype, out),
    labels: dataset.labels,
    onehot: dataset.onehot,
    size,
  };
}
