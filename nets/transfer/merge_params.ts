/**
 * `mergeParams`: put a trainable part and its frozen part back together.
 *
 * @module
 */
import { Tensor } from "../../core/tensor.ts";
import type { FrozenParams } from "./partition_params.ts";
import { isEmptyRecord, isRecord, joinPath } from "./_walk.ts";

/**
 * The whole parameter tree from the two parts of `partitionParams`: each
 * `{}` in `frozen` is filled with the subtree the trainable part holds there
 * (trained or not), and the result is typed as the tree that was split, `P`.
 * A trainable part that is a record of tensors only (a split by predicate,
 * keyed by path) fills the places of those paths.
 * Records keep the key order of the original tree. Nothing is copied, and
 * under `grad` the trainable leaves are the traced ones, so
 * `(t) => loss(mergeParams(t, frozen), batch)` has gradients for `t` only.
 *
 * @throws {TypeError} when the parts do not fit together: a leaf in both, or a
 * trainable subtree where the frozen part has no place for it.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { partitionParams } from "./partition_params.ts";
 * import { mergeParams } from "./merge_params.ts";
 * import { grad } from "../../core/autodiff.ts";
 * import { tensor } from "../../core/create.ts";
 * import { sum } from "../../ops/sum.ts";
 * import { mul } from "../../ops/mul.ts";
 * const params = { scale: tensor([2, 3]), bias: tensor([1, 1]) };
 * const { trainable, frozen } = partitionParams(params, ["bias"]);
 * const loss = (t: typeof trainable) => {
 *   const p = mergeParams(t, frozen);
 *   return sum(mul(p.scale, p.bias));
 * };
 * const g = grad(loss)(trainable);
 * assert.deepEqual(Object.keys(g), ["bias"]);
 * assert.deepEqual(Array.from(g.bias.data), [2, 3]);
 * ```
 */
export function mergeParams<P, T, F>(trainable: NoInfer<T>, frozen: FrozenParams<P, T, F>): P {
  if (isRecord(trainable) && Object.values(trainable).every((leaf) => leaf instanceof Tensor)) {
    return mergeByPath(trainable as Record<string, Tensor>, frozen) as P;
  }
  return merge(trainable, frozen, "") as P;
}

/** Fills the `{}` at each of `leaves`' paths in `frozen`. */
function mergeByPath(leaves: Record<string, Tensor>, frozen: unknown): unknown {
  const filled = new Set<string>();
  const walk = (node: unknown, path: string): unknown => {
    if (path !== "" && Object.hasOwn(leaves, path)) {
      if (!isEmptyRecord(node)) {
        throw new TypeError(
          `mergeParams: the parts do not fit together at ${path}: the trainable part holds a ` +
            `tensor, the frozen part ${describe(node)}`,
        );
      }
      filled.add(path);
      return leaves[path];
    }
    if (Array.isArray(node)) return node.map((child, i) => walk(child, joinPath(path, i)));
    if (isRecord(node)) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(node)) out[key] = walk(node[key], joinPath(path, key));
      return out;
    }
    return node;
  };
  const out = walk(frozen, "");
  const lost = Object.keys(leaves).find((path) => !filled.has(path));
  if (lost !== undefined) {
    throw new TypeError(`mergeParams: the frozen part has no place for the trainable ${lost}`);
  }
  return out;
}

function merge(trainable: unknown, frozen: unknown, path: string): unknown {
  if (trainable === undefined) return frozen;
  if (isEmptyRecord(frozen)) return trainable;
  if (isEmptyRecord(trainable)) return frozen;
  if (Array.isArray(trainable) && Array.isArray(frozen) && trainable.length === frozen.length) {
    return frozen.map((node, i) => merge(trainable[i], node, joinPath(path, i)));
  }
  if (isRecord(trainable) && isRecord(frozen)) {
    for (const key of Object.keys(trainable)) {
      if (!Object.hasOwn(frozen, key)) {
        throw new TypeError(
          `mergeParams: the frozen part has no place for the trainable ${joinPath(path, key)}`,
        );
      }
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(frozen)) {
      out[key] = merge(trainable[key], frozen[key], joinPath(path, key));
    }
    return out;
  }
  throw new TypeError(
    `mergeParams: the parts do not fit together at ${
      path === "" ? "the root" : path
    }: the trainable part holds ${describe(trainable)}, the frozen part ${describe(frozen)}`,
  );
}

function describe(value: unknown): string {
  if (value instanceof Tensor) return "a tensor";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (isRecord(value)) return "a record";
  return value === null ? "null" : `a ${typeof value}`;
}
