/**
 * `gradCheck`: the course's gradient check. Two-sided differences
 * `(J(θ+ε) − J(θ−ε)) / 2ε` for every parameter, compared with the gradient
 * from `grad` by the relative error `‖dθapprox − dθ‖₂ / (‖dθapprox‖₂ + ‖dθ‖₂)`.
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import type { DType } from "../core/tensor.ts";
import { Tensor } from "../core/tensor.ts";
import type { ParamTree } from "../core/tree.ts";
import { treeLeaves, treeMap } from "../core/tree.ts";
import { grad } from "../core/autodiff.ts";
import { toF64 } from "./_tree_math.ts";

type AnyTensor = Tensor<Shape, DType>;

/**
 * How the course reads a relative error: ≈1e-7 fine, ≈1e-5 look closer, ≥1e-3 likely a bug.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Verdict } from "./grad_check.ts";
 * import { verdictOf } from "./grad_check.ts";
 * const verdict: Verdict = verdictOf(3e-10);
 * assert.equal(verdict, "fine");
 * ```
 */
export type Verdict = "fine" | "inspect" | "bug";

/**
 * One parameter entry where the two gradients disagree most.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gradCheck } from "./grad_check.ts";
 * import type { GradEntry } from "./grad_check.ts";
 * import { tensor } from "../core/create.ts";
 * import { sum } from "../ops/sum.ts";
 * const w = tensor([[1, 2]], { dtype: "f64" });
 * const [entry]: readonly GradEntry[] = gradCheck((p: { w: typeof w }) => sum(p.w), { w }).worst;
 * assert.equal(entry.path, "w");
 * assert.equal(entry.index.length, 2);
 * ```
 */
export interface GradEntry {
  /** The leaf's path in the tree, such as `layers[0].w`. */
  readonly path: string;
  /** The entry's index in the leaf, one number per axis. */
  readonly index: readonly number[];
  /** The gradient from `grad`. */
  readonly analytic: number;
  /** The two-sided difference. */
  readonly numeric: number;
}

/**
 * The outcome of a gradient check.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gradCheck } from "./grad_check.ts";
 * import type { GradCheckResult } from "./grad_check.ts";
 * import { tensor } from "../core/create.ts";
 * import { mul } from "../ops/mul.ts";
 * import { sum } from "../ops/sum.ts";
 * const w = tensor([1, -2, 3], { dtype: "f64" });
 * const result: GradCheckResult = gradCheck((p: typeof w) => sum(mul(p, p)), w);
 * assert.equal(result.entries, 3);
 * assert.ok(result.relativeError < 1e-7 && result.absoluteError < 1e-6);
 * ```
 */
export interface GradCheckResult {
  /** `‖dθapprox − dθ‖₂ / (‖dθapprox‖₂ + ‖dθ‖₂)` over every parameter (0 when both vanish). */
  readonly relativeError: number;
  /** `‖dθapprox − dθ‖₂`: tells roundoff from a bug where both gradients vanish. */
  readonly absoluteError: number;
  /** The course's reading of `relativeError`. */
  readonly verdict: Verdict;
  /** The entries with the largest absolute difference, largest first. */
  readonly worst: readonly GradEntry[];
  /** How many parameter entries were checked. */
  readonly entries: number;
}

/**
 * Options of {@link gradCheck}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gradCheck } from "./grad_check.ts";
 * import type { GradCheckOptions } from "./grad_check.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * import { mul } from "../ops/mul.ts";
 * import { sum } from "../ops/sum.ts";
 * type W = Tensor<[2], "f64">;
 * // Check a hand-written gradient 2w of Σ w² with a larger step.
 * const options: GradCheckOptions<W> = { epsilon: 1e-5, worst: 1, gradient: (w) => mul(w, 2) };
 * const result = gradCheck((w: W) => sum(mul(w, w)), tensor([3, 4], { dtype: "f64" }), options);
 * assert.equal(result.worst.length, 1);
 * assert.equal(result.verdict, "fine");
 * ```
 */
export interface GradCheckOptions<P = unknown> {
  /** The step ε of the differences; 1e-6 when absent (float64, central differences). */
  readonly epsilon?: number;
  /** How many worst entries to report; 5 when absent. */
  readonly worst?: number;
  /**
   * The gradient under test, typed like the params: a hand-written backward
   * pass, say. `grad(f)` when absent. It is called once, with the params
   * copied to float64.
   */
  readonly gradient?: (params: P) => P;
}

/**
 * The course's reading of a relative error: below 1e-6 `"fine"` (≈1e-7 is
 * what a correct gradient gives), up to 1e-3 `"inspect"` (≈1e-5: look at the
 * worst entries), from 1e-3 (or NaN) `"bug"`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { verdictOf } from "./grad_check.ts";
 * assert.equal(verdictOf(2e-9), "fine");
 * assert.equal(verdictOf(1e-5), "inspect");
 * assert.equal(verdictOf(0.02), "bug");
 * ```
 */
export function verdictOf(relativeError: number): Verdict {
  if (!(relativeError < 1e-3)) return "bug";
  return relativeError < 1e-6 ? "fine" : "inspect";
}

function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = flat % shape[axis];
    flat = Math.floor(flat / shape[axis]);
  }
  return index;
}

/**
 * Checks the gradient of `f` at `params` against two-sided differences, in
 * float64 (the params are copied to f64 first). Returns the relative error,
 * the course's verdict and the worst entries with their paths. The gradient
 * checked is `grad(f)`'s, or `options.gradient`'s (a hand-written backward
 * pass).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gradCheck } from "./grad_check.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * import { exp } from "../ops/exp.ts";
 * import { sum } from "../ops/sum.ts";
 * const result = gradCheck((p: { w: Tensor<[3], "f64"> }) => sum(exp(p.w)), {
 *   w: tensor([0.1, -0.4, 0.7], { dtype: "f64" }),
 * });
 * assert.equal(result.verdict, "fine");
 * ```
 */
export function gradCheck<P extends ParamTree<P>>(
  f: (params: P) => Tensor<[], DType>,
  params: P,
  options?: GradCheckOptions<P>,
): GradCheckResult {
  const epsilon = options?.epsilon ?? 1e-6;
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new RangeError(`gradCheck: epsilon must be a positive finite number, got ${epsilon}`);
  }
  const theta = toF64(params);
  const analytic = treeLeaves((options?.gradient ?? grad(f))(theta));
  const expected = treeLeaves(theta);
  if (
    analytic.length !== expected.length ||
    analytic.some(({ path, leaf }, k) =>
      path !== expected[k].path || leaf.size !== expected[k].leaf.size
    )
  ) {
    throw new RangeError(
      `gradCheck: the gradient must be a tree like the params (${
        expected.map(({ path, leaf }) => `${path}: ${leaf.toString()}`).join(", ")
      }), got ${analytic.map(({ path, leaf }) => `${path}: ${leaf.toString()}`).join(", ")}`,
    );
  }
  const leaves = treeLeaves(theta);
  const entries: GradEntry[] = [];
  let difference = 0;
  let analyticNorm = 0;
  let numericNorm = 0;
  leaves.forEach(({ path, leaf }, leafIndex) => {
    const data = leaf.data as Float64Array;
    const shape = leaf.shape as readonly number[];
    for (let i = 0; i < data.length; i++) {
      const evaluate = (delta: number): number => {
        const shifted = treeMap(theta, (other) => {
          if (other !== leaf) return other;
          const copy = Float64Array.from(data);
          copy[i] += delta;
          return new Tensor(shape, "f64", copy);
        });
        return f(shifted).data[0];
      };
      const numeric = (evaluate(epsilon) - evaluate(-epsilon)) / (2 * epsilon);
      const exact = analytic[leafIndex].leaf.data[i];
      difference += (exact - numeric) ** 2;
      analyticNorm += exact ** 2;
      numericNorm += numeric ** 2;
      entries.push({ path, index: unravel(i, shape), analytic: exact, numeric });
    }
  });
  const denominator = Math.sqrt(analyticNorm) + Math.sqrt(numericNorm);
  const relativeError = denominator === 0
    ? Math.sqrt(difference)
    : Math.sqrt(difference) / denominator;
  const worst = entries
    .sort((a, b) => Math.abs(b.analytic - b.numeric) - Math.abs(a.analytic - a.numeric))
    .slice(0, options?.worst ?? 5);
  return {
    relativeError,
    absoluteError: Math.sqrt(difference),
    verdict: verdictOf(relativeError),
    worst,
    entries: entries.length,
  };
}
