/**
 * The shape rules of `matmul` and `dot`.
 *
 * `matmul` takes operands of rank ≥ 2, `[...L1, M, K]` and `[...L2, K, N]`,
 * broadcasts the leading dims and yields `[...broadcast(L1, L2), M, N]`.
 * Rank 1 is rejected: the course's "rank-1 array" trap (`(5,)` against
 * `(5, 1)`) cannot happen silently; vectors go through `dot`.
 *
 * @module
 */
import { ShapeError } from "../errors.ts";
import type { Dim, DimText, Shape, UnknownRank } from "../shape.ts";
import { formatShape } from "../shape.ts";
import type { BroadcastShape } from "./broadcast.ts";
import { broadcastShapes } from "./broadcast.ts";

/** `true` when the inner dims of a matmul agree, else a `ShapeError`. */
export type MatMulInnerDim<K1 extends Dim, K2 extends Dim> = { a: K1; b: K2 } extends
  { a: K2; b: K1 } ? true
  : [number] extends [K1] ? true
  : [number] extends [K2] ? true
  : ShapeError<`matmul: inner dimensions ${DimText<K1>} and ${DimText<K2>} differ`>;

/**
 * The result shape of `matmul(a, b)`, or a {@link ShapeError}.
 *
 * @example
 * ```ts
 * import type { MatMulShape } from "./matmul.ts";
 * const batched: MatMulShape<[7, 2, 3], [3, 4]> = [7, 2, 4];
 * ```
 */
export type MatMulShape<A extends Shape, B extends Shape> = UnknownRank<A | B> extends true ? Dim[]
  : A extends readonly [...infer L1 extends Dim[], infer M extends Dim, infer K1 extends Dim]
    ? B extends readonly [...infer L2 extends Dim[], infer K2 extends Dim, infer N extends Dim]
      ? MatMulInnerDim<K1, K2> extends infer Inner ? Inner extends ShapeError ? Inner
        : BroadcastShape<L1, L2, "matmul"> extends infer Lead ? Lead extends ShapeError ? Lead
          : Lead extends infer L extends Dim[] ? [...L, M, N]
          : never
        : never
      : never
    : ShapeError<
      `matmul: the second operand must have rank >= 2, got rank ${B["length"]}; use dot for vectors`
    >
  : ShapeError<
    `matmul: the first operand must have rank >= 2, got rank ${A["length"]}; use dot for vectors`
  >;

/**
 * The run-time twin of {@link MatMulShape}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { matmulShape } from "./matmul.ts";
 * assert(matmulShape([7, 2, 3], [3, 4]).join() === "7,2,4");
 * ```
 */
export function matmulShape(a: readonly number[], b: readonly number[]): number[] {
  // Built only when an error needs it: this runs on every matmul.
  const shapes = (): string => `${formatShape(a)} and ${formatShape(b)}`;
  if (a.length < 2 || b.length < 2) {
    throw new ShapeError(
      `Cannot matmul tensors of shapes ${shapes()}: both operands need rank >= 2 ` +
        `(got ranks ${a.length} and ${b.length}); use dot for vectors`,
    );
  }
  const k1 = a[a.length - 1];
  const k2 = b[b.length - 2];
  if (k1 !== k2) {
    throw new ShapeError(
      `Cannot matmul tensors of shapes ${shapes()}: inner dimensions ${k1} and ${k2} differ`,
    );
  }
  // Tensor shapes are frozen arrays, which slice slowly: plain matrices skip it.
  if (a.length === 2 && b.length === 2) return [a[0], b[1]];
  const aLead = a.slice(0, -2);
  const bLead = b.slice(0, -2);
  let lead: number[];
  try {
    lead = broadcastShapes(aLead, bLead);
  } catch {
    throw new ShapeError(
      `Cannot matmul tensors of shapes ${shapes()}: batch dimensions ${formatShape(aLead)} and ` +
        `${formatShape(bLead)} do not broadcast`,
    );
  }
  return [...lead, a[a.length - 2], b[b.length - 1]];
}

/**
 * The result shape of `dot(a, b)` on two vectors of one length: a scalar.
 *
 * @example
 * ```ts
 * import type { DotShape } from "./matmul.ts";
 * const scalar: DotShape<[5], [5]> = [];
 * ```
 */
export type DotShape<A extends Shape, B extends Shape> = UnknownRank<A | B> extends true ? []
  : A extends readonly [infer N1 extends Dim]
    ? B extends readonly [infer N2 extends Dim] ? { a: N1; b: N2 } extends { a: N2; b: N1 } ? []
      : [number] extends [N1] ? []
      : [number] extends [N2] ? []
      : ShapeError<`dot: vector lengths ${DimText<N1>} and ${DimText<N2>} differ`>
    : ShapeError<`dot: the second operand must be a vector (rank 1), got rank ${B["length"]}`>
  : ShapeError<`dot: the first operand must be a vector (rank 1), got rank ${A["length"]}`>;

/**
 * The run-time twin of {@link DotShape}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dotShape } from "./matmul.ts";
 * assert(dotShape([5], [5]).length === 0);
 * ```
 */
export function dotShape(a: readonly number[], b: readonly number[]): [] {
  if (a.length !== 1 || b.length !== 1) {
    throw new ShapeError(
      `Cannot dot tensors of shapes ${formatShape(a)} and ${
        formatShape(b)
      }: both must be vectors (rank 1)`,
    );
  }
  if (a[0] !== b[0]) {
    throw new ShapeError(
      `Cannot dot tensors of shapes ${formatShape(a)} and ${formatShape(b)}: vector lengths ${
        a[0]
      } and ${b[0]} differ`,
    );
  }
  return [];
}
