/**
 * Walking a checkpoint tree: like `core/tree.ts`, with the same paths
 * (`layers[0].w`), but numbers are leaves too, so that an optimiser state
 * such as Adam's `{ step: number; m: P; v: P }` is saved as it is. Private to
 * the checkpoint room.
 *
 * @module
 */
import type { AnyTensor } from "../../core/tensor.ts";
import { Tensor } from "../../core/tensor.ts";

/** A leaf of a checkpoint tree: a tensor or a plain number. */
export type Leaf = AnyTensor | number;

/** One leaf with its path. */
export interface PathLeaf {
  /** Keys joined by dots, indices in brackets, as `treeLeaves` writes them. */
  readonly path: string;
  /** The tensor or number. */
  readonly leaf: Leaf;
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

function mapAt(tree: unknown, path: string, fn: (leaf: Leaf, path: string) => Leaf): unknown {
  if (tree instanceof Tensor || typeof tree === "number") return fn(tree, path);
  if (Array.isArray(tree)) return tree.map((child, i) => mapAt(child, joinPath(path, i), fn));
  if (isRecord(tree)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(tree)) out[key] = mapAt(tree[key], joinPath(path, key), fn);
    return out;
  }
  const what = tree === null
    ? "null"
    : typeof tree === "object"
    ? `an object of class ${tree.constructor?.name ?? "?"}`
    : `a ${typeof tree}`;
  throw new TypeError(
    `A checkpoint tree holds tensors, numbers, arrays and plain records only; at ${
      path === "" ? "the root" : path
    } it holds ${what}`,
  );
}

/** Rebuilds `tree` with every leaf replaced by `fn(leaf, path)`. */
export function mapLeaves(tree: unknown, fn: (leaf: Leaf, path: string) => Leaf): unknown {
  return mapAt(tree, "", fn);
}

/** The leaves of `tree` with their paths, depth first in key order. */
export function leavesOf(tree: unknown): PathLeaf[] {
  const leaves: PathLeaf[] = [];
  mapAt(tree, "", (leaf, path) => {
    leaves.push({ path, leaf });
    return leaf;
  });
  return leaves;
}
