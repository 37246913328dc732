/**
 * `relu`: the rectified linear unit.
 *
 * @module
 */
import type { UnaryOp } from "./_elementwise.ts";
import { unaryKernel, unaryOp } from "./_elementwise.ts";
import { mul } from "./mul.ts";

/**
 * `max(x, 0)`, elementwise. Gradient: `g` where `x > 0`, else 0 — the
 * convention `relu′(0) = 0` (JAX, PyTorch). Like `jax.nn.relu`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { relu } from "./relu.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(relu(tensor([-1, 0, 2])).toArray(), [0, 0, 2]);
 * ```
 */
export const relu: UnaryOp = unaryOp("relu", "relu", (g, [x]) => [mul(g, unaryKernel("step", x))]);
