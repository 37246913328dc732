/**
 * Small type-level utilities shared by the shape rules.
 *
 * @module
 */

/** `true` when `T` is a union of two or more members, else `false`. */
export type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

/** `X` when it is a number, else the wide `number` (drops arithmetic sentinels). */
export type AsNumber<X> = X extends number ? X : number;
