/**
 * `colorShift`: add a random constant to each channel of each image.
 *
 * @module
 */
import type { PRNGKey } from "../../core/random.ts";
import { uniformArray } from "../../core/random.ts";
import type { Dim } from "../../core/shape.ts";
import type { DType } from "../../core/tensor.ts";
import { allocate, Tensor } from "../../core/tensor.ts";
import { imageDims, nonNegative } from "./_images.ts";

/** Options of {@link colorShift}. */
export interface ColorShiftOptions {
  /** The largest shift, a finite number ≥ 0 in pixel units (0.1 for pixels in [0, 1]). */
  readonly maxShift: number;
}

/**
 * A new batch in which every channel of every image is moved by its own
 * constant, drawn uniformly from `[−maxShift, maxShift)`: image `i`, channel
 * `c` gets `uniformArray(key, batch · channels, { low: −maxShift, high:
 * maxShift, dtype })[i · channels + c]` added to all its pixels (summed in
 * float64, rounded once to the dtype). The result is not clipped. A colour
 * (brightness, for one channel) jitter like `tf.image.random_brightness` per
 * channel.
 *
 * @throws {ShapeError} when `images` is not rank 4.
 * @throws {RangeError} when `maxShift` is not a finite number ≥ 0.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { colorShift } from "./color_shift.ts";
 * import { key } from "../../core/random.ts";
 * import { zeros } from "../../core/create.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * const shifted: Tensor<[2, 4, 4, 3]> = colorShift(key(0), zeros([2, 4, 4, 3]), { maxShift: 0.1 });
 * assert(shifted.data.every((v) => v >= -0.1 && v < 0.1));
 * assert.equal(shifted.data[0], shifted.data[3]); // one shift per channel and image
 * ```
 */
export function colorShift<
  B extends Dim,
  H extends Dim,
  W extends Dim,
  C extends Dim,
  D extends DType,
>(
  key: PRNGKey,
  images: Tensor<[B, H, W, C], D>,
  options: ColorShiftOptions,
): Tensor<[B, H, W, C], D> {
  const [batch, height, width, channels] = imageDims("colorShift", images);
  const maxShift = nonNegative("colorShift", "maxShift", options.maxShift);
  const source = images.data;
  const out = allocate(images.dtype, images.size);
  if (maxShift === 0) {
    out.set(source);
    return new Tensor<[B, H, W, C], D>(images.shape as readonly number[], images.dtype, out);
  }
  const shifts = uniformArray(key, batch * channels, {
    low: -maxShift,
    high: maxShift,
    dtype: images.dtype,
  });
  const pixels = height * width;
  for (let b = 0; b < batch; b++) {
    for (let p = 0; p < pixels; p++) {
      const at = (b * pixels + p) * channels;
      for (let c = 0; c < channels; c++) out[at + c] = source[at + c] + shifts[b * channels + c];
    }
  }
  return new Tensor<[B, H, W, C], D>(images.shape as readonly number[], images.dtype, out);
}
