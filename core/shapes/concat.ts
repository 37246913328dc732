/**
 * The shape rule of `concat(tensors, axis)`: equal ranks, equal dims off the
 * axis, dims summed along it.
 *
 * @module
 */
import type { Add } from "../arith.ts";
import { ShapeError } from "../errors.ts";
import type { Dim, DimText, SameDim, Shape } from "../shape.ts";
import { formatShape } from "../shape.ts";
import type { NormalizeAxis } from "./axes.ts";
import { normalizeAxis } from "../shape.ts";

/** The sum of two dims along the concatenation axis (`number` unless both are literals). */
export type AddDims<A extends Dim, B extends Dim> = A extends number
  ? B extends number ? Add<A, B> : number
  : number;

/** Joins two shapes along `Axis` (already resolved): `{ ok: S }` or a {@link ShapeError}. */
export type ConcatTwo<
  A extends Shape,
  B extends Shape,
  Axis extends number,
  Done extends Dim[] = [],
> = A extends readonly [infer A0 extends Dim, ...infer ARest extends Dim[]]
  ? B extends readonly [infer B0 extends Dim, ...infer BRest extends Dim[]]
    ? Done["length"] extends Axis ? ConcatTwo<ARest, BRest, Axis, [...Done, AddDims<A0, B0>]>
    : SameDim<
      A0,
      B0,
      `concat: dims ${DimText<A0>} and ${DimText<B0>} differ at axis ${Done["length"]}`
    > extends infer R
      ? R extends { ok: infer D extends Dim } ? ConcatTwo<ARest, BRest, Axis, [...Done, D]>
      : R
    : never
  : never
  : { ok: Done };

/** Joins a list of shapes into an accumulated one. */
export type ConcatAll<Shapes extends readonly Shape[], Axis extends number, Acc extends Shape> =
  Shapes extends readonly [infer Next extends Shape, ...infer Rest extends Shape[]]
    ? Next["length"] extends Acc["length"]
      ? ConcatTwo<Acc, Next, Axis> extends infer R
        ? R extends { ok: infer Joined extends Shape } ? ConcatAll<Rest, Axis, Joined> : R
      : never
    : ShapeError<`concat: ranks ${Acc["length"]} and ${Next["length"]} differ`>
    : Acc;

/**
 * The result shape of concatenating tensors of shapes `Shapes` along `Axis`
 * (may be negative), or a {@link ShapeError}.
 *
 * @example
 * ```ts
 * import type { ConcatShape } from "./concat.ts";
 * const channels: ConcatShape<[[8, 28, 28, 64], [8, 28, 28, 32]], -1> = [8, 28, 28, 96];
 * ```
 */
export type ConcatShape<Shapes extends readonly Shape[], Axis extends number> = Shapes extends
  readonly [infer First extends Shape, ...infer Rest extends Shape[]]
  ? number extends First["length"] ? Dim[]
  : NormalizeAxis<Axis, First["length"], "concat"> extends infer A ? A extends ShapeError ? A
    : A extends number ? ConcatAll<Rest, A, First>
    : never
  : never
  : number extends Shapes["length"] ? Dim[]
  : ShapeError<"concat: needs at least one tensor">;

/**
 * The run-time twin of {@link ConcatShape}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { concatShape } from "./concat.ts";
 * assert(concatShape([[2, 3], [2, 4]], 1).join() === "2,7");
 * ```
 */
export function concatShape(shapes: readonly (readonly number[])[], axis: number): number[] {
  if (shapes.length === 0) throw new ShapeError("Cannot concat an empty list of tensors");
  const first = shapes[0];
  const resolved = normalizeAxis("concat", axis, first);
  const out = [...first];
  for (let index = 1; index < shapes.length; index++) {
    const shape = shapes[index];
    const describe = `Cannot concat tensors of shapes ${formatShape(first)} and ${
      formatShape(shape)
    }`;
    if (shape.length !== first.length) {
      throw new ShapeError(`${describe}: ranks ${first.length} and ${shape.length} differ`);
    }
    for (let a = 0; a < shape.length; a++) {
      if (a === resolved) out[a] += shape[a];
      else if (shape[a] !== first[a]) {
        throw new ShapeError(`${describe}: dims ${first[a]} and ${shape[a]} differ at axis ${a}`);
      }
    }
  }
  return out;
}
