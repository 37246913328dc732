/**
 * The shape rule of `pad(x, paddings)`: every axis grows by the zeros (or
 * constant) added before and after it, `[before, after]` per axis. Like
 * `jnp.pad` in constant mode and `tf.pad`.
 *
 * A generic dim passes through untouched when its axis gets `[0, 0]`;
 * padding a generic dim needs the dim's value, so the compiler defers it
 * (narrow with `assertShape` first).
 *
 * @module
 */
import type { Add } from "../arith.ts";
import { ShapeError } from "../errors.ts";
import type { Dim, DimText, Shape } from "../shape.ts";
import { formatShape } from "../shape.ts";
import type { IsNegative } from "./slice.ts";

/** The padding of one axis: how many entries go before it and after it. */
export type PadPair = readonly [before: number, after: number];

/**
 * One axis of a pad of a dim `D` by `[Before, After]`: `{ ok: size }` or a
 * {@link ShapeError}. `D` is inspected only when the padding is not `[0, 0]`.
 */
export type PadDim<
  D extends Dim,
  Before extends number,
  After extends number,
  Axis extends number,
> = IsNegative<Before> extends true
  ? ShapeError<`pad: padding ${Before} at the start of axis ${Axis} is negative`>
  : IsNegative<After> extends true
    ? ShapeError<`pad: padding ${After} at the end of axis ${Axis} is negative`>
  : [Before, After] extends [0, 0] ? { ok: D }
  : D extends number ? { ok: Add<Add<D, Before>, After> }
  : { ok: number };

/** Pads every axis in turn: `{ ok: dims }` or the first {@link ShapeError}. */
export type PadAxes<
  S extends Shape,
  Paddings extends readonly PadPair[],
  Done extends Dim[] = [],
> = S extends readonly [infer D extends Dim, ...infer Rest extends Dim[]]
  ? Paddings extends readonly [infer Pair extends PadPair, ...infer Others extends PadPair[]]
    ? PadDim<D, Pair[0], Pair[1], Done["length"]> extends infer R
      ? R extends { ok: infer Out extends Dim } ? PadAxes<Rest, Others, [...Done, Out]> : R
    : never
  : never
  : { ok: Done };

/** A shape of the rank of `S` whose dims are all `number` (for paddings of unknown length). */
export type PadWideDims<S extends Shape, Done extends Dim[] = []> = S extends
  readonly [Dim, ...infer Rest extends Dim[]] ? PadWideDims<Rest, [...Done, number]>
  : Done;

/**
 * The shape of `pad(x, Paddings)` for `x` of shape `S`, or a
 * {@link ShapeError}: one `[before, after]` pair per axis, none negative; each
 * dim becomes `before + dim + after`.
 *
 * @example
 * ```ts
 * import type { PadShape } from "./pad.ts";
 * const framed: PadShape<["B", 28, 28, 1], [[0, 0], [2, 2], [2, 2], [0, 0]]> = ["B", 32, 32, 1];
 * ```
 */
export type PadShape<S extends Shape, Paddings extends readonly PadPair[]> = number extends
  S["length"] ? Dim[]
  : number extends Paddings["length"] ? PadWideDims<S>
  : Paddings["length"] extends S["length"]
    ? PadAxes<S, Paddings> extends infer Out ? Out extends { ok: infer Dims extends Dim[] } ? Dims
      : Out extends ShapeError ? Out
      : never
    : never
  : ShapeError<
    `pad: paddings needs one [before, after] pair per axis: got ${DimText<
      Paddings["length"]
    >} for rank ${S["length"]}`
  >;

/** `[[0, 0], [2, 2]]`, for run-time messages. */
function formatPaddings(paddings: readonly PadPair[]): string {
  const pairs = paddings.map((pair) => Array.isArray(pair) ? formatShape(pair) : String(pair));
  return `[${pairs.join(", ")}]`;
}

/**
 * The run-time twin of {@link PadShape}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { padShape } from "./pad.ts";
 * assert.deepEqual(padShape([2, 28, 28, 1], [[0, 0], [2, 2], [2, 2], [0, 0]]), [2, 32, 32, 1]);
 * ```
 */
export function padShape(shape: readonly number[], paddings: readonly PadPair[]): number[] {
  const fail = (why: string): never => {
    throw new ShapeError(
      `Cannot pad a tensor of shape ${formatShape(shape)} with paddings ${
        formatPaddings(paddings)
      }: ${why}`,
    );
  };
  const rank = shape.length;
  if (paddings.length !== rank) {
    fail(
      `paddings needs one [before, after] pair per axis: got ${paddings.length} for rank ${rank}`,
    );
  }
  const out = new Array<number>(rank);
  for (let axis = 0; axis < rank; axis++) {
    const pair = paddings[axis];
    if (!Array.isArray(pair) || pair.length !== 2) {
      fail(`the padding of axis ${axis} must be a [before, after] pair`);
    }
    const [before, after] = pair;
    for (const [amount, side] of [[before, "start"], [after, "end"]] as const) {
      if (!Number.isSafeInteger(amount)) {
        fail(`padding ${amount} at the ${side} of axis ${axis} is not an integer`);
      }
      if (amount < 0) fail(`padding ${amount} at the ${side} of axis ${axis} is negative`);
    }
    out[axis] = before + shape[axis] + after;
  }
  return out;
}
