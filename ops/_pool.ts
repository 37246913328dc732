/**
 * The shared body of maxPool2d and avgPool2d.
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import { sizeOf } from "../core/shape.ts";
import type { Padding } from "../core/shapes/conv.ts";
import { paddingAmounts, pool2dShape } from "../core/shapes/conv.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import { kernels } from "../core/kernels/active.ts";

/** Options of 2-D pooling. */
export interface PoolOptions {
  /** Side of the square window. */
  readonly size: number;
  /** Step between windows; the window size when absent. */
  readonly stride?: number;
  /** `"valid"` (the default), `"same"`, or explicit zeros per side. */
  readonly padding?: Padding;
}

/** Pools `x` (`[batch, height, width, channels]`); the caller types the result. */
export function pool2d<R extends Shape, D extends DType>(
  kind: "max" | "avg",
  x: Tensor<Shape, D>,
  options: PoolOptions,
): Tensor<R, D> {
  const xShape = x.shape as readonly number[];
  if (!Number.isSafeInteger(options.size) || options.size < 1) {
    throw new RangeError(
      `${kind}Pool2d: size must be a positive integer, got ${String(options.size)}`,
    );
  }
  const outShape = pool2dShape(xShape, options.size, options);
  const stride = options.stride ?? options.size;
  const padding = options.padding ?? "valid";
  const padBefore = [xShape[1], xShape[2]].map((n) =>
    paddingAmounts(n, options.size, stride, padding)[0]
  );
  const window = [options.size, options.size];
  const out = allocate(x.dtype, sizeOf(outShape));
  kernels().pool(kind, x.data, xShape, window, stride, padBefore, outShape, out);
  return new Tensor<R, D>(outShape, x.dtype, out);
}
