/**
 * What the augmentations share: the NHWC shape check and the key check.
 *
 * @module
 */
import type { Dim } from "../../core/shape.ts";
import { formatShape } from "../../core/shape.ts";
import { ShapeError } from "../../core/errors.ts";
import type { DType, Tensor } from "../../core/tensor.ts";

/** A batch of images, NHWC: `[batch, height, width, channels]`. */
export type ImageShape = readonly [Dim, Dim, Dim, Dim];

/** The four dims of an NHWC batch; a {@link ShapeError} naming `op` for any other rank. */
export function imageDims(
  op: string,
  images: Tensor<readonly Dim[], DType>,
): [number, number, number, number] {
  const shape = images.shape as readonly number[];
  if (shape.length !== 4) {
    throw new ShapeError(
      `${op}: expected a batch of images [batch, height, width, channels], got shape ${
        formatShape(shape)
      }`,
    );
  }
  return [shape[0], shape[1], shape[2], shape[3]];
}

/** Throws a `RangeError` unless `value` is a finite number ≥ 0. */
export function nonNegative(op: string, name: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${op}: ${name} must be a finite number >= 0, got ${String(value)}`);
  }
  return value;
}
