/**
 * `pcaColor`: AlexNet's "fancy PCA" colour augmentation.
 *
 * @module
 */
import type { Dim, DimText, Guard, SameDim } from "../../core/shape.ts";
import { formatShape } from "../../core/shape.ts";
import { ShapeError } from "../../core/errors.ts";
import type { PRNGKey } from "../../core/random.ts";
import { normalArray } from "../../core/random.ts";
import type { DType } from "../../core/tensor.ts";
import { allocate, Tensor } from "../../core/tensor.ts";
import { imageDims, nonNegative } from "./_images.ts";
import type { PcaColor } from "./fit_pca_color.ts";

/**
 * The guard on {@link pcaColor}'s statistics: `unknown` when they have the
 * images' `C` channels (or either count is only known at run time), else a
 * {@link ShapeError} naming both.
 */
export type ChannelsFit<C extends Dim, K extends Dim> = Guard<
  SameDim<
    C,
    K,
    `pcaColor: colour statistics of ${DimText<K>} channels do not fit images of ${DimText<
      C
    >} channels`
  >
>;

/** Options of {@link pcaColor}. */
export interface PcaColorOptions {
  /** σ of the random weights α, a finite number ≥ 0; 0.1 (AlexNet's) when absent. */
  readonly std?: number;
}

/**
 * A new batch in which each image's colours are moved along the principal
 * axes of the training set's colours ({@link fitPcaColor}): image `i` gets
 * the same shift `Σⱼ αᵢⱼ·√λⱼ·vⱼ` added to every pixel, with `vⱼ` the axes,
 * `λⱼ` their variances and `αᵢⱼ ~ N(0, std²)` drawn fresh per image — element
 * `i · C + j` of `normalArray(key, batch · C, { dtype: "f64" })` times `std`.
 * The shifts then have covariance `std² · covariance`: the augmentation varies
 * the colours the way they already vary, by a fraction `std` of their spread,
 * whatever the pixel scale. AlexNet (Krizhevsky et al., 2012, §4.1) writes
 * `αⱼ·λⱼ` rather than `αⱼ·√λⱼ`, which is the same only for pixels whose
 * variances are near 1; √λ is the scale-consistent form. Not clipped.
 *
 * @throws {ShapeError} when `images` is not rank 4 or its channels differ from the statistics'.
 * @throws {RangeError} when `std` is not a finite number ≥ 0.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitPcaColor } from "./fit_pca_color.ts";
 * import { pcaColor } from "./pca_color.ts";
 * import { key } from "../../core/random.ts";
 * import { randomUniform } from "../../core/sample.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * const images = randomUniform(key(0), [4, 8, 8, 3]);
 * const pca = fitPcaColor(images);
 * const jittered: Tensor<[4, 8, 8, 3]> = pcaColor(key(1), images, pca);
 * // One shift per image: the difference is the same at every pixel.
 * const shift = (p: number) => jittered.data[p * 3] - images.data[p * 3];
 * assert(Math.abs(shift(0) - shift(63)) < 1e-6 && shift(0) !== shift(64));
 * ```
 */
export function pcaColor<
  B extends Dim,
  H extends Dim,
  W extends Dim,
  C extends Dim,
  D extends DType,
  K extends Dim,
>(
  key: PRNGKey,
  images: Tensor<[B, H, W, C], D>,
  pca: PcaColor<K> & NoInfer<ChannelsFit<C, K>>,
  options: PcaColorOptions = {},
): Tensor<[B, H, W, C], D> {
  const [batch, height, width, channels] = imageDims("pcaColor", images);
  const std = nonNegative("pcaColor", "std", options.std ?? 0.1);
  const vectors = pca.vectors.data;
  const values = pca.values.data;
  if (values.length !== channels || vectors.length !== channels * channels) {
    throw new ShapeError(
      `pcaColor: expected colour statistics for ${channels} channels, got eigenvalues of shape ${
        formatShape(pca.values.shape as readonly number[])
      } and eigenvectors of shape ${formatShape(pca.vectors.shape as readonly number[])}`,
    );
  }
  const alphas = normalArray(key, batch * channels, { dtype: "f64" });
  const shifts = new Float64Array(batch * channels);
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < channels; j++) {
      // Rounding can leave a tiny negative variance; it stands for 0.
      const weight = std * alphas[b * channels + j] * Math.sqrt(Math.max(values[j], 0));
      for (let c = 0; c < channels; c++) {
        shifts[b * channels + c] += weight * vectors[c * channels + j];
      }
    }
  }
  const source = images.data;
  const out = allocate(images.dtype, images.size);
  const pixels = height * width;
  for (let b = 0; b < batch; b++) {
    for (let p = 0; p < pixels; p++) {
      const at = (b * pixels + p) * channels;
      for (let c = 0; c < channels; c++) out[at + c] = source[at + c] + shifts[b * channels + c];
    }
  }
  return new Tensor<[B, H, W, C], D>([batch, height, width, channels], images.dtype, out);
}
