/**
 * `mul`: elementwise product with broadcasting.
 *
 * @module
 */
import type { BinaryOp } from "./_elementwise.ts";
import { binaryOp } from "./_elementwise.ts";

/**
 * `a · b`, elementwise (Hadamard), with numpy broadcasting; a plain number
 * acts as a scalar. Gradient: `g·b` and `g·a`. Like `jnp.multiply`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mul } from "./mul.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(mul(tensor([[1, 2], [3, 4]]), tensor([[10], [100]])).toArray(), [[10, 20], [300, 400]]);
 * ```
 */
export const mul: BinaryOp<"mul"> = binaryOp("mul", "mul", (g, [a, b]) => [mul(g, b), mul(g, a)]);
