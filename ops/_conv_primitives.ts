/**
 * The three differentiable primitives behind every convolution: the forward
 * `conv(x, w)`, its input gradient and its filter gradient. Each one's
 * vector–Jacobian product is written with the other two (they are the
 * adjoints of one bilinear form), so convolutions have gradients of every
 * order.
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

/** Everything fixed about one convolution: shapes, stride and the zeros before each spatial axis. */
export interface ConvGeometry {
  readonly xShape: readonly number[];
  readonly wShape: readonly number[];
  readonly outShape: readonly number[];
  readonly stride: number;
  readonly padBefore: readonly number[];
}

/** `conv(x, w)` with `x` of `xShape` and `w` of `wShape`; output of `outShape`. */
export function convForward(x: AnyTensor, w: AnyTensor, geometry: ConvGeometry): AnyTensor {
  const { xShape, wShape, outShape, stride, padBefore } = geometry;
  const out = allocate(x.dtype, sizeOf(outShape));
  kernels().conv(x.data, xShape, w.data, wShape, stride, padBefore, outShape, out);
  return record(
    "conv",
    new Tensor(outShape, x.dtype, out),
    [x, w],
    (g, [input, filter], _out, needed) => [
      // The first layer's input is the data batch: its cotangent is skipped.
      needed[0] ? convInputGrad(g, filter, geometry) : null,
      needed[1] ? convFilterGrad(input, g, geometry) : null,
    ],
  );
}

/** The gradient of `conv` with respect to `x`, for an output cotangent `g`. */
export function convInputGrad(g: AnyTensor, w: AnyTensor, geometry: ConvGeometry): AnyTensor {
  const { xShape, wShape, outShape, stride, padBefore } = geometry;
  const out = allocate(g.dtype, sizeOf(xShape));
  kernels().convInputGrad(g.data, outShape, w.data, wShape, stride, padBefore, xShape, out);
  // ⟨h, convInputGrad(g, w)⟩ = ⟨conv(h, w), g⟩: linear in g and in w.
  return record(
    "convInputGrad",
    new Tensor(xShape, g.dtype, out),
    [g, w],
    (h, [gradient], _out, needed) => [
      needed[0] ? convForward(h, w, geometry) : null,
      needed[1] ? convFilterGrad(h, gradient, geometry) : null,
    ],
  );
}

/** The gradient of `conv` with respect to `w`, for an output cotangent `g`. */
export function convFilterGrad(x: AnyTensor, g: AnyTensor, geometry: ConvGeometry): AnyTensor {
  const { xShape, wShape, outShape, stride, padBefore } = geometry;
  const out = allocate(x.dtype, sizeOf(wShape));
  kernels().convFilterGrad(x.data, xShape, g.data, outShape, stride, padBefore, wShape, out);
  // ⟨k, convFilterGrad(x, g)⟩ = ⟨conv(x, k), g⟩: linear in x and in g.
  return record(
    "convFilterGrad",
    new Tensor(wShape, x.dtype, out),
    [x, g],
    (k, [input, gradient], _out, needed) => [
      needed[0] ? convInputGrad(gradient, k, geometry) : null,
      needed[1] ? convForward(input, k, geometry) : null,
    ],
  );
}
