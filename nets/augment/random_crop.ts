/**
 * `randomCrop`: pad with zeros, then cut a random window out of each image.
 *
 * @module
 */
import type { Dim } from "../../core/shape.ts";
import { formatShape } from "../../core/shape.ts";
import { ShapeError } from "../../core/errors.ts";
import type { PRNGKey } from "../../core/random.ts";
import { split, uniformArray } from "../../core/random.ts";
import type { DType } from "../../core/tensor.ts";
import { Tensor } from "../../core/tensor.ts";
import { imageDims } from "./_images.ts";
import { cropWindows } from "./_crop_windows.ts";

/** Options of {@link randomCrop}. */
export interface CropOptions<Size extends readonly [number, number]> {
  /** The window, `[height, width]`: the size of the images that come out. */
  readonly size: Size;
  /** Zeros added on every side before cropping (CIFAR: 4); 0 when absent. */
  readonly padding?: number;
}

/**
 * A new batch of `size[0] × size[1]` images: each image is padded with
 * `padding` zeros on every side, and a window of the requested size is cut at
 * a random offset, drawn per image and uniformly over every window that fits
 * (`H + 2·padding − h + 1` rows by `W + 2·padding − w + 1` columns of
 * offsets). The CIFAR recipe is `{ size: [32, 32], padding: 4 }`. The row
 * offset of image `i` is `⌊u·rows⌋` for draw `i` of
 * `uniformArray(split(key)[0], batch, { dtype: "f64" })`, the column offset
 * likewise from `split(key)[1]`; the same key gives the same crops. Like
 * torchvision's `RandomCrop(size, padding)` per image.
 *
 * @throws {ShapeError} when `images` is not rank 4 or the window does not fit the padded image.
 * @throws {RangeError} when `padding` is not a non-negative integer.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { randomCrop } from "./random_crop.ts";
 * import { key } from "../../core/random.ts";
 * import { ones } from "../../core/create.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * const images = ones([8, 32, 32, 3]);
 * const crops: Tensor<[8, 32, 32, 3]> = randomCrop(key(0), images, { size: [32, 32], padding: 4 });
 * const small: Tensor<[8, 24, 20, 3]> = randomCrop(key(1), images, { size: [24, 20] });
 * assert(small.data.every((v) => v === 1)); // no padding: every window lies inside
 * assert(crops.data.some((v) => v === 0)); // padding: some windows reach the zeros
 * ```
 */
export function randomCrop<
  B extends Dim,
  H extends Dim,
  W extends Dim,
  C extends Dim,
  D extends DType,
  const Size extends readonly [number, number],
>(
  key: PRNGKey,
  images: Tensor<[B, H, W, C], D>,
  options: CropOptions<Size>,
): Tensor<[B, Size[0], Size[1], C], D> {
  const [batch, height, width, channels] = imageDims("randomCrop", images);
  const [cropHeight, cropWidth] = options.size;
  const padding = options.padding ?? 0;
  if (!Number.isSafeInteger(padding) || padding < 0) {
    throw new RangeError(`randomCrop: padding must be a non-negative integer, got ${padding}`);
  }
  const rows = height + 2 * padding - cropHeight + 1;
  const columns = width + 2 * padding - cropWidth + 1;
  if (
    !Number.isSafeInteger(cropHeight) || !Number.isSafeInteger(cropWidth) || cropHeight < 0 ||
    cropWidth < 0 || rows < 1 || columns < 1
  ) {
    throw new ShapeError(
      `randomCrop: expected a window of at most ${height + 2 * padding} × ${
        width + 2 * padding
      } (the images of shape ${
        formatShape([batch, height, width, channels])
      } padded by ${padding}), got size ${formatShape([cropHeight, cropWidth])}`,
    );
  }
  const [rowKey, columnKey] = split(key);
  const rowDraws = uniformArray(rowKey, batch, { dtype: "f64" });
  const columnDraws = uniformArray(columnKey, batch, { dtype: "f64" });
  const tops = new Int32Array(batch);
  const lefts = new Int32Array(batch);
  for (let b = 0; b < batch; b++) {
    tops[b] = Math.floor(rowDraws[b] * rows) - padding;
    lefts[b] = Math.floor(columnDraws[b] * columns) - padding;
  }
  const data = cropWindows(images, { tops, lefts, height: cropHeight, width: cropWidth });
  return new Tensor<[B, Size[0], Size[1], C], D>(
    [batch, cropHeight, cropWidth, channels],
    images.dtype,
    data,
  );
}
