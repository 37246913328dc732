/**
 * `pow`: elementwise power with broadcasting.
 *
 * @module
 */
import type { BinaryOp } from "./_elementwise.ts";
import { binaryOp } from "./_elementwise.ts";
import { log } from "./log.ts";
import { mul } from "./mul.ts";
import { sub } from "./sub.ts";

/**
 * `aᵇ`, elementwise (`Math.pow`), with numpy broadcasting; a plain number
 * acts as a scalar (`pow(x, 3)`, `pow(2, x)`). A negative base with a
 * non-integer exponent gives NaN.
 *
 * Gradient: `g·b·aᵇ⁻¹` to the base and `g·aᵇ·ln a` to the exponent. The
 * exponent's gradient is defined for `a > 0` only: for `a < 0` it is NaN
 * (`ln a`), and at `a = 0` it follows IEEE without special cases — `0ᵇ·ln 0`
 * is `0·(−∞)` = NaN for `b > 0` (JAX and PyTorch patch this to 0; we do not).
 * The base's gradient at `a = 0` follows IEEE too: `b·0ᵇ⁻¹` is 0 for
 * `b > 1`, `b` for `b = 1`, `±Infinity` for `0 < b < 1`. Like `jnp.power`
 * and `torch.pow`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pow } from "./pow.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const powers: Tensor<[2, 2]> = pow(tensor([[1, 2], [9, 4]]), tensor([[3], [0.5]]));
 * assert.deepEqual(powers.toArray(), [[1, 8], [3, 2]]);
 * assert.deepEqual(pow(2, tensor([3, -1])).toArray(), [8, 0.5]);
 * ```
 */
export const pow: BinaryOp<"pow"> = binaryOp("pow", "pow", (g, [base, exponent], power) => [
  mul(g, mul(exponent, pow(base, sub(exponent, 1)))),
  mul(g, mul(power, log(base))),
]);
