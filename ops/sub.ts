/**
 * `sub`: elementwise difference with broadcasting.
 *
 * @module
 */
import type { BinaryOp } from "./_elementwise.ts";
import { binaryOp } from "./_elementwise.ts";
import { neg } from "./neg.ts";

/**
 * `a − b`, elementwise, with numpy broadcasting; a plain number acts as a
 * scalar. Gradient: `g` and `−g`. Like `jnp.subtract`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sub } from "./sub.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(sub(tensor([5, 7]), 1).toArray(), [4, 6]);
 * assert.deepEqual(sub(1, tensor([5, 7])).toArray(), [-4, -6]);
 * ```
 */
export const sub: BinaryOp<"sub"> = binaryOp("sub", "sub", (g) => [g, neg(g)]);
