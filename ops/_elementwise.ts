/**
 * The shared body of the elementwise ops: broadcast the operands, run the
 * kernel, record the rule. Each op file supplies its kernel kind, its rule
 * and its docs.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import { sameShape } from "../core/shape.ts";
import type { BroadcastShape } from "../core/shapes/broadcast.ts";
import { broadcastShapes } from "../core/shapes/broadcast.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import { broadcastTensor } from "../core/_broadcast_ad.ts";
import type { BinaryKind, UnaryKind } from "../core/kernels/backend.ts";
import { kernels } from "../core/kernels/active.ts";
import type { VJPRule } from "../core/trace.ts";
import { record } from "../core/trace.ts";
import { sameDType } from "../core/_same_dtype.ts";

type AnyTensor = Tensor<Shape, DType>;

/**
 * An elementwise op of two operands with broadcasting; either operand may be
 * a plain number, which acts as a scalar of the other operand's dtype.
 */
export interface BinaryOp<Op extends string> {
  /** Two tensors, broadcast against each other. */
  <A extends Shape, B extends Shape, D extends DType>(
    a: Tensor<A, D>,
    b: Tensor<B, NoInfer<D>> & NoInfer<Guard<BroadcastShape<A, B, Op>>>,
  ): Tensor<Ok<BroadcastShape<A, B, Op>>, D>;
  /** A tensor and a number. */
  <A extends Shape, D extends DType>(a: Tensor<A, D>, b: number): Tensor<A, D>;
  /** A number and a tensor. */
  <B extends Shape, D extends DType>(a: number, b: Tensor<B, D>): Tensor<B, D>;
}

/** An elementwise op of one operand. */
export type UnaryOp = <S extends Shape, D extends DType>(x: Tensor<S, D>) => Tensor<S, D>;

function asTensor(value: AnyTensor | number, like: AnyTensor): AnyTensor {
  if (value instanceof Tensor) return value;
  if (typeof value !== "number") {
    throw new TypeError(`expected a tensor or a number, got ${typeof value}`);
  }
  const data = allocate(like.dtype, 1);
  data[0] = value;
  return new Tensor([], like.dtype, data);
}

/** Runs a binary kernel on two tensors of one shape (no recording). */
export function binaryKernel(kind: BinaryKind, a: AnyTensor, b: AnyTensor): AnyTensor {
  const out = allocate(a.dtype, a.size);
  kernels().binary(kind, a.data, b.data, out);
  return new Tensor(a.shape as readonly number[], a.dtype, out);
}

/** Runs a unary kernel (no recording). */
export function unaryKernel(kind: UnaryKind, x: AnyTensor): AnyTensor {
  const out = allocate(x.dtype, x.size);
  kernels().unary(kind, x.data, out);
  return new Tensor(x.shape as readonly number[], x.dtype, out);
}

/**
 * Broadcasts `a` and `b` to one shape (recording the broadcast, so that the
 * rule sees operands of the output's shape) and checks their dtypes.
 */
function align(op: string, a: AnyTensor | number, b: AnyTensor | number): [AnyTensor, AnyTensor] {
  if (!(a instanceof Tensor) && !(b instanceof Tensor)) {
    throw new TypeError(`${op}: at least one operand must be a tensor`);
  }
  const left = asTensor(a, (a instanceof Tensor ? a : b) as AnyTensor);
  const right = asTensor(b, left);
  sameDType(op, left, right);
  const aShape = left.shape as readonly number[];
  const bShape = right.shape as readonly number[];
  if (sameShape(aShape, bShape)) return [left, right];
  const shape = broadcastShapes(aShape, bShape, { op });
  return [broadcastTensor(left, shape), broadcastTensor(right, shape)];
}

/**
 * Builds a broadcasting elementwise op from its kernel and its rule. The
 * rule receives the operands already broadcast to the output's shape.
 */
export function binaryOp<Op extends string>(op: Op, kind: BinaryKind, vjp: VJPRule): BinaryOp<Op> {
  function apply(a: AnyTensor | number, b: AnyTensor | number): AnyTensor {
    const [left, right] = align(op, a, b);
    return record(op, binaryKernel(kind, left, right), [left, right], vjp);
  }
  return apply as BinaryOp<Op>;
}

/** Builds an elementwise op of one operand from its kernel and its rule. */
export function unaryOp(op: string, kind: UnaryKind, vjp: VJPRule): UnaryOp {
  function apply(x: AnyTensor): AnyTensor {
    if (!(x instanceof Tensor)) throw new TypeError(`${op}: expected a tensor, got ${typeof x}`);
    return record(op, unaryKernel(kind, x), [x], vjp);
  }
  return apply as UnaryOp;
}

/** A tensor of `like`'s shape and dtype holding a 0/1 mask from a comparison (never recorded). */
export function mask(kind: BinaryKind, a: AnyTensor, b: AnyTensor | number): AnyTensor {
  const [left, right] = align(kind, a, b instanceof Tensor ? b : asTensor(b, a));
  return binaryKernel(kind, left, right);
}
