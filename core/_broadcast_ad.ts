/**
 * The three differentiable primitives the backward pass itself needs: adding
 * two cotangents of one shape, summing a cotangent back to its input's shape
 * (undoing broadcasting, once, for every op), and its adjoint, broadcasting.
 * Each records itself, so a backward pass run under an outer transform is
 * differentiable in turn.
 *
 * @module
 */
import { ShapeError } from "./errors.ts";
import type { Shape } from "./shape.ts";
import { formatShape, sameShape, sizeOf } from "./shape.ts";
import { broadcastToShape } from "./shapes/broadcast.ts";
import type { DType } from "./tensor.ts";
import { allocate, Tensor } from "./tensor.ts";
import { kernels } from "./kernels/active.ts";
import { record } from "./trace.ts";

type AnyTensor = Tensor<Shape, DType>;

function dims(x: AnyTensor): readonly number[] {
  return x.shape as readonly number[];
}

/** `a + b` for two tensors of one shape and dtype (cotangent accumulation). */
export function addSameShape<T extends AnyTensor>(a: T, b: T): T {
  if (!sameShape(dims(a), dims(b)) || a.dtype !== b.dtype) {
    throw new ShapeError(
      `Cannot accumulate gradients of shapes ${formatShape(dims(a))} (${a.dtype}) and ` +
        `${formatShape(dims(b))} (${b.dtype})`,
    );
  }
  const out = allocate(a.dtype, a.size);
  kernels().binary("add", a.data, b.data, out);
  return record("add", new Tensor(dims(a), a.dtype, out) as T, [a, b], (g) => [g, g]);
}

/**
 * Sums `x` over the axes that broadcasting stretched to reach its shape from
 * `target`: the leading extra axes and the axes where `target` has a 1.
 */
export function sumToShape(x: AnyTensor, target: readonly number[]): AnyTensor {
  const shape = dims(x);
  if (sameShape(shape, target)) return x;
  broadcastToShape(target, shape);
  const offset = shape.length - target.length;
  const axes: number[] = [];
  for (let axis = 0; axis < shape.length; axis++) {
    if (axis < offset || (target[axis - offset] === 1 && shape[axis] !== 1)) axes.push(axis);
  }
  const out = allocate(x.dtype, sizeOf(target));
  kernels().reduce("sum", x.data, shape, axes, out);
  return record(
    "sumToShape",
    new Tensor(target, x.dtype, out),
    [x],
    (g) => [broadcastTensor(g, shape)],
  );
}

/** Copies `x` broadcast to `target` (numpy rules); its adjoint is {@link sumToShape}. */
export function broadcastTensor(x: AnyTensor, target: readonly number[]): AnyTensor {
  const from = dims(x);
  const to = broadcastToShape(from, target);
  if (sameShape(from, to)) return x;
  const out = allocate(x.dtype, sizeOf(to));
  kernels().broadcastTo(x.data, from, to, out);
  return record("broadcastTo", new Tensor(to, x.dtype, out), [x], (g) => [sumToShape(g, from)]);
}
