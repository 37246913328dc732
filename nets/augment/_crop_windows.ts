/**
 * The copy behind every crop: one window per image, at any offset, zeros
 * where the window leaves the image.
 *
 * @module
 */
import type { Dim } from "../../core/shape.ts";
import type { DataOf, DType, Tensor } from "../../core/tensor.ts";
import { allocate } from "../../core/tensor.ts";

/** Where the windows sit and how big they are; offsets may be negative or run past the edge. */
export interface Windows {
  /** The top row of image `i`'s window (negative: above the image, in the zero padding). */
  readonly tops: ArrayLike<number>;
  /** The left column of image `i`'s window. */
  readonly lefts: ArrayLike<number>;
  /** Window height. */
  readonly height: number;
  /** Window width. */
  readonly width: number;
  /** Mirror each window left–right; `false` when absent. */
  readonly mirror?: boolean;
}

/** The windows of an NHWC batch as one `[batch, height, width, channels]` buffer. */
export function cropWindows<D extends DType>(
  images: Tensor<readonly Dim[], D>,
  windows: Windows,
): DataOf<D> {
  const [batch, height, width, channels] = images.shape as readonly number[];
  const { tops, lefts, height: outHeight, width: outWidth, mirror = false } = windows;
  const source = images.data;
  const out = allocate(images.dtype, batch * outHeight * outWidth * channels);
  const outRow = outWidth * channels;
  for (let b = 0; b < batch; b++) {
    const top = tops[b];
    const left = lefts[b];
    // The columns of the window that fall inside the image: [x0, x1).
    const x0 = Math.max(0, -left);
    const x1 = Math.min(outWidth, width - left);
    for (let y = 0; y < outHeight; y++) {
      const sourceY = top + y;
      if (sourceY < 0 || sourceY >= height || x0 >= x1) continue;
      const rowStart = ((b * height + sourceY) * width + left) * channels;
      const to = (b * outHeight + y) * outRow;
      if (!mirror) {
        out.set(
          source.subarray(rowStart + x0 * channels, rowStart + x1 * channels),
          to + x0 * channels,
        );
        continue;
      }
      for (let x = x0; x < x1; x++) {
        const from = rowStart + x * channels;
        const at = to + (outWidth - 1 - x) * channels;
        for (let c = 0; c < channels; c++) out[at + c] = source[from + c];
      }
    }
  }
  return out;
}
