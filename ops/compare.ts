/**
 * The comparisons `greater`, `greaterEqual`, `less`, `lessEqual` and
 * `equal`: elementwise, with numpy broadcasting, giving 1 where the relation
 * holds and 0 elsewhere, in the operands' dtype. They are not differentiable
 * and never recorded: their outputs are constants to every transform, fit
 * to build masks and weights (`mul(g, greater(x, 0))`).
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import { broadcastShapes } from "../core/shapes/broadcast.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import type { BinaryKind } from "../core/kernels/backend.ts";
import { stopGradient } from "../core/autodiff.ts";
import { sameDType } from "../core/_same_dtype.ts";
import type { BinaryOp } from "./_elementwise.ts";
import { mask } from "./_elementwise.ts";

type AnyTensor = Tensor<Shape, DType>;

/** `value` as a tensor; a number becomes a scalar of `like`'s dtype. */
function operand(op: string, value: AnyTensor | number, like: AnyTensor): AnyTensor {
  if (value instanceof Tensor) return value;
  if (typeof value !== "number") {
    throw new TypeError(`${op}: expected a tensor or a number, got ${typeof value}`);
  }
  const data = allocate(like.dtype, 1);
  data[0] = value;
  return new Tensor([], like.dtype, data);
}

/**
 * Builds a comparison from a comparison kernel; `swapped` runs the kernel on
 * `(b, a)`, so that `less` is `greater` read from the other side. The
 * operands are checked under the op's own name, then cut off from every
 * trace, so nothing about them is recorded.
 */
function comparison<Op extends string>(op: Op, kind: BinaryKind, swapped: boolean): BinaryOp<Op> {
  function apply(a: AnyTensor | number, b: AnyTensor | number): AnyTensor {
    if (!(a instanceof Tensor) && !(b instanceof Tensor)) {
      throw new TypeError(`${op}: at least one operand must be a tensor`);
    }
    const left = operand(op, a, (a instanceof Tensor ? a : b) as AnyTensor);
    const right = operand(op, b, left);
    sameDType(op, left, right);
    broadcastShapes(left.shape as readonly number[], right.shape as readonly number[], { op });
    const [first, second] = swapped ? [right, left] : [left, right];
    return mask(kind, stopGradient(first), stopGradient(second));
  }
  return apply as BinaryOp<Op>;
}

/**
 * `a > b`, elementwise, with numpy broadcasting: 1 where it holds, 0
 * elsewhere (NaN compares false), in the operands' dtype; a plain number
 * acts as a scalar. Not differentiable: the output is a constant to every
 * transform. Like `jnp.greater` (which gives booleans; here 0/1 floats).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { greater } from "./compare.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const positive: Tensor<[2, 2]> = greater(tensor([[1, -2], [0, 3]]), 0);
 * assert.deepEqual(positive.toArray(), [[1, 0], [0, 1]]);
 * ```
 */
export const greater: BinaryOp<"greater"> = comparison("greater", "greater", false);

/**
 * `a ≥ b`, elementwise, with numpy broadcasting: 1 or 0 in the operands'
 * dtype (NaN compares false). Not differentiable. Like `jnp.greater_equal`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { greaterEqual } from "./compare.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(greaterEqual(tensor([1, 2, 3]), tensor([2, 2, 2])).toArray(), [0, 1, 1]);
 * ```
 */
export const greaterEqual: BinaryOp<"greaterEqual"> = comparison(
  "greaterEqual",
  "greaterEqual",
  false,
);

/**
 * `a < b`, elementwise, with numpy broadcasting: 1 or 0 in the operands'
 * dtype (NaN compares false). Not differentiable. Like `jnp.less`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { less } from "./compare.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(less(tensor([1, 2, 3]), 2).toArray(), [1, 0, 0]);
 * assert.deepEqual(less(2, tensor([1, 2, 3])).toArray(), [0, 0, 1]);
 * ```
 */
export const less: BinaryOp<"less"> = comparison("less", "greater", true);

/**
 * `a ≤ b`, elementwise, with numpy broadcasting: 1 or 0 in the operands'
 * dtype (NaN compares false). Not differentiable. Like `jnp.less_equal`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lessEqual } from "./compare.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(lessEqual(tensor([[1], [2], [3]]), tensor([2])).toArray(), [[1], [1], [0]]);
 * ```
 */
export const lessEqual: BinaryOp<"lessEqual"> = comparison("lessEqual", "greaterEqual", true);

/**
 * `a = b`, elementwise, with numpy broadcasting: 1 or 0 in the operands'
 * dtype (NaN equals nothing, itself included). Not differentiable. Like
 * `jnp.equal`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { equal } from "./compare.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(equal(tensor([1, 2, NaN]), tensor([1, 3, NaN])).toArray(), [1, 0, 0]);
 * ```
 */
export const equal: BinaryOp<"equal"> = comparison("equal", "equal", false);
