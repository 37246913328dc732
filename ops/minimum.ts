/**
 * `minimum`: elementwise minimum with broadcasting.
 *
 * @module
 */
import type { BinaryOp } from "./_elementwise.ts";
import { binaryOp } from "./_elementwise.ts";
import { tieWeights } from "./_tie_weights.ts";
import { mul } from "./mul.ts";

/**
 * The smaller of `a` and `b`, elementwise, with numpy broadcasting; a plain
 * number acts as a scalar. NaN propagates. Gradient: to the smaller side; on
 * a tie each side gets half. Like `jnp.minimum`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { minimum } from "./minimum.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(minimum(tensor([1, 5, -2]), 0).toArray(), [0, 0, -2]);
 * ```
 */
export const minimum: BinaryOp<"minimum"> = binaryOp("minimum", "minimum", (g, [a, b]) => {
  // The smaller side wins: a where b > a.
  const [toA, toB] = tieWeights(b, a);
  return [mul(g, toA), mul(g, toB)];
});
