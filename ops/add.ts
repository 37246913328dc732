/**
 * `add`: elementwise sum with broadcasting.
 *
 * @module
 */
import type { BinaryOp } from "./_elementwise.ts";
import { binaryOp } from "./_elementwise.ts";

/**
 * `a + b`, elementwise, with numpy broadcasting; a plain number acts as a
 * scalar. Gradient: the cotangent to each side (summed back over broadcast
 * axes). Like `jnp.add` and `torch.add`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { add } from "./add.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const y: Tensor<[2, 3]> = add(tensor([[1, 2, 3], [4, 5, 6]]), tensor([10, 20, 30]));
 * assert.deepEqual(y.toArray(), [[11, 22, 33], [14, 25, 36]]);
 * ```
 */
export const add: BinaryOp<"add"> = binaryOp("add", "add", (g) => [g, g]);
