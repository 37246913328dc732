/**
 * `randomFlip`: mirror each image of a batch with probability ½.
 *
 * @module
 */
import type { PRNGKey } from "../../core/random.ts";
import { split, uniformArray } from "../../core/random.ts";
import type { Dim } from "../../core/shape.ts";
import type { DType } from "../../core/tensor.ts";
import { allocate, Tensor } from "../../core/tensor.ts";
import { imageDims } from "./_images.ts";

/** Options of {@link randomFlip}: which mirrorings to draw. */
export interface FlipOptions {
  /** Mirror left–right (reverse each row) with probability ½; `true` when absent. */
  readonly horizontal?: boolean;
  /** Mirror top–bottom (reverse the order of the rows) with probability ½; `false` when absent. */
  readonly vertical?: boolean;
}

/**
 * A new batch in which each image is mirrored left–right with probability ½
 * (and, with `vertical: true`, independently top–bottom with probability ½).
 * Images are NHWC; channels move with their pixel. The draws come from `key`
 * alone: the horizontal coin of image `i` is `u < ½` for draw `i` of
 * `uniformArray(split(key)[0], batch)`, the vertical one likewise from
 * `split(key)[1]`, so the same key flips the same images. Like
 * `tf.image.random_flip_left_right` applied per image.
 *
 * @throws {ShapeError} when `images` is not rank 4.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { randomFlip } from "./random_flip.ts";
 * import { key } from "../../core/random.ts";
 * import { tensor } from "../../core/create.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * const images: Tensor<[1, 1, 3, 1]> = tensor([[[[1], [2], [3]]]]);
 * const flipped: Tensor<[1, 1, 3, 1]> = randomFlip(key(0), images);
 * const row = Array.from(flipped.data);
 * assert(row.join() === "1,2,3" || row.join() === "3,2,1");
 * ```
 */
export function randomFlip<
  B extends Dim,
  H extends Dim,
  W extends Dim,
  C extends Dim,
  D extends DType,
>(
  key: PRNGKey,
  images: Tensor<[B, H, W, C], D>,
  options: FlipOptions = {},
): Tensor<[B, H, W, C], D> {
  const [batch, height, width, channels] = imageDims("randomFlip", images);
  const { horizontal = true, vertical = false } = options;
  const [horizontalKey, verticalKey] = split(key);
  const flipRows = horizontal ? uniformArray(horizontalKey, batch) : undefined;
  const flipColumns = vertical ? uniformArray(verticalKey, batch) : undefined;
  const source = images.data;
  const out = allocate(images.dtype, images.size);
  const rowSize = width * channels;
  const imageSize = height * rowSize;
  for (let b = 0; b < batch; b++) {
    const mirror = flipRows !== undefined && flipRows[b] < 0.5;
    const upsideDown = flipColumns !== undefined && flipColumns[b] < 0.5;
    for (let y = 0; y < height; y++) {
      const from = b * imageSize + (upsideDown ? height - 1 - y : y) * rowSize;
      const to = b * imageSize + y * rowSize;
      if (!mirror) {
        out.set(source.subarray(from, from + rowSize), to);
        continue;
      }
      for (let x = 0; x < width; x++) {
        const pixel = from + (width - 1 - x) * channels;
        for (let c = 0; c < channels; c++) out[to + x * channels + c] = source[pixel + c];
      }
    }
  }
  return new Tensor<[B, H, W, C], D>(images.shape as readonly number[], images.dtype, out);
}
