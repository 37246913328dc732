/**
 * Parameter trees: nested records and arrays whose leaves are tensors. The
 * transforms take and return them; `treeMap` and friends keep their type, so
 * a gradient is typed exactly like the params it belongs to.
 *
 * @module
 */
import type { Shape } from "./shape.ts";
import { formatShape, sameShape } from "./shape.ts";
import { ShapeError } from "./errors.ts";
import type { AnyTensor, DType } from "./tensor.ts";
import { Tensor } from "./tensor.ts";

/**
 * The constraint on a parameter tree `P`: a tensor, or records and arrays
 * (tuples too, interfaces too) whose leaves are tensors. Used as
 * `P extends ParamTree<P>`; a number or string leaf does not compile.
 */
export type ParamTree<P> = Tensor<Shape, DType> | TreeChildren<P>;

/** The children of a tree node: each a tensor or a tree in turn. */
export type TreeChildren<P> = {
  readonly [K in keyof P]: P[K] extends Tensor<Shape, DType> ? P[K]
    : P[K] extends object ? TreeChildren<P[K]>
    : never;
};

/** One leaf of a tree with its path, such as `layers[0].w`. */
export interface TreeLeaf {
  /** Where the leaf sits: keys joined by dots, indices in brackets. */
  readonly path: string;
  /** The tensor. */
  readonly leaf: AnyTensor;
}

function joinPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return `an object of class ${value.constructor?.name ?? "?"}`;
  return `a ${typeof value}`;
}

/** Which values a tree walk treats as leaves, and how its errors name them. */
export interface LeafKind<L> {
  /** Whether a value is a leaf (everything else must be an array or a plain record). */
  readonly isLeaf: (value: unknown) => value is L;
  /** What the tree may hold, for messages: `"tensors, arrays and plain records"`. */
  readonly holds: string;
  /** The kind of tree, for messages: `"parameter tree"`. */
  readonly tree: string;
}

/**
 * Rebuilds `tree` with every leaf (as `kind` defines leaves) replaced by
 * `fn(leaf, path)`; arrays and plain records are rebuilt around them, and
 * anything else is a `TypeError` naming its path. The walk behind
 * {@link treeMap} and {@link treeLeaves}; checkpoints use it with numbers as
 * leaves too.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mapTree } from "./tree.ts";
 * const numbers = {
 *   isLeaf: (v: unknown): v is number => typeof v === "number",
 *   holds: "numbers, arrays and plain records",
 *   tree: "number tree",
 * };
 * assert.deepEqual(mapTree({ a: [1, 2], b: 3 }, numbers, (n) => n * 10), { a: [10, 20], b: 30 });
 * ```
 */
export function mapTree<L>(
  tree: unknown,
  kind: LeafKind<L>,
  fn: (leaf: L, path: string) => L,
): unknown {
  const walk = (node: unknown, path: string): unknown => {
    if (kind.isLeaf(node)) return fn(node, path);
    if (Array.isArray(node)) return node.map((child, index) => walk(child, joinPath(path, index)));
    if (isRecord(node)) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(node)) out[key] = walk(node[key], joinPath(path, key));
      return out;
    }
    throw new TypeError(
      `A ${kind.tree} holds ${kind.holds} only; at ${path === "" ? "the root" : path} it holds ${
        describe(node)
      }`,
    );
  };
  return walk(tree, "");
}

const tensorLeaves: LeafKind<AnyTensor> = {
  isLeaf: (value: unknown): value is AnyTensor => value instanceof Tensor,
  holds: "tensors, arrays and plain records",
  tree: "parameter tree",
};

function mapAt(tree: unknown, fn: (leaf: AnyTensor, path: string) => AnyTensor): unknown {
  return mapTree(tree, tensorLeaves, fn);
}

/**
 * Applies `fn` to every leaf, keeping the tree's structure (and type).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { treeMap } from "./tree.ts";
 * import { ones, zeros } from "./create.ts";
 * const params = { w: ones([2, 3]), layers: [{ b: ones([3]) }] };
 * const cleared = treeMap(params, (leaf) => zeros(leaf.shape as number[]));
 * assert.equal(cleared.layers[0].b.data[0], 0);
 * ```
 */
export function treeMap<P extends ParamTree<P>>(
  tree: P,
  fn: (leaf: AnyTensor, path: string) => AnyTensor,
): P {
  return mapAt(tree, fn) as P;
}

/**
 * The leaves of a tree with their paths, depth first in key order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { treeLeaves } from "./tree.ts";
 * import { ones } from "./create.ts";
 * const paths = treeLeaves({ w: ones([2]), layers: [{ b: ones([1]) }] }).map((l) => l.path);
 * assert.deepEqual(paths, ["w", "layers[0].b"]);
 * ```
 */
export function treeLeaves<P extends ParamTree<P>>(tree: P): TreeLeaf[] {
  const leaves: TreeLeaf[] = [];
  mapAt(tree, (leaf, path) => {
    leaves.push({ path, leaf });
    return leaf;
  });
  return leaves;
}

/**
 * Combines two trees of one structure leaf by leaf (shapes must match).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { treeZip } from "./tree.ts";
 * import { fromArray } from "./create.ts";
 * const a = { w: fromArray([1, 2], [2]) };
 * const b = { w: fromArray([10, 20], [2]) };
 * const sum = treeZip(a, b, (x, y) => fromArray(x.data.map((v, i) => v + y.data[i]), [2]));
 * assert.deepEqual(Array.from(sum.w.data), [11, 22]);
 * ```
 */
export function treeZip<P extends ParamTree<P>>(
  a: P,
  b: P,
  fn: (x: AnyTensor, y: AnyTensor, path: string) => AnyTensor,
): P {
  const right = new Map(treeLeaves(b).map(({ path, leaf }) => [path, leaf]));
  const leftCount = treeLeaves(a).length;
  if (right.size !== leftCount) {
    throw new ShapeError(`Cannot zip trees of ${leftCount} and ${right.size} leaves`);
  }
  return treeMap(a, (x, path) => {
    const y = right.get(path);
    if (y === undefined) {
      throw new ShapeError(`Cannot zip trees: the second has no leaf at ${path}`);
    }
    if (!sameShape(x.shape as readonly number[], y.shape as readonly number[])) {
      throw new ShapeError(
        `Cannot zip trees: at ${path} the shapes ${formatShape(x.shape as readonly number[])} and ${
          formatShape(y.shape as readonly number[])
        } differ`,
      );
    }
    return fn(x, y, path);
  });
}
