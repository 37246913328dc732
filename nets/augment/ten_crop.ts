/**
 * `tenCrop`: the four corner crops, the centre crop and their mirror images,
 * for multi-crop evaluation.
 *
 * @module
 */
import type { Dim } from "../../core/shape.ts";
import { formatShape } from "../../core/shape.ts";
import { ShapeError } from "../../core/errors.ts";
import type { DType } from "../../core/tensor.ts";
import { Tensor } from "../../core/tensor.ts";
import { imageDims } from "./_images.ts";
import { cropWindows } from "./_crop_windows.ts";

/** Ten values of one type: what {@link tenCrop} returns. */
export type TenCrops<T> = readonly [T, T, T, T, T, T, T, T, T, T];

/**
 * The ten standard test-time crops of size `[h, w]` of every image of an
 * NHWC batch, each a batch of its own, in this order: top-left, top-right,
 * bottom-left, bottom-right, centre, then the left–right mirror image of each
 * of those five, in the same order. The centre crop starts at row
 * `⌊(H − h)/2⌋` and column `⌊(W − w)/2⌋`. The same ten crops as torchvision's
 * `TenCrop(size)` (it lists the mirrored five in another order, and its
 * centre uses round rather than floor), as in AlexNet's test-time averaging.
 *
 * @throws {ShapeError} when `images` is not rank 4 or the crop is larger than the images.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tenCrop } from "./ten_crop.ts";
 * import { tensor } from "../../core/create.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * // One 3 × 3 image holding 1…9, cropped to 2 × 2.
 * const image = tensor([[[[1], [2], [3]], [[4], [5], [6]], [[7], [8], [9]]]]);
 * const crops = tenCrop(image, [2, 2]);
 * const topLeft: Tensor<[1, 2, 2, 1]> = crops[0];
 * assert.deepEqual(Array.from(topLeft.data), [1, 2, 4, 5]);
 * assert.deepEqual(Array.from(crops[3].data), [5, 6, 8, 9]); // bottom-right
 * assert.deepEqual(Array.from(crops[5].data), [2, 1, 5, 4]); // top-left, mirrored
 * ```
 */
export function tenCrop<
  B extends Dim,
  H extends Dim,
  W extends Dim,
  C extends Dim,
  D extends DType,
  const Size extends readonly [number, number],
>(
  images: Tensor<[B, H, W, C], D>,
  size: Size,
): TenCrops<Tensor<[B, Size[0], Size[1], C], D>> {
  const [batch, height, width, channels] = imageDims("tenCrop", images);
  const [cropHeight, cropWidth] = size;
  if (
    !Number.isSafeInteger(cropHeight) || !Number.isSafeInteger(cropWidth) || cropHeight < 0 ||
    cropWidth < 0 || cropHeight > height || cropWidth > width
  ) {
    throw new ShapeError(
      `tenCrop: expected a crop of at most ${height} × ${width} (the images' size), got size ${
        formatShape([cropHeight, cropWidth])
      }`,
    );
  }
  const bottom = height - cropHeight;
  const right = width - cropWidth;
  const corners: [number, number][] = [
    [0, 0],
    [0, right],
    [bottom, 0],
    [bottom, right],
    [Math.floor(bottom / 2), Math.floor(right / 2)],
  ];
  const crop = ([top, left]: [number, number], mirror: boolean) =>
    new Tensor<[B, Size[0], Size[1], C], D>(
      [batch, cropHeight, cropWidth, channels],
      images.dtype,
      cropWindows(images, {
        tops: new Int32Array(batch).fill(top),
        lefts: new Int32Array(batch).fill(left),
        height: cropHeight,
        width: cropWidth,
        mirror,
      }),
    );
  const plain = corners.map((corner) => crop(corner, false));
  const mirrored = corners.map((corner) => crop(corner, true));
  return [...plain, ...mirrored] as unknown as TenCrops<Tensor<[B, Size[0], Size[1], C], D>>;
}
