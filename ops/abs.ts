/**
 * `abs`: elementwise absolute value.
 *
 * @module
 */
import type { UnaryOp } from "./_elementwise.ts";
import { unaryKernel, unaryOp } from "./_elementwise.ts";
import { mul } from "./mul.ts";

/**
 * `|x|`, elementwise. Gradient: `g·sign(x)`, with `sign` a constant (never
 * recorded), so at the kink `abs′(0) = 0`, as in JAX and PyTorch; the
 * second derivative is 0. Like `jnp.abs` and `torch.abs`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { abs } from "./abs.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(abs(tensor([-2, 0, 3])).toArray(), [2, 0, 3]);
 * ```
 */
export const abs: UnaryOp = unaryOp("abs", "abs", (g, [x]) => [mul(g, unaryKernel("sign", x))]);
