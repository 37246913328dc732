/**
 * The shape rules of `reshape` (element counts must match; one `-1` is
 * inferred) and `flatten` (keeps the first axis, multiplies the rest).
 *
 * @module
 */
import { ShapeError } from "../errors.ts";
import type { Dim, DimText, Shape } from "../shape.ts";
import { formatShape, sizeOf } from "../shape.ts";
import type { DivDim, Product } from "./product.ts";

/** How many dims of a target shape are `-1`. */
export type CountInferredDims<T extends Shape, Count extends unknown[] = []> = T extends
  readonly [infer First, ...infer Rest extends Dim[]]
  ? CountInferredDims<Rest, First extends -1 ? [...Count, unknown] : Count>
  : Count["length"];

/** A target shape without its `-1`. */
export type WithoutInferredDims<T extends Shape> = T extends
  readonly [infer First extends Dim, ...infer Rest extends Dim[]]
  ? First extends -1 ? WithoutInferredDims<Rest> : [First, ...WithoutInferredDims<Rest>]
  : [];

/** A target shape with its `-1` replaced by `D`. */
export type FillInferredDim<T extends Shape, D extends Dim> = {
  [K in keyof T]: T[K] extends -1 ? D : T[K];
};

/**
 * Splits off the leading dims that the two shapes share (a generic dim
 * matches itself): `[prefix, rest of S, rest of T]`. Only the rests are
 * inspected, so a generic batch dim passes through untouched.
 */
export type DropSharedPrefix<S extends Shape, T extends Shape, Prefix extends Dim[] = []> =
  S extends readonly [infer S0 extends Dim, ...infer SRest extends Dim[]]
    ? T extends readonly [infer T0 extends Dim, ...infer TRest extends Dim[]]
      ? { a: S0; b: T0 } extends { a: T0; b: S0 } ? DropSharedPrefix<SRest, TRest, [...Prefix, S0]>
      : [Prefix, S, T]
    : [Prefix, S, T]
    : [Prefix, S, T];

/** `true` when two shapes hold as many elements, else a `ShapeError`. */
export type ReshapeCounts<S extends Shape, T extends Shape, Shared extends string> =
  [number] extends [Product<S>] ? true
    : [number] extends [Product<T>] ? true
    : { a: Product<S>; b: Product<T> } extends { a: Product<T>; b: Product<S> } ? true
    : ShapeError<
      `reshape: cannot reshape ${DimText<Product<S>>} elements into ${DimText<Product<T>>}${Shared}`
    >;

/** The note a reshape error adds when a shared prefix was split off. */
export type SharedPrefixNote<Prefix extends Dim[]> = Prefix extends [] ? ""
  : ` (after the ${Prefix["length"]} leading dims both shapes share)`;

/** A target with its `-1` inferred from the element count, or a `ShapeError`. */
export type ReshapeInferred<S extends Shape, T extends Shape> =
  DivDim<Product<S>, Product<WithoutInferredDims<T>>> extends infer D
    ? D extends { ok: infer Size extends Dim } ? [...FillInferredDim<T, Size>]
    : ShapeError<
      `reshape: cannot infer the -1 dim: ${DimText<Product<S>>} elements do not divide by ${DimText<
        Product<WithoutInferredDims<T>>
      >}`
    >
    : never;

/**
 * The shape `reshape(x, Target)` gives to a tensor of shape `S`, or a
 * {@link ShapeError} when the element counts differ.
 *
 * @example
 * ```ts
 * import type { ReshapeShape } from "./reshape.ts";
 * const flat: ReshapeShape<[8, 28, 28, 1], [8, -1]> = [8, 784];
 * ```
 */
export type ReshapeShape<S extends Shape, Target extends Shape> = number extends S["length"]
  ? [...Target]
  : DropSharedPrefix<S, Target> extends
    [infer Prefix extends Dim[], infer SRest extends Shape, infer TRest extends Shape]
    ? CountInferredDims<TRest> extends 0
      ? ReshapeCounts<SRest, TRest, SharedPrefixNote<Prefix>> extends infer C
        ? C extends ShapeError ? C : [...Target]
      : never
    : CountInferredDims<TRest> extends 1
      ? ReshapeInferred<SRest, TRest> extends infer R ? R extends ShapeError ? R
        : R extends infer Rest extends Dim[] ? [...Prefix, ...Rest]
        : never
      : never
    : ShapeError<"reshape: at most one dim may be -1">
  : never;

/**
 * The run-time twin of {@link ReshapeShape}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reshapeShape } from "./reshape.ts";
 * assert(reshapeShape([8, 28, 28, 1], [8, -1]).join() === "8,784");
 * ```
 */
export function reshapeShape(from: readonly number[], target: readonly number[]): number[] {
  const fail = (why: string): never => {
    throw new ShapeError(
      `Cannot reshape a tensor of shape ${formatShape(from)} to ${formatShape(target)}: ${why}`,
    );
  };
  const total = sizeOf(from);
  let inferredAt = -1;
  let known = 1;
  for (let axis = 0; axis < target.length; axis++) {
    const dim = target[axis];
    if (dim === -1) {
      if (inferredAt !== -1) fail("at most one dim may be -1");
      inferredAt = axis;
    } else if (!Number.isSafeInteger(dim) || dim < 0) {
      fail(`dim ${dim} at axis ${axis} is not a non-negative integer`);
    } else known *= dim;
  }
  if (inferredAt === -1) {
    if (known !== total) fail(`${total} elements cannot take a shape of ${known}`);
    return [...target];
  }
  if (known === 0 || total % known !== 0) {
    fail(`cannot infer the -1 dim: ${total} elements do not divide by ${known}`);
  }
  const out = [...target];
  out[inferredAt] = total / known;
  return out;
}

/**
 * The shape `flatten` gives: the first axis kept, the rest multiplied.
 *
 * @example
 * ```ts
 * import type { FlattenShape } from "./reshape.ts";
 * const features: FlattenShape<["B", 5, 5, 16]> = ["B", 400];
 * ```
 */
export type FlattenShape<S extends Shape> = number extends S["length"] ? [Dim, Dim]
  : S extends readonly [infer First extends Dim, ...infer Rest extends Dim[]]
    ? [First, Product<Rest>]
  : ShapeError<"flatten: a scalar has no first axis to keep">;

/**
 * The run-time twin of {@link FlattenShape}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { flattenShape } from "./reshape.ts";
 * assert(flattenShape([2, 5, 5, 16]).join() === "2,400");
 * ```
 */
export function flattenShape(shape: readonly number[]): [number, number] {
  if (shape.length === 0) {
    throw new ShapeError("Cannot flatten a tensor of shape []: a scalar has no first axis to keep");
  }
  return [shape[0], sizeOf(shape.slice(1))];
}
