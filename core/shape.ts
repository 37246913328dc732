/**
 * Dims and shapes, at the type level and at run time.
 *
 * A dim is one of:
 * - a number literal (`784`): checked at compile time;
 * - a symbolic dim: a string-literal name (`"B"`, or a canonical product such
 *   as `"784*B"`), or a type parameter in user code (`B extends number`); it
 *   must agree wherever it meets itself and never unifies with another name;
 * - `number`: known only at run time; it joins anything, the result keeps the
 *   more informative side, and the op checks it when it runs.
 *
 * Every shape rule (in `core/shapes/`) is written twice — a type that yields a
 * shape or a branded {@link ShapeError}, and a run-time function that returns a
 * shape or throws — and the tests hold the two against each other.
 *
 * @module
 */
import { ShapeError } from "./errors.ts";

/** One dim of a shape: a number literal, a symbolic name, or `number`. */
export type Dim = number | string;

/** A shape: a tuple of dims, outermost first (row-major). */
export type Shape = readonly Dim[];

/** The run-time form of a shape: symbolic dims are plain numbers when the program runs. */
export type RuntimeShape<S extends Shape> = {
  readonly [K in keyof S]: S[K] extends number ? S[K] : number;
};

/** `true` when a shape's rank is not known at compile time (an array, not a tuple). */
export type UnknownRank<S extends Shape> = number extends S["length"] ? true : false;

/** A dim as text, for messages built at the type level. */
export type DimText<D> = D extends number | string ? `${D}` : "?";

/**
 * The shape part of a rule's result: the shape itself, or `never` when the rule
 * yields a {@link ShapeError} (the call is then rejected by {@link Guard}).
 */
export type Ok<R> = R extends ShapeError ? never : R;

/**
 * The parameter-position guard of a rule: `unknown` (no constraint) when the
 * rule yields a shape, the branded {@link ShapeError} when it does not — so the
 * compile error lands on the argument at fault and quotes the message.
 */
export type Guard<R> = R extends ShapeError ? R : unknown;

/**
 * Whether two dims agree: the same literal or name (a generic dim agrees only
 * with itself), or one of them `number`. Yields `{ ok: D }` with the more
 * informative dim, or a {@link ShapeError}.
 *
 * Tests wrap dims in objects so that a generic dim meeting itself resolves
 * instead of being deferred.
 */
export type SameDim<A extends Dim, B extends Dim, Message extends string> = {
  a: A;
  b: B;
} extends { a: B; b: A } ? { ok: A }
  : [number] extends [A] ? { ok: B }
  : [number] extends [B] ? { ok: A }
  : ShapeError<Message>;

/** `[2, 3]` → `"[2, 3]"`, for run-time messages. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/** Number of elements of a shape (1 for a scalar). */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

/** Row-major strides of a shape, in elements. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

/** Throws unless every dim is a non-negative safe integer. */
export function checkShape(op: string, shape: readonly number[]): void {
  for (let axis = 0; axis < shape.length; axis++) {
    const dim = shape[axis];
    if (!Number.isSafeInteger(dim) || dim < 0) {
      throw new ShapeError(
        `${op}: dims must be non-negative integers, got ${String(dim)} at axis ${axis} of ${
          formatShape(shape)
        }`,
      );
    }
  }
}

/**
 * Resolves a possibly negative axis against a rank, throwing a
 * {@link ShapeError} that names the op and the shape when it is out of range.
 */
export function normalizeAxis(op: string, axis: number, shape: readonly number[]): number {
  const rank = shape.length;
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ShapeError(
      `Cannot ${op} a tensor of shape ${
        formatShape(shape)
      }: axis ${axis} is out of range for rank ${rank}`,
    );
  }
  return axis < 0 ? axis + rank : axis;
}

/** Whether two run-time shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let axis = 0; axis < a.length; axis++) if (a[axis] !== b[axis]) return false;
  return true;
}
