/**
 * fast-check arbitraries of parameter trees: of a fixed structure described
 * by shapes, or of random structure.
 *
 * @module
 */
import fc from "fast-check";
import type { Arbitrary } from "fast-check";
import type { DType } from "../core/tensor.ts";
import type { Tensor } from "../core/tensor.ts";
import type { ShapeOptions, TensorOptions } from "./arbitraries.ts";
import { shapeArbitrary, tensorArbitrary } from "./arbitraries.ts";

/**
 * A tree of shapes: a shape (array of numbers) at each leaf, records and arrays above.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { ShapeTree } from "./tree_arbitraries.ts";
 * const mlp: ShapeTree = { layers: [{ w: [4, 3], b: [4] }, { w: [1, 4], b: [1] }] };
 * assert.ok("layers" in mlp);
 * ```
 */
export type ShapeTree =
  | readonly number[]
  | readonly ShapeTree[]
  | { readonly [name: string]: ShapeTree };

/**
 * The tree of tensors that {@link treeArbitrary} makes from a {@link ShapeTree}.
 *
 * @example
 * ```ts
 * import type { TensorTree } from "./tree_arbitraries.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * type Params = TensorTree<{ w: [3, 2]; b: [3] }, "f64">;
 * const check = (p: Params): Tensor<[3, 2], "f64"> => p.w;
 * void check;
 * ```
 */
export type TensorTree<T, D extends DType> = T extends readonly number[] ? Tensor<[...T], D>
  : { -readonly [K in keyof T]: TensorTree<T[K], D> };

function isShape(value: ShapeTree): value is readonly number[] {
  return Array.isArray(value) && value.every((dim) => typeof dim === "number");
}

/**
 * Parameter trees of a fixed structure: every shape in `shapes` becomes a
 * tensor from {@link tensorArbitrary} (with `options`), records and arrays
 * are kept. Typed like the tree it describes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { treeArbitrary } from "./tree_arbitraries.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const params = treeArbitrary({ layers: [{ w: [3, 2], b: [3] }], scale: [] });
 * fc.assert(fc.property(params, (p) => {
 *   const w: Tensor<[3, 2], "f64"> = p.layers[0].w;
 *   assert.deepEqual(w.shape, [3, 2]);
 *   assert.equal(p.scale.size, 1);
 * }), { seed: 1, numRuns: 5 });
 * ```
 */
export function treeArbitrary<const T extends ShapeTree, D extends DType = "f64">(
  shapes: T,
  options?: TensorOptions<D>,
): Arbitrary<TensorTree<T, D>> {
  const walk = (node: ShapeTree): Arbitrary<unknown> => {
    if (isShape(node)) return tensorArbitrary(node as readonly number[], options);
    if (Array.isArray(node)) return fc.tuple(...(node as readonly ShapeTree[]).map(walk));
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, child] of Object.entries(node)) record[name] = walk(child);
    return fc.record(record);
  };
  return walk(shapes) as fc.Arbitrary<TensorTree<T, D>>;
}

/**
 * A record of named children, as in `{ w, b }`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Named } from "./tree_arbitraries.ts";
 * const sizes: Named<number> = { w: 6, b: 3 };
 * assert.equal(sizes.w, 6);
 * ```
 */
export type Named<V> = { readonly [name: string]: V };

/**
 * The structures {@link paramTreeArbitrary} draws: a tensor, a list, a
 * record, and the two-level nestings seen in models (`{ layers: [{ w, b }] }`
 * and friends). Each level holds children of one kind, so that the type is
 * a union of whole trees (which the transforms' `ParamTree` accepts) rather
 * than a tree of unions (which it does not).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { paramTreeArbitrary } from "./tree_arbitraries.ts";
 * import type { AnyTree } from "./tree_arbitraries.ts";
 * import { treeLeaves } from "../core/tree.ts";
 * const [tree]: AnyTree[] = fc.sample(paramTreeArbitrary(), { seed: 1, numRuns: 1 });
 * assert.ok(treeLeaves(tree).length >= 1);
 * ```
 */
export type AnyTree<D extends DType = "f64"> =
  | Tensor<number[], D>
  | readonly Tensor<number[], D>[]
  | Named<Tensor<number[], D>>
  | Named<readonly Tensor<number[], D>[]>
  | readonly Named<Tensor<number[], D>>[]
  | Named<Named<Tensor<number[], D>>>
  | Named<readonly Named<Tensor<number[], D>>[]>;

/**
 * Options of {@link paramTreeArbitrary}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { paramTreeArbitrary } from "./tree_arbitraries.ts";
 * import type { ParamTreeOptions } from "./tree_arbitraries.ts";
 * import { treeLeaves } from "../core/tree.ts";
 * const options: ParamTreeOptions<"f64"> = { shapes: { minRank: 2, maxRank: 2, minDim: 2, maxDim: 2 } };
 * const [tree] = fc.sample(paramTreeArbitrary(options), { seed: 1, numRuns: 1 });
 * assert.ok(treeLeaves(tree).every(({ leaf }) => leaf.size === 4));
 * ```
 */
export interface ParamTreeOptions<D extends DType> extends TensorOptions<D> {
  /** Shapes of the leaves; rank 0–2, dims 1–3 when absent. */
  readonly shapes?: ShapeOptions;
}

/**
 * Parameter trees of random structure (see {@link AnyTree}): records with
 * keys such as `w`, `b`, `layers`, and lists, nested up to three levels, with
 * tensors of random shapes at the leaves. For testing code that must work on
 * any tree: the check prints each leaf as `Tensor<f64>[2, 3]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { paramTreeArbitrary } from "./tree_arbitraries.ts";
 * import { treeLeaves } from "../core/tree.ts";
 * fc.assert(fc.property(paramTreeArbitrary(), (tree) => {
 *   assert.ok(treeLeaves(tree).length >= 1);
 * }), { seed: 1, numRuns: 20 });
 * ```
 */
export function paramTreeArbitrary<D extends DType = "f64">(
  options?: ParamTreeOptions<D>,
): Arbitrary<AnyTree<D>> {
  const leaf = tensorArbitrary(
    shapeArbitrary(options?.shapes ?? { maxRank: 2, minDim: 1, maxDim: 3 }),
    options,
  );
  const names = ["w", "b", "gamma", "beta", "layers", "kernel", "bias", "scale"];
  const list = <V>(child: fc.Arbitrary<V>) => fc.array(child, { minLength: 1, maxLength: 3 });
  const named = <V>(child: fc.Arbitrary<V>) =>
    fc.dictionary(fc.constantFrom(...names), child, { minKeys: 1, maxKeys: 3 });
  return fc.oneof<fc.Arbitrary<AnyTree<D>>[]>(
    leaf,
    list(leaf),
    named(leaf),
    named(list(leaf)),
    list(named(leaf)),
    named(named(leaf)),
    named(list(named(leaf))),
  );
}
