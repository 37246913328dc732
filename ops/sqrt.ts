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
 * `√x`, elementwise; negative inputs give NaN, `√0 = 0`. Gradient:
 * `g / (2√x)`, from the output, so it is `+Infinity` at 0 (times `g`, as
 * IEEE says: `0·∞` is NaN). Defined for `x > 0`. Like `jnp.sqrt` and
 * `torch.sqrt`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sqrt } from "./sqrt.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const roots: Tensor<[3]> = sqrt(tensor([4, 9, 0]));
 * assert.deepEqual(roots.toArray(), [2, 3, 0]);
 * ```
 */
export const sqrt: UnaryOp = unaryOp("sqrt", "sqrt", (g, _, root) => [div(g, mul(root, 2))]);
