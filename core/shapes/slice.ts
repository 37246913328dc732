/**
 * The shape rule of `slice(x, begin, size)`: a box of `size` elements that
 * starts at `begin`, one entry of each per axis; a size of `-1` runs to the end
 * of its axis. Like `tf.slice` and `jax.lax.slice`.
 *
 * A generic dim passes through untouched when its axis is taken whole (begin
 * `0`, size `-1`); slicing into a generic dim needs the dim's value, so the
 * compiler defers it (narrow with `assertShape` first).
 *
 * @module
 */
import type { Add, Compare, Sub } from "../arith.ts";
import { ShapeError } from "../errors.ts";
import type { Dim, DimText, Shape } from "../shape.ts";
import { formatShape } from "../shape.ts";

/** `true` when `N` is a negative number literal (`-3`), else `false`. */
export type IsNegative<N extends number> = `${N}` extends `-${string}` ? true : false;

/** The first element of a list of numbers and the rest; `number` for an array of unknown length. */
export type SliceNextEntry<T extends readonly number[]> = T extends
  readonly [infer First extends number, ...infer Rest extends number[]] ? [First, Rest]
  : [number, T];

/** A `ShapeError` when a list does not hold one entry per axis, else `true`. */
export type SliceEntriesPerAxis<
  List extends readonly unknown[],
  Rank extends number,
  What extends string,
> = number extends List["length"] ? true
  : List["length"] extends Rank ? true
  : ShapeError<`${What} needs one entry per axis: got ${List["length"]} for rank ${Rank}`>;

/** The first negative start in `begin`, as a `ShapeError`; `true` when there is none. */
export type SliceNegativeBegin<Begin extends readonly number[], Axis extends unknown[] = []> =
  Begin extends readonly [infer First extends number, ...infer Rest extends number[]]
    ? IsNegative<First> extends true
      ? ShapeError<`slice: begin ${First} is negative at axis ${Axis["length"]}`>
    : SliceNegativeBegin<Rest, [...Axis, unknown]>
    : true;

/**
 * What is wrong with `begin` alone for a tensor of shape `S` (one entry per
 * axis, none negative), as a `ShapeError`; `true` when nothing is. The `slice`
 * op puts this guard on its `begin` argument.
 *
 * @example
 * ```ts
 * import type { SliceBeginIssue } from "./slice.ts";
 * const fine: SliceBeginIssue<[4, 5], [1, 2]> = true;
 * ```
 */
export type SliceBeginIssue<S extends Shape, Begin extends readonly number[]> = number extends
  S["length"] ? SliceNegativeBegin<Begin>
  : SliceEntriesPerAxis<Begin, S["length"], "slice: begin"> extends infer R
    ? R extends ShapeError ? R : SliceNegativeBegin<Begin>
  : never;

/**
 * What `slice` checks on its `size` argument: {@link SliceShape} (the shape,
 * or the `ShapeError` that `size` causes), or `true` when `begin` is already
 * at fault, since the guard on `begin` reports that.
 *
 * @example
 * ```ts
 * import type { SliceSizeIssue } from "./slice.ts";
 * const fine: SliceSizeIssue<[4, 5], [1, 2], [3, -1]> = [3, 3];
 * ```
 */
export type SliceSizeIssue<
  S extends Shape,
  Begin extends readonly number[],
  Size extends readonly number[],
> = SliceBeginIssue<S, Begin> extends ShapeError ? true : SliceShape<S, Begin, Size>;

/**
 * One axis of a slice of a dim `D` from `B` with size `Z`: `{ ok: size }` or a
 * {@link ShapeError}. `D` is inspected only when the axis is not taken whole.
 */
export type SliceDim<D extends Dim, B extends number, Z extends number, Axis extends number> =
  [Z] extends [-1] ? [B] extends [0] ? { ok: D }
    : D extends number ? Sub<D, B> extends infer Rest extends number ? { ok: Rest }
      : ShapeError<`slice: begin ${B} is beyond dim ${D} at axis ${Axis}`>
    : { ok: number }
    : IsNegative<Z> extends true
      ? ShapeError<`slice: size ${Z} at axis ${Axis} must be non-negative or -1`>
    : D extends number
      ? Compare<Add<B, Z>, D> extends "gt"
        ? ShapeError<`slice: begin ${B} + size ${Z} exceeds dim ${DimText<D>} at axis ${Axis}`>
      : { ok: Z }
    : { ok: Z };

/** Slices every axis in turn: `{ ok: dims }` or the first {@link ShapeError}. */
export type SliceAxes<
  S extends Shape,
  Begin extends readonly number[],
  Size extends readonly number[],
  Done extends Dim[] = [],
> = S extends readonly [infer D extends Dim, ...infer Rest extends Dim[]]
  ? [SliceNextEntry<Begin>, SliceNextEntry<Size>] extends [
    [infer B extends number, infer BeginRest extends number[]],
    [infer Z extends number, infer SizeRest extends number[]],
  ]
    ? SliceDim<D, B, Z, Done["length"]> extends infer R
      ? R extends { ok: infer Out extends Dim }
        ? SliceAxes<Rest, BeginRest, SizeRest, [...Done, Out]>
      : R
    : never
  : never
  : { ok: Done };

/** The sizes of a slice of unknown rank: each `-1` becomes `number`. */
export type SliceSizesAsDims<Size extends readonly number[], Done extends Dim[] = []> =
  number extends Size["length"] ? Dim[]
    : Size extends readonly [infer First extends number, ...infer Rest extends number[]]
      ? SliceSizesAsDims<Rest, [...Done, [First] extends [-1] ? number : First]>
    : Done;

/**
 * The shape of `slice(x, Begin, Size)` for `x` of shape `S`, or a
 * {@link ShapeError}: `begin` and `size` hold one entry per axis, begins are
 * non-negative, a size is non-negative or `-1` (to the end), and
 * `begin + size` stays within the dim.
 *
 * @example
 * ```ts
 * import type { SliceShape } from "./slice.ts";
 * const crop: SliceShape<["B", 28, 28, 3], [0, 2, 2, 0], [-1, 24, 24, -1]> = ["B", 24, 24, 3];
 * const tail: SliceShape<[10, 4], [3, 0], [-1, 2]> = [7, 2];
 * ```
 */
export type SliceShape<
  S extends Shape,
  Begin extends readonly number[],
  Size extends readonly number[],
> = SliceBeginIssue<S, Begin> extends infer Issue ? Issue extends ShapeError ? Issue
  : number extends S["length"] ? SliceSizesAsDims<Size>
  : SliceEntriesPerAxis<Size, S["length"], "slice: size"> extends infer R ? R extends ShapeError ? R
    : SliceAxes<S, Begin, Size> extends infer Out
      ? Out extends { ok: infer Dims extends Dim[] } ? Dims
      : Out extends ShapeError ? Out
      : never
    : never
  : never
  : never;

/**
 * The run-time twin of {@link SliceShape}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sliceShape } from "./slice.ts";
 * assert.deepEqual(sliceShape([10, 4], [3, 0], [-1, 2]), [7, 2]);
 * ```
 */
export function sliceShape(
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
): number[] {
  const fail = (why: string): never => {
    throw new ShapeError(
      `Cannot slice a tensor of shape ${formatShape(shape)} with begin ${
        formatShape(begin)
      } and size ${formatShape(size)}: ${why}`,
    );
  };
  const rank = shape.length;
  if (begin.length !== rank) {
    fail(`begin needs one entry per axis: got ${begin.length} for rank ${rank}`);
  }
  for (let axis = 0; axis < rank; axis++) {
    const start = begin[axis];
    if (!Number.isSafeInteger(start)) fail(`begin ${start} at axis ${axis} is not an integer`);
    if (start < 0) fail(`begin ${start} is negative at axis ${axis}`);
  }
  if (size.length !== rank) {
    fail(`size needs one entry per axis: got ${size.length} for rank ${rank}`);
  }
  const out = new Array<number>(rank);
  for (let axis = 0; axis < rank; axis++) {
    const [dim, start, length] = [shape[axis], begin[axis], size[axis]];
    if (!Number.isSafeInteger(length)) fail(`size ${length} at axis ${axis} is not an integer`);
    if (length === -1) {
      if (start > dim) fail(`begin ${start} is beyond dim ${dim} at axis ${axis}`);
      out[axis] = dim - start;
    } else if (length < 0) {
      fail(`size ${length} at axis ${axis} must be non-negative or -1`);
    } else if (start + length > dim) {
      fail(`begin ${start} + size ${length} exceeds dim ${dim} at axis ${axis}`);
    } else out[axis] = length;
  }
  return out;
}
