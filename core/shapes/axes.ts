/**
 * Axis arithmetic shared by the reduction, transpose and concat rules: ranks
 * are small, so axes are handled with tuple lengths.
 *
 * @module
 */
import { ShapeError } from "../errors.ts";
import type { Shape } from "../shape.ts";
import { formatShape } from "../shape.ts";

/** A tuple without its first `N` elements, or `"out of range"`. */
export type DropCounted<T extends unknown[], N extends number, Dropped extends unknown[] = []> =
  Dropped["length"] extends N ? T
    : T extends [unknown, ...infer Rest] ? DropCounted<Rest, N, [...Dropped, unknown]>
    : "out of range";

/** A tuple of length `N`, for small axis arithmetic. */
export type CounterTuple<N extends number, Acc extends unknown[] = []> = Acc["length"] extends N
  ? Acc
  : CounterTuple<N, [...Acc, unknown]>;

/**
 * A possibly negative axis resolved against a rank (`-1` → `Rank - 1`), or a
 * {@link ShapeError} when it is out of range.
 */
export type NormalizeAxis<Axis extends number, Rank extends number, Op extends string> =
  number extends Axis | Rank ? number
    : `${Axis}` extends `-${infer Back extends number}`
      ? DropCounted<CounterTuple<Rank>, Back> extends infer Rest extends unknown[] ? Rest["length"]
      : ShapeError<`${Op}: axis ${Axis} is out of range for rank ${Rank}`>
    : CounterTuple<Rank> extends [...CounterTuple<Axis>, unknown, ...unknown[]] ? Axis
    : ShapeError<`${Op}: axis ${Axis} is out of range for rank ${Rank}`>;

/** A list of axes, each resolved; a duplicate or out-of-range axis gives a {@link ShapeError}. */
export type NormalizeAxes<
  Axes extends readonly number[],
  Rank extends number,
  Op extends string,
  Done extends number[] = [],
> = Axes extends readonly [infer First extends number, ...infer Rest extends number[]]
  ? NormalizeAxis<First, Rank, Op> extends infer Axis ? Axis extends ShapeError ? Axis
    : Axis extends Done[number] ? ShapeError<`${Op}: axis ${First} appears twice`>
    : Axis extends number ? NormalizeAxes<Rest, Rank, Op, [...Done, Axis]>
    : never
  : never
  : Done;

/** The rank of a shape, as a number literal when the shape is a tuple. */
export type RankOf<S extends Shape> = S["length"];

/**
 * Resolves a list of axes against a shape at run time; throws a
 * {@link ShapeError} for an axis out of range or given twice.
 */
export function normalizeAxes(
  op: string,
  axes: readonly number[],
  shape: readonly number[],
): number[] {
  const rank = shape.length;
  const seen: number[] = [];
  for (const axis of axes) {
    if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
      throw new ShapeError(
        `Cannot ${op} a tensor of shape ${
          formatShape(shape)
        }: axis ${axis} is out of range for rank ${rank}`,
      );
    }
    const resolved = axis < 0 ? axis + rank : axis;
    if (seen.includes(resolved)) {
      throw new ShapeError(
        `Cannot ${op} a tensor of shape ${formatShape(shape)}: axis ${axis} appears twice`,
      );
    }
    seen.push(resolved);
  }
  return seen;
}
