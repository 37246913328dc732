/**
 * The shared body of conv1d, conv2d and conv3d: check shapes, resolve the
 * padding, call the kernel.
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import type { WindowOptions } from "../core/shapes/conv.ts";
import { convShape, paddingAmounts } from "../core/shapes/conv.ts";
import type { DType } from "../core/tensor.ts";
import type { Tensor } from "../core/tensor.ts";
import { ShapeError } from "../core/errors.ts";
import { convForward } from "./_conv_primitives.ts";
import { sameDType } from "../core/_same_dtype.ts";

/** Convolves `x` with `w` over `spatialRank` axes; the caller types the result. */
export function convolve<R extends Shape, D extends DType>(
  op: string,
  spatialRank: number,
  x: Tensor<Shape, D>,
  w: Tensor<Shape, D>,
  options: WindowOptions = {},
): Tensor<R, D> {
  sameDType(op, x, w);
  const xShape = x.shape as readonly number[];
  const wShape = w.shape as readonly number[];
  if (xShape.length !== spatialRank + 2) {
    throw new ShapeError(
      `Cannot ${op} an input of shape [${xShape.join(", ")}]: it must have rank ${
        spatialRank + 2
      } (batch, ${spatialRank} spatial, channels)`,
    );
  }
  const outShape = convShape(xShape, wShape, { ...options, op });
  const stride = options.stride ?? 1;
  const padBefore = xShape.slice(1, -1).map((n, axis) =>
    paddingAmounts(n, wShape[axis], options)[0]
  );
  return convForward(x, w, { xShape, wShape, outShape, stride, padBefore }) as Tensor<R, D>;
}
