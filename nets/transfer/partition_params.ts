/**
 * `partitionParams`: split a parameter tree into the part to train and the
 * part to keep frozen, for transfer learning (like `optax.masked` or
 * Equinox's `partition`).
 *
 * @module
 */
import type { Shape } from "../../core/shape.ts";
import type { AnyTensor, DType } from "../../core/tensor.ts";
import { Tensor } from "../../core/tensor.ts";
import type { EmptyParams } from "../layer.ts";
import { isRecord, joinPath } from "./_walk.ts";

/**
 * The compile-time brand of a frozen part: the type of the whole tree `P` and
 * of its trainable part `T`. It has no run-time existence (a declared class,
 * like a phantom type); `mergeParams` reads `P` and `T` from it.
 */
export declare class FrozenBrand<P, T> {
  /** The whole tree's type; never set at run time. */
  protected readonly wholeTree: P;
  /** The trainable part's type; never set at run time. */
  protected readonly trainableTree: T;
}

/**
 * The frozen part `F` of a partition of `P` whose trainable part is `T`; the
 * brand (compile time only) lets `mergeParams(trainable, frozen)` return
 * exactly `P`. At run time it is the plain tree `F`: the whole tree with each
 * trainable subtree replaced by `{}`.
 */
export type FrozenParams<P, T, F> = F & FrozenBrand<P, T>;

/** What {@link partitionParams} returns. */
export interface Partition<P, T, F> {
  /** The leaves to train: give these to `grad` and to `optimizer.init`. */
  readonly trainable: T;
  /** The rest, constant while training; `mergeParams(trainable, frozen)` rebuilds `P`. */
  readonly frozen: FrozenParams<P, T, F>;
}

/** The names of a tree's top-level subtrees: a record's keys, or a tuple's indices. */
export type SubtreeName<P> = P extends readonly unknown[] ? number extends P["length"] ? number
  : { [I in keyof P]: I extends `${infer N extends number}` ? N : never }[number]
  : keyof P & string;

/** `P` with the subtrees named `K` replaced by `{}`: the frozen part of a split by names. */
export type OmitSubtrees<P, K> = P extends readonly unknown[]
  ? number extends P["length"] ? (P[number] | EmptyParams)[]
  : { [I in keyof P]: I extends `${K & number}` ? EmptyParams : P[I] }
  : { [I in keyof P]: I extends K ? EmptyParams : P[I] };

/**
 * The subtrees of `P` named `K`: a record keeps only those keys; a tuple
 * keeps its length, with `{}` in the other places.
 */
export type PickSubtrees<P, K> = P extends readonly unknown[]
  ? number extends P["length"] ? (P[number] | EmptyParams)[]
  : { [I in keyof P]: I extends `${K & number}` ? P[I] : EmptyParams }
  : Pick<P, K & keyof P>;

/**
 * The trainable part of a split by a predicate: the selected leaves in a flat
 * record keyed by their paths (`{ "head.b": …, "[2].w": … }`), which
 * `treeLeaves` lists under those same paths. (A nested tree with leaves
 * possibly missing would not be a `ParamTree`: `grad` and the optimisers need
 * every place in a tree to hold a tensor or a subtree, never either.)
 */
export type FlatParams = { readonly [path: string]: AnyTensor };

/** The frozen part of a split by a predicate: the tree with any leaf possibly `{}`. */
export type MaskedTree<P> = P extends Tensor<Shape, DType> ? P | EmptyParams
  : { [K in keyof P]: MaskedTree<P[K]> };

/** Whether the leaf at `path` (as `treeLeaves` writes paths: `head.w`, `[4].b`) is trained. */
export type LeafPredicate = (path: string, leaf: AnyTensor) => boolean;

/**
 * Splits `params` into `trainable` and `frozen` parts, by the names of
 * top-level subtrees (record keys, or tuple indices for `sequential`'s params)
 * or by a predicate on each leaf's path. Train the `trainable` part alone:
 * differentiate `(t) => loss(mergeParams(t, frozen), batch)` with respect to
 * it, and create the optimiser state from it (`adam().init(trainable)`), so
 * no gradient and no moment exist for the frozen leaves and they stay
 * bit-identical. The parts share the tensors of `params` (nothing is copied).
 *
 * - By names, the types are exact: `partitionParams(p, ["head"])` gives
 *   `trainable: Pick<P, "head">`; for a tuple, `[4]` keeps the tuple, with
 *   `{}` at the other indices.
 * - By a predicate, called with each leaf's path and the leaf, `trainable` is
 *   a flat record of the selected leaves keyed by path ({@link FlatParams}).
 *
 * In both, `frozen` is `P` with the trainable subtrees (or leaves) replaced by
 * `{}`, so it keeps the tree's structure and key order.
 *
 * @throws {TypeError} when `params` is not a record or an array, or a name is not one of its subtrees.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { partitionParams } from "./partition_params.ts";
 * import { mergeParams } from "./merge_params.ts";
 * import { adam } from "../optim/adam.ts";
 * import { ones } from "../../core/create.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * const params = { trunk: { w: ones([4, 2]) }, head: { w: ones([1, 4]), b: ones([1]) } };
 * const { trainable, frozen } = partitionParams(params, ["head"]);
 * const head: { head: { w: Tensor<[1, 4]>; b: Tensor<[1]> } } = trainable;
 * assert.deepEqual(Object.keys(adam().init(head).m), ["head"]); // no state for the trunk
 * assert.equal(mergeParams(trainable, frozen).trunk.w, params.trunk.w);
 * const byPath = partitionParams(params, (path) => path.endsWith(".b"));
 * assert.deepEqual(Object.keys(byPath.trainable), ["head.b"]);
 * ```
 */
export function partitionParams<P extends object, const K extends readonly SubtreeName<P>[]>(
  params: P,
  names: K,
): Partition<P, PickSubtrees<P, K[number]>, OmitSubtrees<P, K[number]>>;
/**
 * By a predicate on the leaves' paths: `trainable` is a flat record of the
 * selected leaves keyed by path, `frozen` is the tree with `{}` in their place.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { partitionParams } from "./partition_params.ts";
 * import { ones } from "../../core/create.ts";
 * const params = [{ w: ones([2, 2]), b: ones([2]) }, {}, { w: ones([1, 2]), b: ones([1]) }] as const;
 * const { trainable, frozen } = partitionParams(params, (path) => path.startsWith("[2]"));
 * assert.deepEqual(Object.keys(trainable), ["[2].w", "[2].b"]);
 * assert.deepEqual(frozen[2], { w: {}, b: {} });
 * ```
 */
export function partitionParams<P extends object>(
  params: P,
  isTrainable: LeafPredicate,
): Partition<P, FlatParams, MaskedTree<P>>;
export function partitionParams(
  params: object,
  selector: readonly (string | number)[] | LeafPredicate,
): Partition<unknown, unknown, unknown> {
  if (!Array.isArray(params) && !isRecord(params)) {
    throw new TypeError(
      `partitionParams: expected a tree of records or arrays, got ${
        params instanceof Tensor ? "a tensor" : typeof params
      }`,
    );
  }
  if (typeof selector !== "function") {
    const [trainable, frozen] = byNames(params, selector);
    return { trainable, frozen } as Partition<unknown, unknown, unknown>;
  }
  const trainable: Record<string, AnyTensor> = {};
  const frozen = byPredicate(params, "", (path, leaf) => {
    if (!selector(path, leaf)) return false;
    trainable[path] = leaf;
    return true;
  });
  return { trainable, frozen } as Partition<unknown, unknown, unknown>;
}

function byNames(params: object, names: readonly (string | number)[]): [unknown, unknown] {
  const nodes = params as Record<string | number, unknown>;
  const chosen = new Set(names.map(String));
  for (const name of chosen) {
    if (!Object.hasOwn(params, name) || (Array.isArray(params) && !/^\d+$/.test(name))) {
      throw new TypeError(
        `partitionParams: expected names of the tree's subtrees (${
          Object.keys(params).join(", ")
        }), got ${JSON.stringify(name)}`,
      );
    }
  }
  if (Array.isArray(params)) {
    return [
      params.map((node, i) => chosen.has(String(i)) ? node : {}),
      params.map((node, i) => chosen.has(String(i)) ? {} : node),
    ];
  }
  const trainable: Record<string, unknown> = {};
  const frozen: Record<string, unknown> = {};
  for (const name of Object.keys(params)) {
    if (chosen.has(name)) trainable[name] = nodes[name];
    frozen[name] = chosen.has(name) ? {} : nodes[name];
  }
  return [trainable, frozen];
}

/** The tree with every leaf that `take` takes replaced by `{}`. */
function byPredicate(node: unknown, path: string, take: LeafPredicate): unknown {
  if (node instanceof Tensor) return take(path, node) ? {} : node;
  if (Array.isArray(node)) {
    return node.map((child, i) => byPredicate(child, joinPath(path, i), take));
  }
  if (isRecord(node)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(node)) {
      out[key] = byPredicate(node[key], joinPath(path, key), take);
    }
    return out;
  }
  throw new TypeError(
    `partitionParams: a parameter tree holds tensors, arrays and plain records only; at ${
      path === "" ? "the root" : path
    } it holds ${node === null ? "null" : typeof node}`,
  );
}
