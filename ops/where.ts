/**
 * `where`: elementwise choice between two tensors.
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
import { record } from "../core/trace.ts";
import { sameDType } from "../core/_same_dtype.ts";
import { mul } from "./mul.ts";

type AnyTensor = Tensor<Shape, DType>;

function stretch(x: AnyTensor, shape: readonly number[]): AnyTensor {
  return sameShape(x.shape as readonly number[], shape) ? x : broadcastTensor(x, shape);
}

/**
 * `a` where `condition` is non-zero, `b` elsewhere, with numpy broadcasting
 * among the three (a comparison such as `greater(x, 0)` makes a condition).
 * Gradient: the cotangent to `a` where the condition holds and to `b`
 * elsewhere; none to the condition. Like `jnp.where` and `torch.where`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { where } from "./where.ts";
 * import { tensor } from "../core/create.ts";
 * const chosen = where(tensor([1, 0, 1]), tensor([1, 2, 3]), tensor([10, 20, 30]));
 * assert.deepEqual(chosen.toArray(), [1, 20, 3]);
 * ```
 */
export function where<C extends Shape, A extends Shape, B extends Shape, D extends DType>(
  condition: Tensor<C, D>,
  a: Tensor<A, NoInfer<D>> & NoInfer<Guard<BroadcastShape<C, A, "where">>>,
  b:
    & Tensor<B, NoInfer<D>>
    & NoInfer<Guard<BroadcastShape<Ok<BroadcastShape<C, A, "where">>, B, "where">>>,
): Tensor<Ok<BroadcastShape<Ok<BroadcastShape<C, A, "where">>, B, "where">>, D> {
  sameDType("where", condition, a);
  sameDType("where", a, b);
  const shape = broadcastShapes(
    broadcastShapes(condition.shape as readonly number[], a.shape as readonly number[], {
      op: "where",
    }),
    b.shape as readonly number[],
    { op: "where" },
  );
  const chooser = stretch(condition, shape);
  const [left, right] = [stretch(a, shape), stretch(b, shape)];
  const out = allocate(a.dtype, left.size);
  const toLeft = allocate(a.dtype, left.size);
  for (let i = 0; i < out.length; i++) {
    const pick = chooser.data[i] !== 0;
    out[i] = pick ? left.data[i] : right.data[i];
    toLeft[i] = pick ? 1 : 0;
  }
  const leftMask = new Tensor(shape, a.dtype, toLeft);
  const rightMask = new Tensor(shape, a.dtype, toLeft.map((v) => 1 - v) as typeof toLeft);
  const chosen = new Tensor<Shape, D>(shape, a.dtype, out);
  const recorded = record("where", chosen, [chooser, left, right], (g) => [
    null,
    mul(g, leftMask),
    mul(g, rightMask),
  ]);
  return recorded as Tensor<Ok<BroadcastShape<Ok<BroadcastShape<C, A, "where">>, B, "where">>, D>;
}
