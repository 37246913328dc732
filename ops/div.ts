/**
 * `div`: elementwise quotient with broadcasting.
 *
 * @module
 */
import type { BinaryOp } from "./_elementwise.ts";
import { binaryOp } from "./_elementwise.ts";
import { mul } from "./mul.ts";
import { neg } from "./neg.ts";

/**
 * `a / b`, elementwise, with numpy broadcasting; a plain number acts as a
 * scalar. Division by zero follows IEEE 754 (±Infinity, NaN). Gradient:
 * `g/b` and `−g·(a/b)/b`. Like `jnp.divide`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { div } from "./div.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(div(tensor([1, 3]), 2).toArray(), [0.5, 1.5]);
 * ```
 */
export const div: BinaryOp<"div"> = binaryOp(
  "div",
  "div",
  (g, [, b], quotient) => [div(g, b), neg(div(mul(g, quotient), b))],
);
