/**
 * `countParams`: how many numbers a model learns, from its params or from
 * the model alone.
 *
 * @module
 */
import type { ParamTree } from "../core/tree.ts";
import { treeLeaves } from "../core/tree.ts";
import type { PRNGKey } from "../core/random.ts";
import { isCountableLayer, sublayers, uncountable } from "./_countable.ts";

/**
 * What the counts need of a layer: its name, `init` (to tell it from a
 * params tree), `outputShape`, and either `paramCount` / `multiplyCount`, a
 * list of `layers` (a `sequential` network: the sum of theirs) or the
 * `sameShape` marker (activations, dropout: nothing to count).
 *
 * @example
 * ```ts
 * import type { CountableLayer } from "./count_params.ts";
 * import { dense } from "./dense.ts";
 * const layer: CountableLayer = dense(400, 120);
 * ```
 */
export interface CountableLayer {
  /** The layer's name, for messages. */
  readonly name: string;
  /** Its per-example input, when fixed. */
  readonly inputShape?: readonly number[];
  /** The layers of a network. */
  readonly layers?: readonly unknown[];
  /** Draws the params (never called by the counts). */
  init(key: PRNGKey): unknown;
  /** The per-example output for a per-example input. */
  outputShape(inputShape: readonly number[]): number[];
  /** The params `init` draws, counted from shapes. */
  paramCount?(): number;
  /** The multiplies of one example's forward pass. */
  multiplyCount?(inputShape: readonly number[]): number;
}

function layerParams(layer: CountableLayer): number {
  if (typeof layer.paramCount === "function") return layer.paramCount();
  const inner = sublayers(layer);
  if (inner !== undefined) return inner.reduce((total, item) => total + layerParams(item), 0);
  if ((layer as { readonly sameShape?: boolean }).sameShape === true) return 0;
  throw uncountable("countParams", layer, "paramCount");
}

/**
 * The number of scalar params, either of a parameter tree (the sum of its
 * leaves' sizes) or of a model, counted from its layers' shapes without
 * drawing anything: VGG-16's 138,357,544 in microseconds. Each layer
 * reports its own (`paramCount`); a `sequential` network sums its layers';
 * activations and dropout count 0.
 *
 * @throws {TypeError} when a layer of the model cannot count its params
 * (it has no `paramCount`): count them after init instead.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { countParams } from "./count_params.ts";
 * import { mlp } from "./mlp.ts";
 * import { dense } from "./dense.ts";
 * import { conv2dLayer } from "./conv_layer.ts";
 * import { key } from "../core/random.ts";
 * const params = mlp([784, 128, 64, 10]).init(key(0));
 * assert.equal(countParams(params), 784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);
 * assert.equal(countParams(dense(400, 120)), 48_120);
 * assert.equal(countParams(conv2dLayer(5, 1, 16)), 416);
 * ```
 */
export function countParams(model: CountableLayer): number;
/**
 * The number of scalar params in a parameter tree: the sum of its leaves'
 * sizes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { countParams } from "./count_params.ts";
 * import { zeros } from "../core/create.ts";
 * assert.equal(countParams({ w: zeros([3, 2]), b: zeros([3]) }), 9);
 * ```
 */
export function countParams<P extends ParamTree<P>>(params: P): number;
export function countParams(value: unknown): number {
  if (isCountableLayer(value)) return layerParams(value);
  let count = 0;
  for (const { leaf } of treeLeaves(value as ParamTree<never>)) count += leaf.size;
  return count;
}
