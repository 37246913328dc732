/**
 * The shared body of maxPool2d and avgPool2d.
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import type { PoolOptions } from "../core/shapes/conv.ts";
import { paddingAmounts, pool2dShape } from "../core/shapes/conv.ts";
import type { DType } from "../core/tensor.ts";
import type { Tensor } from "../core/tensor.ts";
import { avgPoolForward, maxPoolForward } from "./_pool_primitives.ts";

export type { PoolOptions } from "../core/shapes/conv.ts";

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
  const explicit = options.padding;
  if (typeof explicit === "number" && explicit * 2 > options.size) {
    throw new RangeError(
      `${kind}Pool2d: explicit padding must be at most half the window (a window of padding ` +
        `alone has no maximum or mean), got padding ${explicit} for size ${options.size}`,
    );
  }
  const outShape = pool2dShape(xShape, options);
  const stride = options.stride ?? options.size;
  const padding = options.padding ?? "valid";
  const padBefore = [xShape[1], xShape[2]].map((n) =>
    paddingAmounts(n, options.size, { stride, padding })[0]
  );
  const window = [options.size, options.size];
  const geometry = { xShape, outShape, window, stride, padBefore };
  const pooled = kind === "max" ? maxPoolForward(x, geometry) : avgPoolForward(x, geometry);
  return pooled as Tensor<R, D>;
}
