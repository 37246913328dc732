/**
 * `sigmoid`: the logistic function.
 *
 * @module
 */
import type { UnaryOp } from "./_elementwise.ts";
import { unaryOp } from "./_elementwise.ts";
import { mul } from "./mul.ts";
import { sub } from "./sub.ts";

/**
 * `σ(x) = 1 / (1 + e⁻ˣ)`, elementwise, computed without overflow for any
 * `x` (the kernel takes `eˣ / (1 + eˣ)` below 0). Gradient: `g·σ·(1 − σ)`,
 * computed from the output; it is differentiable again (grad of grad works).
 * For `|x|` beyond about 37 in f64 (17 in f32) `σ` rounds to 1 and the
 * gradient to 0. Like `jax.nn.sigmoid` and `torch.sigmoid`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sigmoid } from "./sigmoid.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(sigmoid(tensor([0, -1000, 1000])).toArray(), [0.5, 0, 1]);
 * ```
 */
export const sigmoid: UnaryOp = unaryOp(
  "sigmoid",
  "sigmoid",
  (g, _, s) => [mul(g, mul(s, sub(1, s)))],
);
