/**
 * The shape rule of reductions (`sum`, `mean`, `max`, `logsumexp`) with
 * `{ axis?, keepdims? }`: no axis reduces every axis; an axis may be negative
 * or a list; `keepdims` keeps each reduced axis as a 1.
 *
 * @module
 */
import type { ShapeError } from "../errors.ts";
import type { Dim, Shape, UnknownRank } from "../shape.ts";
import type { NormalizeAxes } from "./axes.ts";
import { normalizeAxes } from "./axes.ts";

/** A shape with the given (resolved) axes removed or kept as 1. */
export type ReducedShape<
  S extends Shape,
  Axes extends number,
  Keep extends boolean,
  Done extends Dim[] = [],
  Index extends unknown[] = [],
> = S extends readonly [infer First extends Dim, ...infer Rest extends Dim[]] ? ReducedShape<
    Rest,
    Axes,
    Keep,
    Index["length"] extends Axes ? (Keep extends true ? [...Done, 1] : Done) : [...Done, First],
    [...Index, unknown]
  >
  : Done;

/** The shape of a reduction over every axis. */
export type ReduceAllAxes<S extends Shape, Keep extends boolean> = Keep extends true
  ? { [K in keyof S]: 1 } extends infer Ones extends Shape ? [...Ones] : never
  : [];

/** An axis option as a list of axes. */
export type AxisList<Axis> = Axis extends number ? [Axis]
  : Axis extends readonly number[] ? Axis
  : [];

/** The axis option of a reduction: one axis, a list, or all when absent. */
export type AxisOption = number | readonly number[] | undefined;

/**
 * The result shape of reducing `S` over `Axis`, or a {@link ShapeError}
 * naming `Op`.
 *
 * @example
 * ```ts
 * import type { ReduceShape } from "./reduce.ts";
 * const rows: ReduceShape<[4, 3], -1, false> = [4];
 * const kept: ReduceShape<[4, 3], 0, true> = [1, 3];
 * const all: ReduceShape<[4, 3], undefined, false> = [];
 * ```
 */
export type ReduceShape<
  S extends Shape,
  Axis extends AxisOption,
  Keep extends boolean,
  Op extends string = "reduce",
> = Axis extends undefined
  ? Keep extends true ? UnknownRank<S> extends true ? Dim[] : ReduceAllAxes<S, Keep> : []
  : UnknownRank<S> extends true ? Dim[]
  : NormalizeAxes<AxisList<Axis>, S["length"], Op> extends infer Axes
    ? Axes extends ShapeError ? Axes
    : Axes extends number[]
      ? number extends Axes[number] ? Dim[] : ReducedShape<S, Axes[number], Keep>
    : never
  : never;

/**
 * Options of {@link reduceShape}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reduceShape } from "./reduce.ts";
 * import type { ReduceShapeOptions } from "./reduce.ts";
 * const options: ReduceShapeOptions = { axis: [0, -1], keepdims: true, op: "sum" };
 * assert(reduceShape([4, 3, 2], options).join() === "1,3,1");
 * ```
 */
export interface ReduceShapeOptions {
  /** The axis or axes to reduce (negative counts from the end); every axis when absent or `undefined`. */
  readonly axis?: AxisOption;
  /** Keep each reduced axis as a 1; `false` when absent. */
  readonly keepdims?: boolean;
  /** The op that error messages name; `"reduce"` when absent. */
  readonly op?: string;
}

/**
 * The run-time twin of {@link ReduceShape}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reduceShape } from "./reduce.ts";
 * assert(reduceShape([4, 3], { axis: -1 }).join() === "4");
 * assert(reduceShape([4, 3], { axis: 0, keepdims: true }).join() === "1,3");
 * assert(reduceShape([4, 3]).length === 0);
 * ```
 */
export function reduceShape(shape: readonly number[], options?: ReduceShapeOptions): number[] {
  const axis = options?.axis;
  const keepdims = options?.keepdims ?? false;
  const op = options?.op ?? "reduce";
  const axes = axis === undefined
    ? shape.map((_, index) => index)
    : normalizeAxes(op, typeof axis === "number" ? [axis] : axis, shape);
  const out: number[] = [];
  for (let index = 0; index < shape.length; index++) {
    if (!axes.includes(index)) out.push(shape[index]);
    else if (keepdims) out.push(1);
  }
  return out;
}
