/**
 * Broadcasting (numpy rules): shapes are aligned on the right; a dim of 1
 * stretches to the other side, a missing dim takes the other side's.
 *
 * @module
 */
import { ShapeError } from "../errors.ts";
import type { Dim, DimText, Shape, UnknownRank } from "../shape.ts";
import { formatShape } from "../shape.ts";

/**
 * Broadcast of two dims: `{ ok: D }` or a {@link ShapeError}. A generic dim
 * broadcasts against itself and against a literal 1 on the right-hand side;
 * `number` joins anything and yields the other side.
 */
export type BroadcastDim<A extends Dim, B extends Dim, Op extends string> = {
  a: A;
  b: B;
} extends { b: 1 } | { a: B; b: A } ? { ok: A }
  : { a: A; b: B } extends { a: 1 } ? { ok: B }
  : [number] extends [A] ? { ok: B }
  : [number] extends [B] ? { ok: A }
  : ShapeError<`${Op}: cannot broadcast dimension ${DimText<A>} against ${DimText<B>}`>;

/** Broadcasts `A` and `B` from their last axes, accumulating the result in `Done`. */
export type BroadcastFrom<A extends Shape, B extends Shape, Done extends Dim[], Op extends string> =
  A extends readonly [...infer ARest extends Dim[], infer ALast extends Dim]
    ? B extends readonly [...infer BRest extends Dim[], infer BLast extends Dim]
      ? BroadcastDim<ALast, BLast, Op> extends infer R
        ? R extends { ok: infer D extends Dim } ? BroadcastFrom<ARest, BRest, [D, ...Done], Op> : R
      : never
    : [...A, ...Done]
    : [...B, ...Done];

/**
 * The broadcast shape of `A` and `B`, or a {@link ShapeError} naming `Op` and
 * the dims that clash.
 *
 * @example
 * ```ts
 * import type { BroadcastShape } from "./broadcast.ts";
 * const shape: BroadcastShape<[8, 1, 3], [5, 3]> = [8, 5, 3];
 * ```
 */
export type BroadcastShape<A extends Shape, B extends Shape, Op extends string = "broadcast"> =
  UnknownRank<A | B> extends true ? Dim[] : BroadcastFrom<A, B, [], Op>;

/**
 * Options of {@link broadcastShapes}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { broadcastShapes } from "./broadcast.ts";
 * import type { BroadcastShapesOptions } from "./broadcast.ts";
 * const options: BroadcastShapesOptions = { op: "add" };
 * assert.throws(() => broadcastShapes([2], [3], options), /^ShapeError: Cannot add tensors/);
 * ```
 */
export interface BroadcastShapesOptions {
  /** The op that error messages name (`Cannot add tensors of shapes …`); `"broadcast"` when absent. */
  readonly op?: string;
}

/**
 * The run-time twin of {@link BroadcastShape}: the broadcast shape of two
 * shapes, or a {@link ShapeError} naming the op, both shapes and the axis.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { broadcastShapes } from "./broadcast.ts";
 * assert(broadcastShapes([8, 1, 3], [5, 3]).join() === "8,5,3");
 * assert.throws(() => broadcastShapes([2, 3], [4, 3], { op: "mul" }), /Cannot mul tensors/);
 * ```
 */
export function broadcastShapes(
  a: readonly number[],
  b: readonly number[],
  options?: BroadcastShapesOptions,
): number[] {
  const op = options?.op ?? "broadcast";
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 1; i <= rank; i++) {
    const da = i <= a.length ? a[a.length - i] : 1;
    const db = i <= b.length ? b[b.length - i] : 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `Cannot ${op} tensors of shapes ${formatShape(a)} and ${formatShape(b)}: ` +
          `dimension ${da} does not broadcast against ${db} at axis ${rank - i} of the result`,
      );
    }
    out[rank - i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Whether `from` broadcasts to exactly `to` (the rule of `broadcastTo`).
 *
 * @example
 * ```ts
 * import type { BroadcastToShape } from "./broadcast.ts";
 * const shape: BroadcastToShape<[1, 3], [4, 3]> = [4, 3];
 * ```
 */
export type BroadcastToShape<From extends Shape, To extends Shape> = BroadcastFrom<
  To,
  From,
  [],
  "broadcastTo"
> extends infer R ? R extends ShapeError ? R
  : { r: R } extends { r: To } ? [...To]
  : ShapeError<
    "broadcastTo: the source has more dims than the target, or a dim larger than 1 differs"
  >
  : never;

/**
 * The run-time twin of {@link BroadcastToShape}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { broadcastToShape } from "./broadcast.ts";
 * assert(broadcastToShape([1, 3], [4, 3]).join() === "4,3");
 * ```
 */
export function broadcastToShape(from: readonly number[], to: readonly number[]): number[] {
  const offset = to.length - from.length;
  if (offset < 0) {
    throw new ShapeError(
      `Cannot broadcastTo a tensor of shape ${formatShape(from)} to shape ${formatShape(to)}: ` +
        `rank ${from.length} is larger than ${to.length}`,
    );
  }
  for (let axis = 0; axis < from.length; axis++) {
    if (from[axis] !== 1 && from[axis] !== to[axis + offset]) {
      throw new ShapeError(
        `Cannot broadcastTo a tensor of shape ${formatShape(from)} to shape ${formatShape(to)}: ` +
          `dimension ${from[axis]} at axis ${axis} differs from ${to[axis + offset]}`,
      );
    }
  }
  return [...to];
}
