/**
 * `stack`: join tensors of one shape along a new axis.
 *
 * @module
 */
import type { IsUnion } from "../core/type_utils.ts";
import type { Guard, Ok, Shape } from "../core/shape.ts";
import { sizeOf } from "../core/shape.ts";
import type { StackShape } from "../core/shapes/stack.ts";
import { stackShape } from "../core/shapes/stack.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import { record } from "../core/trace.ts";
import { sameDType } from "../core/_same_dtype.ts";
import { copyRegion } from "./_copy_region.ts";
import { reshape } from "./reshape.ts";
import { slice } from "./slice.ts";

// The helpers below read a tensor's dtype with an unconstrained `infer`, so that
// a generic dtype (`Tensor<S, D>` inside `<D extends DType>` code) resolves
// instead of being deferred.

/** The static shapes of a list of tensors to stack. */
export type StackShapesOf<Ts extends readonly Tensor<Shape, DType>[]> = {
  [K in keyof Ts]: Ts[K] extends Tensor<infer S, infer _D> ? S : never;
};

/** The dtype of a list of tensors to stack (a union when they differ). */
export type StackDTypeOf<Ts extends readonly Tensor<Shape, DType>[]> = Ts[number] extends
  Tensor<Shape, infer D> ? D : never;

/** `true` when every dtype in the list is the first one (a generic dtype matches itself). */
export type StackSameDTypes<List extends readonly unknown[]> = List extends
  readonly [infer A, infer B, ...infer Rest]
  ? { a: A; b: B } extends { a: B; b: A } ? StackSameDTypes<[B, ...Rest]>
  : false
  : true;

/** Rejects a mix of dtypes in `stack` at compile time (the run time rejects it too). */
export type StackDTypes<Ts extends readonly Tensor<Shape, DType>[]> = (
  number extends Ts["length"] ? IsUnion<StackDTypeOf<Ts>> extends false ? true : false
    : StackSameDTypes<{ [K in keyof Ts]: Ts[K] extends Tensor<Shape, infer D> ? D : never }>
) extends true ? unknown
  : { readonly "stack: tensors of different dtypes": never };

/**
 * Joins N tensors of one shape along a new axis of length N at `axis` (0 by
 * default; negative counts from the end of the result, whose rank is one
 * more): `y[…, k, …] = tensors[k]`. Copies the elements.
 *
 * Gradient: the k-th tensor gets the k-th plane of the cotangent, sliced out
 * and reshaped back. `stack` is linear, so it has no kinks and its second
 * derivative is zero. Like `jnp.stack` and `torch.stack`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stack } from "./stack.ts";
 * import { tensor, zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const a = tensor([1, 2, 3]);
 * const b = tensor([4, 5, 6]);
 * const rows: Tensor<[2, 3]> = stack([a, b]);
 * assert.deepEqual(rows.toArray(), [[1, 2, 3], [4, 5, 6]]);
 * const columns: Tensor<[3, 2]> = stack([a, b], -1);
 * assert.deepEqual(columns.toArray(), [[1, 4], [2, 5], [3, 6]]);
 * const batch: Tensor<[3, 28, 28]> = stack([zeros([28, 28]), zeros([28, 28]), zeros([28, 28])]);
 * // stack([zeros([28, 28]), zeros([28, 27])]) does not compile: dims 28 and 27 differ at axis 1.
 * ```
 */
export function stack<
  const Ts extends readonly Tensor<Shape, DType>[],
  const Axis extends number = 0,
>(
  tensors: Ts & NoInfer<Guard<StackShape<StackShapesOf<Ts>, Axis>> & StackDTypes<Ts>>,
  axis?: Axis,
): Tensor<Ok<StackShape<StackShapesOf<Ts>, Axis>>, StackDTypeOf<Ts>> {
  const shapes = tensors.map((t) => t.shape as readonly number[]);
  const requested: number = axis ?? 0;
  const outShape = stackShape(shapes, requested);
  for (const t of tensors) sameDType("stack", tensors[0], t);
  const at = requested < 0 ? requested + outShape.length : requested;
  const dtype = tensors[0].dtype as StackDTypeOf<Ts>;
  const out = allocate(dtype, sizeOf(outShape));
  // Each input is the plane of the output with a 1 at the new axis.
  const plane = outShape.map((dim, a) => (a === at ? 1 : dim));
  const origin = outShape.map(() => 0);
  const corner = (k: number): number[] => outShape.map((_, a) => (a === at ? k : 0));
  tensors.forEach((t, k) => {
    copyRegion(
      { data: t.data, shape: plane, start: origin, extent: plane },
      { data: out, shape: outShape, start: corner(k) },
    );
  });
  const result = new Tensor<Ok<StackShape<StackShapesOf<Ts>, Axis>>, StackDTypeOf<Ts>>(
    outShape,
    dtype,
    out,
  );
  return record(
    "stack",
    result,
    tensors,
    (g) => shapes.map((shape, k) => reshape(slice(g, corner(k), plane), shape)),
  );
}
