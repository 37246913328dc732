/**
 * Compile-time assertions for the `*_types_test.ts` files.
 *
 * @module
 */
import type { Shape } from "./shape.ts";

/** `true` when `A` and `B` are the same type (not merely mutually assignable). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2)
  ? true
  : false;

/** Compiles only when `T` is `true`: `expectType<Equal<X, Y>>()`. */
export function expectType<T extends true>(): T | void {}

/** Compiles only when a shape rule yields a shape, not a `ShapeError`. */
export function expectShape<S extends Shape>(): S | void {}
