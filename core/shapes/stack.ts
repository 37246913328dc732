/**
 * The shape rule of `stack(tensors, axis)`: tensors of one shape joined along
 * a new axis of length N (the number of tensors). Like `jnp.stack` and
 * `torch.stack`.
 *
 * @module
 */
import type { Add } from "../arith.ts";
import { ShapeError } from "../errors.ts";
import type { Dim, DimText, SameDim, Shape } from "../shape.ts";
import { formatShape } from "../shape.ts";
import type { NormalizeAxis } from "./axes.ts";

/**
 * Two shapes of one rank merged dim by dim ({@link SameDim}: a generic dim
 * agrees with itself, `number` with anything): `{ ok: S }` or a `ShapeError`.
 */
export type StackSameDims<A extends Shape, B extends Shape, Done extends Dim[] = []> = A extends
  readonly [infer A0 extends Dim, ...infer ARest extends Dim[]]
  ? B extends readonly [infer B0 extends Dim, ...infer BRest extends Dim[]] ? SameDim<
      A0,
      B0,
      `stack: dims ${DimText<A0>} and ${DimText<B0>} differ at axis ${Done["length"]}`
    > extends infer R
      ? R extends { ok: infer D extends Dim } ? StackSameDims<ARest, BRest, [...Done, D]>
      : R
    : never
  : { ok: Done }
  : { ok: Done };

/** The one shape a list of shapes shares: `{ ok: S }` or a `ShapeError`. */
export type StackCommonShape<Shapes extends readonly Shape[], Acc extends Shape> = Shapes extends
  readonly [infer Next extends Shape, ...infer Rest extends Shape[]]
  ? Next["length"] extends Acc["length"]
    ? StackSameDims<Acc, Next> extends infer R
      ? R extends { ok: infer Merged extends Shape } ? StackCommonShape<Rest, Merged> : R
    : never
  : ShapeError<`stack: ranks ${Acc["length"]} and ${DimText<Next["length"]>} differ`>
  : { ok: Acc };

/** A tuple with `X` inserted before index `Index` (at the end when `Index` is its length). */
export type InsertAt<
  T extends readonly unknown[],
  Index extends number,
  X,
  Head extends unknown[] = [],
> = Head["length"] extends Index ? [...Head, X, ...T]
  : T extends readonly [infer First, ...infer Rest] ? InsertAt<Rest, Index, X, [...Head, First]>
  : [...Head, X];

/**
 * The shape of `stack(tensors, Axis)` for tensors of shapes `Shapes`: their
 * common shape with an axis of length N inserted at `Axis` (negative counts
 * from the end of the result, whose rank is one more), or a
 * {@link ShapeError}.
 *
 * @example
 * ```ts
 * import type { StackShape } from "./stack.ts";
 * const batch: StackShape<[[28, 28], [28, 28], [28, 28]], 0> = [3, 28, 28];
 * const last: StackShape<[["B", 4], ["B", 4]], -1> = ["B", 4, 2];
 * ```
 */
export type StackShape<Shapes extends readonly Shape[], Axis extends number> = Shapes extends
  readonly [infer First extends Shape, ...infer Rest extends Shape[]]
  ? number extends First["length"] ? Dim[]
  : number extends Shapes["length"] ? Dim[]
  : StackCommonShape<Rest, First> extends infer R
    ? R extends { ok: infer Common extends Dim[] }
      ? NormalizeAxis<Axis, Add<Common["length"], 1>, "stack"> extends infer A
        ? A extends ShapeError ? A
        : number extends A ? Dim[]
        : A extends number ? InsertAt<Common, A, Shapes["length"]>
        : never
      : never
    : R
  : never
  : number extends Shapes["length"] ? Dim[]
  : ShapeError<"stack: needs at least one tensor">;

/**
 * The run-time twin of {@link StackShape}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stackShape } from "./stack.ts";
 * assert.deepEqual(stackShape([[28, 28], [28, 28], [28, 28]], 0), [3, 28, 28]);
 * assert.deepEqual(stackShape([[2, 4], [2, 4]], -1), [2, 4, 2]);
 * ```
 */
export function stackShape(shapes: readonly (readonly number[])[], axis: number): number[] {
  if (shapes.length === 0) throw new ShapeError("Cannot stack an empty list of tensors");
  const first = shapes[0];
  for (let index = 1; index < shapes.length; index++) {
    const shape = shapes[index];
    const describe = `Cannot stack tensors of shapes ${formatShape(first)} and ${
      formatShape(shape)
    }`;
    if (shape.length !== first.length) {
      throw new ShapeError(`${describe}: ranks ${first.length} and ${shape.length} differ`);
    }
    for (let a = 0; a < shape.length; a++) {
      if (shape[a] !== first[a]) {
        throw new ShapeError(`${describe}: dims ${first[a]} and ${shape[a]} differ at axis ${a}`);
      }
    }
  }
  const rank = first.length + 1;
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ShapeError(
      `Cannot stack tensors of shape ${
        formatShape(first)
      }: axis ${axis} is out of range for rank ${rank}`,
    );
  }
  const at = axis < 0 ? axis + rank : axis;
  return [...first.slice(0, at), shapes.length, ...first.slice(at)];
}
