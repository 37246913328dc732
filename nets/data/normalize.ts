/**
 * Input normalisation, the course's recipe: subtract the training set's mean
 * and divide by its standard deviation, per feature, and reuse the same two
 * numbers per feature on the dev and test sets.
 *
 * @module
 */
import type { Dim, Shape } from "../../core/shape.ts";
import { formatShape, sameShape } from "../../core/shape.ts";
import { DTypeError, ShapeError } from "../../core/errors.ts";
import type { DType } from "../../core/tensor.ts";
import { allocate, Tensor } from "../../core/tensor.ts";

/** What {@link fitNormalizer} learns: a mean and a standard deviation per feature. */
export interface NormalizerStats<F extends Shape = [784], D extends DType = "f32"> {
  /** `μ = (1/m) Σᵢ x⁽ⁱ⁾`, one per feature. */
  readonly mean: Tensor<F, D>;
  /** `σ = √((1/m) Σᵢ (x⁽ⁱ⁾ − μ)² + ε)`, one per feature, never 0. */
  readonly std: Tensor<F, D>;
}

/** Options of {@link fitNormalizer}. */
export interface FitNormalizerOptions {
  /**
   * Added to each variance before the square root, so that a constant feature
   * (MNIST's border pixels) is divided by `√ε` instead of 0. `1e-8` when
   * absent. A larger `ε` (say `1e-2` for pixels in [0, 1]) bounds what a
   * feature that is rare in training can grow to on other data: at most
   * `1 / √ε` per unit of input.
   */
  readonly epsilon?: number;
  /**
   * `true` (the default): one mean and deviation per feature. `false`: one
   * over all features (MNIST's usual 0.13 and 0.31), repeated per feature.
   */
  readonly perFeature?: boolean;
}

/**
 * Fits the normaliser on a batch-first set of inputs (the training set): the
 * mean and the standard deviation (population, `1/m`) of each feature,
 * accumulated in float64 and stored in the inputs' dtype.
 *
 * @throws {ShapeError} when `images` is a scalar.
 * @throws {RangeError} when `images` has no rows or `epsilon` is negative or not finite.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tensor } from "../../core/create.ts";
 * import { fitNormalizer, normalize } from "./normalize.ts";
 * const train = tensor([[1, 5], [3, 5]], { dtype: "f64" });
 * const stats = fitNormalizer(train, { epsilon: 0 });
 * assert.deepEqual(Array.from(stats.mean.data), [2, 5]);
 * assert.deepEqual(Array.from(normalize(train, stats).data), [-1, 0, 1, 0]);
 * ```
 */
export function fitNormalizer<F extends Shape, D extends DType>(
  images: Tensor<readonly [Dim, ...F], D>,
  options?: FitNormalizerOptions,
): NormalizerStats<F, D> {
  const epsilon = options?.epsilon ?? 1e-8;
  const perFeature = options?.perFeature ?? true;
  if (!Number.isFinite(epsilon) || epsilon < 0) {
    throw new RangeError(`fitNormalizer: epsilon must be finite and >= 0, got ${epsilon}`);
  }
  const shape = images.shape as readonly number[];
  if (shape.length === 0) {
    throw new ShapeError("fitNormalizer: expected batch-first inputs of rank >= 1, got a scalar");
  }
  const rows = shape[0];
  if (rows === 0) {
    throw new RangeError(`fitNormalizer: cannot fit on inputs of shape ${formatShape(shape)}`);
  }
  const width = images.size / rows;
  const data = images.data;
  const sum = new Float64Array(width);
  for (let r = 0; r < rows; r++) {
    const offset = r * width;
    for (let c = 0; c < width; c++) sum[c] += data[offset + c];
  }
  const mean = new Float64Array(width);
  let total = 0;
  for (let c = 0; c < width; c++) total += sum[c];
  for (let c = 0; c < width; c++) mean[c] = perFeature ? sum[c] / rows : total / images.size;
  const squares = new Float64Array(width);
  for (let r = 0; r < rows; r++) {
    const offset = r * width;
    for (let c = 0; c < width; c++) {
      const d = data[offset + c] - mean[c];
      squares[c] += d * d;
    }
  }
  let allSquares = 0;
  for (let c = 0; c < width; c++) allSquares += squares[c];
  const featureShape = shape.slice(1);
  const meanOut = allocate(images.dtype, width);
  const stdOut = allocate(images.dtype, width);
  for (let c = 0; c < width; c++) {
    const variance = perFeature ? squares[c] / rows : allSquares / images.size;
    meanOut[c] = mean[c];
    stdOut[c] = Math.sqrt(variance + epsilon);
    if (stdOut[c] === 0) stdOut[c] = 1; // a constant feature with epsilon 0 is only centred
  }
  return {
    mean: new Tensor<F, D>(featureShape, images.dtype, meanOut),
    std: new Tensor<F, D>(featureShape, images.dtype, stdOut),
  };
}

/**
 * `(x − μ) / σ` row by row, with the stats of {@link fitNormalizer} (fitted on
 * the training set, reused on dev and test). Returns a new tensor.
 *
 * @throws {ShapeError} when the feature shape of `images` differs from the stats'.
 * @throws {DTypeError} when the dtypes of `images` and the stats differ.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tensor } from "../../core/create.ts";
 * import { fitNormalizer, normalize } from "./normalize.ts";
 * const stats = fitNormalizer(tensor([[0, 2], [2, 2]]), { epsilon: 0 });
 * const test = normalize(tensor([[1, 2], [3, 4], [5, 6]]), stats);
 * assert.deepEqual(Array.from(test.data), [0, 0, 2, 2, 4, 4]);
 * ```
 */
export function normalize<B extends Dim, F extends Shape, D extends DType>(
  images: Tensor<readonly [B, ...F], D>,
  stats: NormalizerStats<NoInfer<F>, NoInfer<D>>,
): Tensor<[B, ...F], D> {
  const shape = images.shape as readonly number[];
  const featureShape = stats.mean.shape as readonly number[];
  if (shape.length === 0 || !sameShape(shape.slice(1), featureShape)) {
    throw new ShapeError(
      `normalize: expected inputs of shape [m, ${featureShape.join(", ")}] for stats of ` +
        `shape ${formatShape(featureShape)}, got ${formatShape(shape)}`,
    );
  }
  if (images.dtype !== stats.mean.dtype) {
    throw new DTypeError(
      `normalize: the inputs are ${images.dtype} but the stats ${stats.mean.dtype}`,
    );
  }
  const width = stats.mean.size;
  const mean = stats.mean.data;
  const scale = new Float64Array(width);
  for (let c = 0; c < width; c++) scale[c] = 1 / stats.std.data[c];
  const data = images.data;
  const out = allocate(images.dtype, images.size);
  for (let offset = 0; offset < images.size; offset += width) {
    for (let c = 0; c < width; c++) out[offset + c] = (data[offset + c] - mean[c]) * scale[c];
  }
  return new Tensor<[B, ...F], D>(shape, images.dtype, out);
}
