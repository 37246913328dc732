/**
 * `multiCropPredict`: test-time augmentation over the ten standard crops.
 *
 * @module
 */
import type { Dim, Shape } from "../core/shape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { tenCrop } from "./augment/ten_crop.ts";
import { averagePredictions } from "./ensemble_average.ts";

/** Options of {@link multiCropPredict}. */
export interface MultiCropOptions<Size extends readonly [number, number]> {
  /** The crop, `[height, width]`: the input size the predictor takes. */
  readonly size: Size;
}

/**
 * The mean of `predict` over the ten crops of `images` that `tenCrop` makes
 * (four corners, centre, and the mirror image of each): AlexNet's test-time
 * averaging, for a model trained on random crops of that size. `predict` is
 * called once per crop with a batch of the same images, and its predictions
 * (probabilities, not logits) are averaged with `averagePredictions`.
 *
 * @throws {ShapeError} when the crop is larger than the images, or from `predict`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { multiCropPredict } from "./multi_crop.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * // One 2 × 3 image; the "model" returns the top-left pixel of each 2 × 2 crop.
 * const image = tensor([[[[1], [2], [3]], [[4], [5], [6]]]], { dtype: "f64" });
 * const topLeft = (crops: Tensor<[1, 2, 2, 1], "f64">): Tensor<[1, 1], "f64"> =>
 *   tensor([[crops.data[0]]], { dtype: "f64" });
 * const p = multiCropPredict(topLeft, image, { size: [2, 2] });
 * // Crops start at columns 0, 1, 0, 1, 0 (⌊1/2⌋); mirrored, they start with 2, 3, 2, 3, 2.
 * assert(Math.abs(p.data[0] - (1 + 2 + 1 + 2 + 1 + 2 + 3 + 2 + 3 + 2) / 10) < 1e-15);
 * ```
 */
export function multiCropPredict<
  B extends Dim,
  H extends Dim,
  W extends Dim,
  C extends Dim,
  D extends DType,
  const Size extends readonly [number, number],
  Y extends Shape,
>(
  predict: (crops: Tensor<[B, Size[0], Size[1], C], D>) => Tensor<Y, D>,
  images: Tensor<[B, H, W, C], D>,
  options: MultiCropOptions<Size>,
): Tensor<Y, D> {
  return averagePredictions(tenCrop(images, options.size).map((crop) => predict(crop)));
}
