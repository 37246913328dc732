/**
 * `minimum`: elementwise minimum with broadcasting.
 *
 * @module
 */
import type { BinaryOp } from "./_elementwise.ts";
import { binaryOp, mask } from "./_elementwise.ts";
import { add } from "./add.ts";
import { mul } from "./mul.ts";

/**
 * The smaller of `a` and `b`, elementwise, with numpy broadcasting; a plain
 * number acts as a scalar (`minimum(x, 1)`). NaN on either side gives NaN.
 *
 * Gradient: all of `g` to the smaller side; on a tie each side gets half, so
 * `minimum(x, x)` gives `½·g` to each (JAX's convention). The 0/½/1 weights
 * `[a < b] + ½·[a = b]` are constants (never recorded): the second
 * derivative is 0. Where an operand is NaN both sides get 0. Like
 * `jnp.minimum` and `torch.minimum`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { minimum } from "./minimum.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(minimum(tensor([1, 5, -2]), 0).toArray(), [0, 0, -2]);
 * assert.deepEqual(minimum(1, tensor([[0.5], [3]])).toArray(), [[0.5], [1]]);
 * ```
 */
export const minimum: BinaryOp<"minimum"> = binaryOp("minimum", "minimum", (g, [a, b]) => {
  const tie = mul(mask("equal", a, b), 0.5);
  return [mul(g, add(mask("greater", b, a), tie)), mul(g, add(mask("greater", a, b), tie))];
});
