/**
 * Plain float64 arithmetic on parameter trees, for the gradient checks: copy
 * to f64, step along a direction, pair two trees, draw a random tree. None of
 * it is traced: these are the checks' own numbers, not part of the function
 * under test.
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import type { DType } from "../core/tensor.ts";
import { Tensor } from "../core/tensor.ts";
import type { ParamTree } from "../core/tree.ts";
import { treeLeaves, treeMap } from "../core/tree.ts";
import type { PRNGKey } from "../core/random.ts";
import { split } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";

/** A tensor of any shape and dtype. */
export type AnyTensor = Tensor<Shape, DType>;

function dims(x: AnyTensor): readonly number[] {
  return x.shape as readonly number[];
}

/** A copy of `tree` with every leaf converted to float64. */
export function toF64<P extends ParamTree<P>>(tree: P): P {
  return treeMap(tree, (leaf) => new Tensor(dims(leaf), "f64", Float64Array.from(leaf.data)));
}

/** `θ + α·t`, leaf by leaf (the trees share their structure; the result is f64). */
export function stepAlong<P extends ParamTree<P>>(theta: P, alpha: number, direction: P): P {
  const steps = treeLeaves(direction);
  let index = 0;
  return treeMap(theta, (leaf) => {
    const step = steps[index++].leaf.data;
    const data = Float64Array.from(leaf.data);
    for (let i = 0; i < data.length; i++) data[i] += alpha * step[i];
    return new Tensor(dims(leaf), "f64", data);
  });
}

/** `Σ aᵢ·bᵢ` over every entry of two tensors of one size. */
export function innerProduct(a: AnyTensor, b: AnyTensor): number {
  let total = 0;
  for (let i = 0; i < a.data.length; i++) total += a.data[i] * b.data[i];
  return total;
}

/** `Σ aᵢ·bᵢ` over every entry of two trees of one structure. */
export function treeInnerProduct<P extends ParamTree<P>>(a: P, b: P): number {
  const right = treeLeaves(b);
  return treeLeaves(a).reduce((total, { leaf }, k) => total + innerProduct(leaf, right[k].leaf), 0);
}

/** A float64 tree shaped like `like` with standard normal entries drawn from `k`. */
export function randomTreeLike<P extends ParamTree<P>>(like: P, k: PRNGKey): P {
  const count = treeLeaves(like).length;
  const keys = count === 0 ? [] : split(k, count);
  let index = 0;
  return treeMap(like, (leaf) => randomNormal(keys[index++], dims(leaf), { dtype: "f64" }));
}

/** The course's relative error `‖a − b‖₂ / (‖a‖₂ + ‖b‖₂)`; `‖a − b‖₂` when both vanish. */
export function relativeError(a: readonly number[], b: readonly number[]): number {
  let difference = 0;
  let aNorm = 0;
  let bNorm = 0;
  for (let i = 0; i < a.length; i++) {
    difference += (a[i] - b[i]) ** 2;
    aNorm += a[i] ** 2;
    bNorm += b[i] ** 2;
  }
  const denominator = Math.sqrt(aNorm) + Math.sqrt(bNorm);
  return denominator === 0 ? Math.sqrt(difference) : Math.sqrt(difference) / denominator;
}

/** `Tensor<f64>[2, 3]`-style description of a tree's leaves with their paths. */
export function describeTree<P extends ParamTree<P>>(tree: P): string {
  return treeLeaves(tree)
    .map(({ path, leaf }) => `${path === "" ? "(root)" : path}: ${leaf.toString()}`)
    .join(", ");
}
