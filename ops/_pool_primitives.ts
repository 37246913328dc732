/**
 * The differentiable primitives behind 2-D pooling. Average pooling is
 * linear: its adjoint spreads each cotangent evenly over its window, and the
 * adjoint of that is average pooling again. Max pooling routes: its
 * gradient sends each cotangent to the window's maxima (split evenly among
 * ties); that routing is linear in the cotangent, its adjoint gathers from
 * the same positions, and neither depends smoothly on `x` (no gradient to
 * it).
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import { sizeOf } from "../core/shape.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import { kernels } from "../core/kernels/active.ts";
import { record } from "../core/trace.ts";

type AnyTensor = Tensor<Shape, DType>;

/** Everything fixed about one pooling: shapes, window, stride and leading zeros. */
export interface PoolGeometry {
  readonly xShape: readonly number[];
  readonly outShape: readonly number[];
  readonly window: readonly number[];
  readonly stride: number;
  readonly padBefore: readonly number[];
}

/** Average pooling of `x`. */
export function avgPoolForward(x: AnyTensor, geometry: PoolGeometry): AnyTensor {
  const { xShape, outShape, window, stride, padBefore } = geometry;
  const out = allocate(x.dtype, sizeOf(outShape));
  kernels().pool("avg", x.data, xShape, window, stride, padBefore, outShape, out);
  return record(
    "avgPool2d",
    new Tensor(outShape, x.dtype, out),
    [x],
    (g) => [avgPoolTranspose(g, geometry)],
  );
}

/** The adjoint of average pooling: each cotangent spread evenly over its window. */
export function avgPoolTranspose(g: AnyTensor, geometry: PoolGeometry): AnyTensor {
  const { xShape, outShape, window, stride, padBefore } = geometry;
  const out = allocate(g.dtype, sizeOf(xShape));
  kernels().poolTranspose("avg", g.data, xShape, g.data, window, stride, padBefore, outShape, out);
  return record(
    "avgPool2dTranspose",
    new Tensor(xShape, g.dtype, out),
    [g],
    (h) => [avgPoolForward(h, geometry)],
  );
}

/** Max pooling of `x`; ties in a window share its cotangent evenly. */
export function maxPoolForward(x: AnyTensor, geometry: PoolGeometry): AnyTensor {
  const { xShape, outShape, window, stride, padBefore } = geometry;
  const out = allocate(x.dtype, sizeOf(outShape));
  kernels().pool("max", x.data, xShape, window, stride, padBefore, outShape, out);
  return record(
    "maxPool2d",
    new Tensor(outShape, x.dtype, out),
    [x],
    (g, [input]) => [maxPoolScatter(input, g, geometry)],
  );
}

/** Sends each cotangent in `g` to the maxima of its window of `x` (split among ties). */
export function maxPoolScatter(x: AnyTensor, g: AnyTensor, geometry: PoolGeometry): AnyTensor {
  const { xShape, outShape, window, stride, padBefore } = geometry;
  const out = allocate(g.dtype, sizeOf(xShape));
  kernels().poolTranspose("max", x.data, xShape, g.data, window, stride, padBefore, outShape, out);
  return record(
    "maxPool2dScatter",
    new Tensor(xShape, g.dtype, out),
    [x, g],
    (h, [input]) => [null, maxPoolGather(input, h, geometry)],
  );
}

/** The adjoint of {@link maxPoolScatter}: each window's mean of `h` over its maxima in `x`. */
export function maxPoolGather(x: AnyTensor, h: AnyTensor, geometry: PoolGeometry): AnyTensor {
  const { xShape, outShape, window, stride, padBefore } = geometry;
  const out = allocate(h.dtype, sizeOf(outShape));
  kernels().maxPoolGather(x.data, xShape, h.data, window, stride, padBefore, outShape, out);
  return record(
    "maxPool2dGather",
    new Tensor(outShape, h.dtype, out),
    [x, h],
    (g, [input]) => [null, maxPoolScatter(input, g, geometry)],
  );
}
