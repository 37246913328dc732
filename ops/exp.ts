/**
 * `exp`: elementwise exponential.
 *
 * @module
 */
import type { UnaryOp } from "./_elementwise.ts";
import { unaryOp } from "./_elementwise.ts";
import { mul } from "./mul.ts";

/**
 * `eˣ`, elementwise. Gradient: `g·eˣ` (the output itself). Like `jnp.exp`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { exp } from "./exp.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(exp(tensor([0], { dtype: "f64" })).toArray(), [1]);
 * ```
 */
export const exp: UnaryOp = unaryOp("exp", "exp", (g, _, y) => [mul(g, y)]);
