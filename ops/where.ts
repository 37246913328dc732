/**
 * `where`: elementwise selection between two tensors by a condition.
 *
 * @module
 */
import { ShapeError } from "../core/errors.ts";
import type { Guard, Ok, Shape } from "../core/shape.ts";
import { formatShape, sameShape, sizeOf } from "../core/shape.ts";
import type { BroadcastShape } from "../core/shapes/broadcast.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import type { Buffer } from "../core/kernels/backend.ts";
import { kernels } from "../core/kernels/active.ts";
import { record } from "../core/trace.ts";
import { sameDType } from "../core/_same_dtype.ts";

type AnyTensor = Tensor<Shape, DType>;

/**
 * The shape of `where(condition, a, b)`: the three shapes broadcast
 * together (numpy rules), or a `ShapeError` naming `where` and the dims.
 *
 * @example
 * ```ts
 * import type { WhereShape } from "./where.ts";
 * const shape: WhereShape<[2, 1], [3], [1, 1]> = [2, 3];
 * ```
 */
export type WhereShape<C extends Shape, A extends Shape, B extends Shape> =
  BroadcastShape<C, A, "where"> extends infer CA extends Shape ? BroadcastShape<CA, B, "where">
    : BroadcastShape<C, A, "where">;

/** The guard on `b`: silent when the condition and `a` already clash (the error is on `a`). */
export type GuardThird<C extends Shape, A extends Shape, B extends Shape> =
  BroadcastShape<C, A, "where"> extends infer CA extends Shape
    ? Guard<BroadcastShape<CA, B, "where">>
    : unknown;

const ROLES = ["the condition", "a", "b"];

/**
 * The run-time twin of {@link WhereShape}; a clash throws a `ShapeError`
 * naming the two operands that clash, their shapes and the axis.
 */
function whereShape(shapes: readonly (readonly number[])[]): number[] {
  const rank = Math.max(...shapes.map((shape) => shape.length));
  const out = new Array<number>(rank);
  for (let i = 1; i <= rank; i++) {
    const dims = shapes.map((shape) => (i <= shape.length ? shape[shape.length - i] : 1));
    const first = dims.findIndex((dim) => dim !== 1);
    const clash = dims.findIndex((dim) => dim !== 1 && dim !== dims[first]);
    if (clash >= 0) {
      throw new ShapeError(
        `Cannot where tensors of shapes ${formatShape(shapes[first])} and ` +
          `${formatShape(shapes[clash])} (${ROLES[first]} and ${ROLES[clash]}): dimension ` +
          `${dims[first]} does not broadcast against ${dims[clash]} at axis ${rank - i} ` +
          `of the result`,
      );
    }
    out[rank - i] = first >= 0 ? dims[first] : 1;
  }
  return out;
}

/** `value` as a tensor; a number becomes a scalar of `like`'s dtype. */
function operand(value: AnyTensor | number, like: AnyTensor): AnyTensor {
  if (value instanceof Tensor) return value;
  if (typeof value !== "number") {
    throw new TypeError(`where: expected a tensor or a number, got ${typeof value}`);
  }
  const data = allocate(like.dtype, 1);
  data[0] = value;
  return new Tensor([], like.dtype, data);
}

/** The data of `x` broadcast to `shape` (a copy only when the shape differs; not recorded). */
function spread(x: AnyTensor, shape: readonly number[]): Buffer {
  const from = x.shape as readonly number[];
  if (sameShape(from, shape)) return x.data;
  const out = allocate(x.dtype, sizeOf(shape));
  kernels().broadcastTo(x.data, from, shape, out);
  return out;
}

/**
 * `a` where `condition` is non-zero (NaN counts as non-zero, as in numpy),
 * `b` elsewhere, elementwise, with numpy broadcasting among all three. The
 * condition may have either dtype (it is only tested against 0; a 0/1 mask
 * from `greater` and friends fits); `a` and `b` share one dtype, and either
 * may be a plain number, a scalar of the other's dtype. The unselected side
 * never leaks into the result: `where(c, x, NaN)` has no NaN where `c`
 * holds.
 *
 * Gradient: `where(condition, g, 0)` to `a` and `where(condition, 0, g)` to
 * `b` (summed back over broadcast axes); none to the condition. Linear in
 * `a` and `b`: the second derivative is 0. Like `jnp.where(c, a, b)` and
 * `torch.where`, with a numeric condition.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { where } from "./where.ts";
 * import { greater } from "./compare.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const x = tensor([[-1, 2], [3, -4]]);
 * const positives: Tensor<[2, 2]> = where(greater(x, 0), x, 0);
 * assert.deepEqual(positives.toArray(), [[0, 2], [3, 0]]);
 * const rows: Tensor<[2, 3]> = where(tensor([[1], [0]]), tensor([1, 2, 3]), tensor([[7], [8]]));
 * assert.deepEqual(rows.toArray(), [[1, 2, 3], [8, 8, 8]]);
 * ```
 */
export function where<C extends Shape, A extends Shape, B extends Shape, D extends DType>(
  condition: Tensor<C, DType>,
  a: Tensor<A, D> & NoInfer<Guard<BroadcastShape<C, A, "where">>>,
  b: Tensor<B, NoInfer<D>> & NoInfer<GuardThird<C, A, B>>,
): Tensor<Ok<WhereShape<C, A, B>>, D>;
/** A tensor where the condition holds, a number elsewhere. */
export function where<C extends Shape, A extends Shape, D extends DType>(
  condition: Tensor<C, DType>,
  a: Tensor<A, D> & NoInfer<Guard<BroadcastShape<C, A, "where">>>,
  b: number,
): Tensor<Ok<BroadcastShape<C, A, "where">>, D>;
/** A number where the condition holds, a tensor elsewhere. */
export function where<C extends Shape, B extends Shape, D extends DType>(
  condition: Tensor<C, DType>,
  a: number,
  b: Tensor<B, D> & NoInfer<Guard<BroadcastShape<C, B, "where">>>,
): Tensor<Ok<BroadcastShape<C, B, "where">>, D>;
export function where(
  condition: AnyTensor,
  a: AnyTensor | number,
  b: AnyTensor | number,
): AnyTensor {
  if (!(condition instanceof Tensor)) {
    throw new TypeError(`where: the condition must be a tensor, got ${typeof condition}`);
  }
  if (!(a instanceof Tensor) && !(b instanceof Tensor)) {
    throw new TypeError("where: at least one of a and b must be a tensor");
  }
  const left = operand(a, (a instanceof Tensor ? a : b) as AnyTensor);
  const right = operand(b, left);
  sameDType("where", left, right);
  const shape = whereShape([condition, left, right].map((x) => x.shape as readonly number[]));
  const selector = spread(condition, shape);
  const ifTrue = spread(left, shape);
  const ifFalse = spread(right, shape);
  const out = allocate(left.dtype, sizeOf(shape));
  for (let i = 0; i < out.length; i++) out[i] = selector[i] !== 0 ? ifTrue[i] : ifFalse[i];
  return record(
    "where",
    new Tensor(shape, left.dtype, out),
    [condition, left, right],
    (g, [selected]) => [null, where(selected, g, 0), where(selected, 0, g)],
  );
}
