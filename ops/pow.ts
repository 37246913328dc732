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
 * `aᵇ`, elementwise, with numpy broadcasting; a plain number acts as a
 * scalar (`pow(x, 2)`, `pow(2, x)`). Gradient: `g·b·aᵇ⁻¹` to the base and
 * `g·aᵇ·ln a` to the exponent — the latter is defined for `a > 0` (at
 * `a = 0` it follows IEEE: `0·(−∞)` is NaN). Like `jnp.power`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pow } from "./pow.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(pow(tensor([2, 3]), 2).toArray(), [4, 9]);
 * assert.deepEqual(pow(2, tensor([3, 4])).toArray(), [8, 16]);
 * ```
 */
export const pow: BinaryOp<"pow"> = binaryOp("pow", "pow", (g, [base, exponent], power) => [
  mul(g, mul(exponent, pow(base, sub(exponent, 1)))),
  mul(g, mul(power, log(base))),
]);
