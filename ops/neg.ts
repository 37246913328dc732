/**
 * `neg`: elementwise negation.
 *
 * @module
 */
import type { UnaryOp } from "./_elementwise.ts";
import { unaryOp } from "./_elementwise.ts";

/**
 * `−x`, elementwise. Gradient: `−g`. Like `jnp.negative`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { neg } from "./neg.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(neg(tensor([1, -2])).toArray(), [-1, 2]);
 * ```
 */
export const neg: UnaryOp = unaryOp("neg", "neg", (g) => [neg(g)]);
