/**
 * `countParams`: how many numbers a model learns.
 *
 * @module
 */
import type { ParamTree } from "../core/tree.ts";
import { treeLeaves } from "../core/tree.ts";

/**
 * The number of scalar params in a parameter tree: the sum of its leaves'
 * sizes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { countParams } from "./count_params.ts";
 * import { mlp } from "./mlp.ts";
 * import { key } from "../core/random.ts";
 * const params = mlp([784, 128, 64, 10]).init(key(0));
 * assert.equal(countParams(params), 784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);
 * ```
 */
export function countParams<P extends ParamTree<P>>(params: P): number {
  let count = 0;
  for (const { leaf } of treeLeaves(params)) count += leaf.size;
  return count;
}
