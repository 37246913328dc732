/**
 * The shape rule of `transpose`: reverse all axes, or permute them.
 *
 * @module
 */
import { ShapeError } from "../errors.ts";
import type { Dim, Shape, UnknownRank } from "../shape.ts";
import { formatShape } from "../shape.ts";
import type { NormalizeAxes } from "./axes.ts";
import { normalizeAxes } from "./axes.ts";

/** A shape with its axes reversed. */
export type ReverseShape<S extends Shape, Done extends Dim[] = []> = S extends
  readonly [infer First extends Dim, ...infer Rest extends Dim[]]
  ? ReverseShape<Rest, [First, ...Done]>
  : Done;

/** A shape permuted by resolved axes. */
export type PermuteShape<S extends Shape, Perm extends number[]> = {
  [K in keyof Perm]: S[Perm[K]];
};

/**
 * The result shape of transposing `S` by `Perm` (all axes reversed when
 * `Perm` is `undefined`), or a {@link ShapeError} when `Perm` is not a
 * permutation of the axes.
 *
 * @example
 * ```ts
 * import type { TransposeShape } from "./transpose.ts";
 * const reversed: TransposeShape<[2, 3, 4]> = [4, 3, 2];
 * const nchw: TransposeShape<[8, 28, 28, 3], [0, 3, 1, 2]> = [8, 3, 28, 28];
 * ```
 */
export type TransposeShape<
  S extends Shape,
  Perm extends readonly number[] | undefined = undefined,
> = UnknownRank<S> extends true ? Dim[]
  : Perm extends readonly number[]
    ? Perm["length"] extends S["length"]
      ? NormalizeAxes<Perm, S["length"], "transpose"> extends infer Axes
        ? Axes extends ShapeError ? Axes
        : Axes extends number[] ? PermuteShape<S, Axes>
        : never
      : never
    : ShapeError<
      `transpose: the permutation has ${Perm["length"]} axes but the tensor has rank ${S["length"]}`
    >
  : ReverseShape<S>;

/**
 * The run-time twin of {@link TransposeShape}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { transposeShape } from "./transpose.ts";
 * assert(transposeShape([8, 28, 28, 3], [0, 3, 1, 2]).join() === "8,3,28,28");
 * ```
 */
export function transposeShape(shape: readonly number[], perm?: readonly number[]): number[] {
  if (perm === undefined) return [...shape].reverse();
  if (perm.length !== shape.length) {
    throw new ShapeError(
      `Cannot transpose a tensor of shape ${formatShape(shape)} by [${perm.join(", ")}]: ` +
        `the permutation has ${perm.length} axes but the tensor has rank ${shape.length}`,
    );
  }
  return normalizeAxes("transpose", perm, shape).map((axis) => shape[axis]);
}

/** The resolved permutation (all axes reversed when `perm` is absent). */
export function resolvePermutation(shape: readonly number[], perm?: readonly number[]): number[] {
  if (perm === undefined) return shape.map((_, axis) => shape.length - 1 - axis);
  transposeShape(shape, perm);
  return normalizeAxes("transpose", perm, shape);
}
