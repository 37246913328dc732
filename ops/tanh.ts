/**
 * `tanh`: the hyperbolic tangent.
 *
 * @module
 */
import type { UnaryOp } from "./_elementwise.ts";
import { unaryOp } from "./_elementwise.ts";
import { mul } from "./mul.ts";
import { square } from "./square.ts";
import { sub } from "./sub.ts";

/**
 * `tanh x`, elementwise. Gradient: `g·(1 − tanh²x)`, computed from the
 * output; it is differentiable again (grad of grad works). Like `jnp.tanh`
 * and `torch.tanh`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tanh } from "./tanh.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(tanh(tensor([0, -1000, 1000])).toArray(), [0, -1, 1]);
 * ```
 */
export const tanh: UnaryOp = unaryOp("tanh", "tanh", (g, _, t) => [mul(g, sub(1, square(t)))]);
