/**
 * `sqrt`: elementwise square root.
 *
 * @module
 */
import type { UnaryOp } from "./_elementwise.ts";
import { unaryOp } from "./_elementwise.ts";
import { div } from "./div.ts";
import { mul } from "./mul.ts";

/**
 * `√x`, elementwise; negative inputs give NaN. Gradient: `g / (2√x)`
 * (infinite at 0). Like `jnp.sqrt`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sqrt } from "./sqrt.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(sqrt(tensor([4, 9])).toArray(), [2, 3]);
 * ```
 */
export const sqrt: UnaryOp = unaryOp("sqrt", "sqrt", (g, _, root) => [div(g, mul(root, 2))]);
