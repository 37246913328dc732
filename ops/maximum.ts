/**
 * `maximum`: elementwise maximum with broadcasting.
 *
 * @module
 */
import type { BinaryOp } from "./_elementwise.ts";
import { binaryOp } from "./_elementwise.ts";
import { tieWeights } from "./_tie_weights.ts";
import { mul } from "./mul.ts";

/**
 * The larger of `a` and `b`, elementwise, with numpy broadcasting; a plain
 * number acts as a scalar (`maximum(x, 0)`). NaN propagates. Gradient: to
 * the larger side; on a tie each side gets half (`maximum(x, x)` splits
 * ½/½, as JAX does). Like `jnp.maximum`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { maximum } from "./maximum.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(maximum(tensor([1, 5, -2]), 0).toArray(), [1, 5, 0]);
 * ```
 */
export const maximum: BinaryOp<"maximum"> = binaryOp("maximum", "maximum", (g, [a, b]) => {
  const [toA, toB] = tieWeights(a, b);
  return [mul(g, toA), mul(g, toB)];
});
