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
import type { LeafKind } from "../../core/tree.ts";
import { mapTree } from "../../core/tree.ts";

/** A leaf of a checkpoint tree: a tensor or a plain number. */
export type Leaf = AnyTensor | number;

/** One leaf with its path. */
export interface PathLeaf {
  /** Keys joined by dots, indices in brackets, as `treeLeaves` writes them. */
  readonly path: string;
  /** The tensor or number. */
  readonly leaf: Leaf;
}

const checkpointLeaves: LeafKind<Leaf> = {
  isLeaf: (value: unknown): value is Leaf => value instanceof Tensor || typeof value === "number",
  holds: "tensors, numbers, arrays and plain records",
  tree: "checkpoint tree",
};

/** Rebuilds `tree` with every leaf replaced by `fn(leaf, path)`. */
export function mapLeaves(tree: unknown, fn: (leaf: Leaf, path: string) => Leaf): unknown {
  return mapTree(tree, checkpointLeaves, fn);
}

/** The leaves of `tree` with their paths, depth first in key order. */
export function leavesOf(tree: unknown): PathLeaf[] {
  const leaves: PathLeaf[] = [];
  mapTree(tree, checkpointLeaves, (leaf, path) => {
    leaves.push({ path, leaf });
    return leaf;
  });
  return leaves;
}
