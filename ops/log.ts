/**
 * `log`: elementwise natural logarithm.
 *
 * @module
 */
import type { UnaryOp } from "./_elementwise.ts";
import { unaryOp } from "./_elementwise.ts";
import { div } from "./div.ts";

/**
 * `ln x`, elementwise; `log(0) = −Infinity`, negative inputs give NaN.
 * Gradient: `g/x`. Like `jnp.log`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { log } from "./log.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(log(tensor([1], { dtype: "f64" })).toArray(), [0]);
 * ```
 */
export const log: UnaryOp = unaryOp("log", "log", (g, [x]) => [div(g, x)]);
