/**
 * `relu`: the rectified linear unit.
 *
 * @module
 */
import type { UnaryOp } from "./_elementwise.ts";
import { unaryKernel, unaryOp } from "./_elementwise.ts";
import { mul } from "./mul.ts";

/**
 * `max(x, 0)`, elementwise. Gradient: `g` where `x > 0`, 0 elsewhere, so at
 * the kink `relu′(0) = 0` (JAX, PyTorch and tinygrad agree); the 0/1 mask is
 * a constant (never recorded), so the second derivative is 0. NaN stays
 * NaN. Like `jax.nn.relu` and `torch.relu`.
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
