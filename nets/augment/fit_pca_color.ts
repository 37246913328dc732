/**
 * `fitPcaColor`: the principal axes of the pixel colours of a set of images,
 * for {@link pcaColor}'s "fancy PCA" augmentation.
 *
 * @module
 */
import type { Dim } from "../../core/shape.ts";
import { ShapeError } from "../../core/errors.ts";
import type { DType } from "../../core/tensor.ts";
import { Tensor } from "../../core/tensor.ts";
import { imageDims } from "./_images.ts";
import { symmetricEigen } from "./symmetric_eigen.ts";

/**
 * The colour statistics of a set of images: the mean and covariance of their
 * pixels as `C`-vectors, and the covariance's eigen decomposition
 * `covariance = vectors · diag(values) · vectorsᵀ`.
 */
export interface PcaColor<C extends Dim> {
  /** The mean colour, one entry per channel. */
  readonly mean: Tensor<[C], "f64">;
  /** The `C × C` covariance of the channels over all pixels (divided by the pixel count). */
  readonly covariance: Tensor<[C, C], "f64">;
  /** The covariance's eigenvalues (the variances along the principal axes), largest first. */
  readonly values: Tensor<[C], "f64">;
  /** The principal axes, orthonormal, as columns: column `j` belongs to `values[j]`. */
  readonly vectors: Tensor<[C, C], "f64">;
}

/**
 * The colour statistics of an NHWC batch (the training set, or a sample of
 * it): every pixel of every image is one observation of a `C`-vector; the
 * covariance is over all `batch · height · width` of them, divided by their
 * count (the maximum-likelihood estimate), in float64 with the mean removed
 * first. Its eigen decomposition ({@link symmetricEigen}) gives the principal
 * axes that AlexNet's colour augmentation moves along (Krizhevsky et al.,
 * 2012, §4.1).
 *
 * @throws {ShapeError} when `images` is not rank 4 or has no pixels.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitPcaColor } from "./fit_pca_color.ts";
 * import { tensor } from "../../core/create.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * // Two pixels, (0, 0) and (2, 2): all the variance lies along (1, 1)/√2.
 * const pca = fitPcaColor(tensor([[[[0, 0], [2, 2]]]]));
 * const values: Tensor<[2], "f64"> = pca.values;
 * assert.deepEqual(Array.from(pca.mean.data), [1, 1]);
 * assert(Math.abs(values.data[0] - 2) < 1e-12 && Math.abs(values.data[1]) < 1e-12);
 * assert(Math.abs(pca.vectors.data[0] - Math.SQRT1_2) < 1e-12);
 * ```
 */
export function fitPcaColor<
  B extends Dim,
  H extends Dim,
  W extends Dim,
  C extends Dim,
  D extends DType,
>(
  images: Tensor<[B, H, W, C], D>,
): PcaColor<C> {
  const [batch, height, width, channels] = imageDims("fitPcaColor", images);
  const count = batch * height * width;
  if (count === 0) {
    throw new ShapeError(
      `fitPcaColor: expected at least one pixel, got ${batch} images of ${height} × ${width}`,
    );
  }
  const data = images.data;
  const mean = new Float64Array(channels);
  for (let i = 0; i < data.length; i++) mean[i % channels] += data[i];
  for (let c = 0; c < channels; c++) mean[c] /= count;
  const covariance = new Float64Array(channels * channels);
  const centred = new Float64Array(channels);
  for (let p = 0; p < count; p++) {
    for (let c = 0; c < channels; c++) centred[c] = data[p * channels + c] - mean[c];
    for (let i = 0; i < channels; i++) {
      for (let j = i; j < channels; j++) covariance[i * channels + j] += centred[i] * centred[j];
    }
  }
  for (let i = 0; i < channels; i++) {
    for (let j = i; j < channels; j++) {
      covariance[i * channels + j] /= count;
      covariance[j * channels + i] = covariance[i * channels + j];
    }
  }
  const matrix = new Tensor<[C, C], "f64">([channels, channels], "f64", covariance);
  const { values, vectors } = symmetricEigen(matrix);
  return {
    mean: new Tensor<[C], "f64">([channels], "f64", mean),
    covariance: matrix,
    values,
    vectors,
  };
}
