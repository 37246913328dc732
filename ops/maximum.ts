/**
 * `maximum`: elementwise maximum with broadcasting.
 *
 * @module
 */
import type { BinaryOp } from "./_elementwise.ts";
import { binaryOp, mask } from "./_elementwise.ts";
import { add } from "./add.ts";
import { mul } from "./mul.ts";

/**
 * The larger of `a` and `b`, elementwise, with numpy broadcasting; a plain
 * number acts as a scalar (`maximum(x, 0)`). NaN on either side gives NaN.
 *
 * Gradient: all of `g` to the larger side; on a tie each side gets half, so
 * `maximum(x, x)` gives `½·g` to each (JAX's convention; PyTorch agrees).
 * The 0/½/1 weights `[a > b] + ½·[a = b]` are constants (never recorded):
 * the second derivative is 0. Where an operand is NaN both sides get 0.
 * Like `jnp.maximum` and `torch.maximum`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { maximum } from "./maximum.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const clipped: Tensor<[2, 3]> = maximum(tensor([[1, 5, -2], [0, 2, 7]]), tensor([0, 3, 0]));
 * assert.deepEqual(clipped.toArray(), [[1, 5, 0], [0, 3, 7]]);
 * assert.deepEqual(maximum(tensor([1, 5, -2]), 0).toArray(), [1, 5, 0]);
 * ```
 */
export const maximum: BinaryOp<"maximum"> = binaryOp("maximum", "maximum", (g, [a, b]) => {
  const tie = mul(mask("equal", a, b), 0.5);
  return [mul(g, add(mask("greater", a, b), tie)), mul(g, add(mask("greater", b, a), tie))];
});
