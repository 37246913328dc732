/**
 * L2 regularisation: the penalty `λ/(2m)·Σ‖W‖²_F` to add to a cost, and the
 * same thing in weight-decay form, `dW += (λ/m)·W`, to add to gradients.
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import type { ParamTree } from "../core/tree.ts";
import { treeLeaves, treeZip } from "../core/tree.ts";
import { add } from "../ops/add.ts";
import { mul } from "../ops/mul.ts";
import { square } from "../ops/square.ts";
import { sum } from "../ops/sum.ts";

type AnyTensor = Tensor<Shape, DType>;

/** The dtype of a parameter tree's leaves (`"f32"` for a tree without leaves). */
export type TreeDType<P> = [LeafDType<P>] extends [never] ? "f32" : LeafDType<P>;

/** The dtypes of the leaves of a tree type, as a union. */
export type LeafDType<P> = P extends Tensor<Shape, infer D> ? D
  : P extends readonly (infer E)[] ? LeafDType<E>
  : P extends object ? LeafDType<P[keyof P]>
  : never;

/** Options of {@link l2Penalty} and {@link weightDecay}. */
export interface L2Options {
  /** The regularisation strength λ, finite and ≥ 0. */
  readonly lambda: number;
  /** The number of training examples `m` (the cost is a mean over them), > 0. */
  readonly m: number;
  /**
   * Which leaves are penalised, given each with its path (such as `[2].w`);
   * by default every leaf of rank ≥ 2: weights, not biases.
   */
  readonly select?: (leaf: Tensor<Shape, DType>, path: string) => boolean;
}

function checkOptions(op: string, options: L2Options): void {
  const { lambda, m } = options;
  if (typeof lambda !== "number" || !Number.isFinite(lambda) || lambda < 0) {
    throw new RangeError(`${op}: lambda must be a finite number >= 0, got ${lambda}`);
  }
  if (typeof m !== "number" || !Number.isFinite(m) || !(m > 0)) {
    throw new RangeError(`${op}: m must be a positive number, got ${m}`);
  }
}

function weightsOnly(leaf: AnyTensor): boolean {
  return leaf.shape.length >= 2;
}

/**
 * The L2 penalty `λ/(2m)·Σ_l ‖W[l]‖²_F` over the chosen leaves of `params`
 * (by default those of rank ≥ 2, the weights), as a scalar of the params'
 * dtype. Built from ops, so `grad` of a cost plus this penalty adds
 * `(λ/m)·W` to each chosen leaf's gradient (the weight-decay form, which
 * {@link weightDecay} applies directly). A tree with no chosen leaf gives 0.
 *
 * @throws {RangeError} when `lambda` is negative or not finite, or `m` is not positive.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { l2Penalty } from "./regularization.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const params = { w: tensor([[1, 2], [3, 4]]), b: tensor([100]) };
 * const penalty: Tensor<[]> = l2Penalty(params, { lambda: 0.5, m: 10 });
 * assert.equal(penalty.data[0], (0.5 / 20) * 30); // b is not penalised
 * ```
 */
export function l2Penalty<P extends ParamTree<P>>(
  params: P,
  options: L2Options,
): Tensor<[], TreeDType<P>> {
  checkOptions("l2Penalty", options);
  const select = options.select ?? weightsOnly;
  const leaves = treeLeaves(params);
  let total: AnyTensor | undefined;
  for (const { leaf, path } of leaves) {
    if (!select(leaf, path)) continue;
    const squares = sum(square(leaf)) as AnyTensor;
    total = total === undefined ? squares : add(total, squares);
  }
  const scale = options.lambda / (2 * options.m);
  if (total === undefined) {
    const dtype = leaves[0]?.leaf.dtype ?? "f32";
    return new Tensor([], dtype, allocate(dtype, 1)) as Tensor<[], TreeDType<P>>;
  }
  return mul(total, scale) as unknown as Tensor<[], TreeDType<P>>;
}

/**
 * The weight-decay form of L2 regularisation: `grads` with `(λ/m)·W` added to
 * the gradient of each chosen leaf (by default those of rank ≥ 2), typed like
 * the params. The same gradients as `grad` of the cost plus
 * {@link l2Penalty}, without tracing the penalty.
 *
 * @throws {RangeError} when `lambda` is negative or not finite, or `m` is not positive.
 * @throws {ShapeError} when `grads` is not a tree like `params`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { weightDecay } from "./regularization.ts";
 * import { tensor } from "../core/create.ts";
 * const params = { w: tensor([[1, 2]]), b: tensor([5]) };
 * const grads = { w: tensor([[0.5, 0.5]]), b: tensor([1]) };
 * const decayed = weightDecay(params, grads, { lambda: 1, m: 4 });
 * assert.deepEqual(decayed.w.toArray(), [[0.75, 1]]);
 * assert.deepEqual(decayed.b.toArray(), [1]);
 * ```
 */
export function weightDecay<P extends ParamTree<P>>(params: P, grads: P, options: L2Options): P {
  checkOptions("weightDecay", options);
  const select = options.select ?? weightsOnly;
  const rate = options.lambda / options.m;
  return treeZip(grads, params, (g, w, path) => select(w, path) ? add(g, mul(w, rate)) : g);
}
