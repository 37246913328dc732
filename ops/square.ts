/**
 * `square`: elementwise square.
 *
 * @module
 */
import type { UnaryOp } from "./_elementwise.ts";
import { unaryOp } from "./_elementwise.ts";
import { mul } from "./mul.ts";

/**
 * `x²`, elementwise. Gradient: `2x·g`. Like `jnp.square` and
 * `torch.square`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { square } from "./square.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(square(tensor([-3, 0.5, 2])).toArray(), [9, 0.25, 4]);
 * ```
 */
export const square: UnaryOp = unaryOp("square", "square", (g, [x]) => [mul(g, mul(x, 2))]);
