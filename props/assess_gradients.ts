/**
 * `assessGradients`: one verdict on a function's gradient at one point, by
 * the full check or the directional one depending on the number of entries,
 * at order 1 or 2, with a message that names the worst entries (or leaves).
 * The engine behind {@link checkGradients} and the op suite.
 *
 * @module
 */
import type { DType, Tensor } from "../core/tensor.ts";
import type { ParamTree } from "../core/tree.ts";
import { treeLeaves } from "../core/tree.ts";
import { key, split } from "../core/random.ts";
import type { Verdict } from "./grad_check.ts";
import { gradCheck } from "./grad_check.ts";
import { directionalCheck, gradientAlong } from "./directional.ts";
import { describeTree, randomTreeLike, toF64 } from "./_tree_math.ts";

/**
 * Options of {@link assessGradients}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { assessGradients } from "./assess_gradients.ts";
 * import type { AssessOptions } from "./assess_gradients.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * import { exp } from "../ops/exp.ts";
 * import { sum } from "../ops/sum.ts";
 * const options: AssessOptions = { order: 2, directionalAbove: 1, probes: 2 };
 * const f = (x: Tensor<[3], "f64">) => sum(exp(x));
 * const report = assessGradients(f, tensor([0.1, 0.2, 0.3], { dtype: "f64" }), options);
 * assert.ok(report.orders.every((o) => o.method === "directional"));
 * ```
 */
export interface AssessOptions {
  /** Largest relative error that passes at order 1; 1e-7 when absent. */
  readonly tolerance?: number;
  /**
   * Largest relative error that passes at order 2; 1e-6 when absent
   * (differences of an analytic gradient in f64 keep about 9 digits of 16).
   */
  readonly secondOrderTolerance?: number;
  /**
   * Also pass when `‖analytic − numeric‖₂` is at most this; 0 when absent.
   * Where the true derivative vanishes (a softmax over one class has a zero
   * Hessian), both sides are roundoff (1e-19 against 0) and their relative
   * error means nothing; a floor such as 1e-12 tells that apart from a bug.
   */
  readonly absoluteTolerance?: number;
  /** 1 checks the gradient; 2 checks it and the Hessian-vector product. 1 when absent. */
  readonly order?: 1 | 2;
  /** Above this many parameter entries, the directional check replaces the full one; 256 when absent. */
  readonly directionalAbove?: number;
  /** The step ε of the differences; 1e-6 when absent. */
  readonly epsilon?: number;
  /** Random probes of the directional check; 3 when absent. */
  readonly probes?: number;
  /** How many worst entries (or leaves) a failure names; 5 when absent. */
  readonly worst?: number;
}

/**
 * One check within an assessment.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { assessGradients } from "./assess_gradients.ts";
 * import type { OrderAssessment } from "./assess_gradients.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * import { exp } from "../ops/exp.ts";
 * import { sum } from "../ops/sum.ts";
 * const f = (x: Tensor<[2], "f64">) => sum(exp(x));
 * const [first]: readonly OrderAssessment[] = assessGradients(f, tensor([1, 2], { dtype: "f64" })).orders;
 * assert.equal(first.order, 1);
 * assert.ok(first.passed && first.relativeError <= first.tolerance);
 * ```
 */
export interface OrderAssessment {
  /** 1: the gradient; 2: the Hessian-vector product (grad of `θ ↦ ⟨∇f(θ), v⟩`). */
  readonly order: 1 | 2;
  /** `"full"`: every entry differenced; `"directional"`: random directions. */
  readonly method: "full" | "directional";
  /** The relative error the check found. */
  readonly relativeError: number;
  /** The course's reading of it. */
  readonly verdict: Verdict;
  /** The tolerance it was held to. */
  readonly tolerance: number;
  /** `‖analytic − numeric‖₂`. */
  readonly absoluteError: number;
  /** Whether `relativeError <= tolerance` (or `absoluteError <= absoluteTolerance`). */
  readonly passed: boolean;
  /** A readable report: the error, the params' shapes, the worst entries or leaves. */
  readonly message: string;
}

/**
 * The outcome of {@link assessGradients}: every order checked, and whether all passed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { assessGradients } from "./assess_gradients.ts";
 * import type { GradientAssessment } from "./assess_gradients.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * import { exp } from "../ops/exp.ts";
 * import { sum } from "../ops/sum.ts";
 * const f = (x: Tensor<[2], "f64">) => sum(exp(x));
 * const report: GradientAssessment = assessGradients(f, tensor([1, 2], { dtype: "f64" }));
 * assert.ok(report.passed);
 * assert.equal(report.message, "");
 * ```
 */
export interface GradientAssessment {
  /** Whether every order passed. */
  readonly passed: boolean;
  /** The first order, then the second when asked for. */
  readonly orders: readonly OrderAssessment[];
  /** The failing orders' messages (empty when all passed). */
  readonly message: string;
}

function format(value: number): string {
  return value === 0
    ? "0"
    : Math.abs(value) >= 1e-3 && Math.abs(value) < 1e4
    ? value.toPrecision(6)
    : value.toExponential(3);
}

function entryCount<P extends ParamTree<P>>(params: P): number {
  return treeLeaves(params).reduce((count, { leaf }) => count + leaf.size, 0);
}

function checkOne<P extends ParamTree<P>>(
  f: (params: P) => Tensor<[], DType>,
  params: P,
  order: 1 | 2,
  tolerance: number,
  options: AssessOptions | undefined,
): OrderAssessment {
  const entries = entryCount(params);
  const worst = options?.worst ?? 5;
  const epsilon = options?.epsilon ?? 1e-6;
  const floor = options?.absoluteTolerance ?? 0;
  const header = (method: string, error: number, verdict: Verdict) =>
    `gradient check failed at order ${order} (${method}, ${entries} entries): relative error ` +
    `${format(error)} > tolerance ${format(tolerance)}, verdict "${verdict}"` +
    (floor > 0 ? ` (and the absolute error is above ${format(floor)})` : "") + "\n" +
    `params: ${describeTree(params)}`;
  if (entries <= (options?.directionalAbove ?? 256)) {
    const result = gradCheck(f, params, { epsilon, worst });
    const passed = result.relativeError <= tolerance || result.absoluteError <= floor;
    const lines = result.worst.map((entry) =>
      `  ${entry.path}[${entry.index.join(", ")}]: analytic ${format(entry.analytic)}, numeric ${
        format(entry.numeric)
      } (difference ${format(entry.analytic - entry.numeric)})`
    );
    return {
      order,
      method: "full",
      relativeError: result.relativeError,
      absoluteError: result.absoluteError,
      verdict: result.verdict,
      tolerance,
      passed,
      message: passed ? "" : [
        header("full differences", result.relativeError, result.verdict),
        "worst entries:",
        ...lines,
      ].join("\n"),
    };
  }
  const probes = options?.probes ?? 3;
  const result = directionalCheck(f, params, { epsilon, probes });
  const passed = result.relativeError <= tolerance || result.absoluteError <= floor;
  let message = "";
  if (!passed) {
    // Narrow down: perturb one leaf at a time and rank the leaves by their error.
    const leaves = treeLeaves(params).map(({ path }) => {
      const alone = directionalCheck(f, params, { epsilon, probes, paths: [path] });
      return { path, alone };
    }).sort((a, b) => b.alone.relativeError - a.alone.relativeError).slice(0, worst);
    message = [
      header(`directional, ${probes} random probes`, result.relativeError, result.verdict),
      ...result.probes.map((probe, k) =>
        `  probe ${k}: ⟨t, Jᵀc⟩ ${format(probe.analytic)}, differences ${format(probe.numeric)}`
      ),
      "worst leaves (each perturbed alone):",
      ...leaves.map(({ path, alone }) =>
        `  ${path === "" ? "(root)" : path}: relative error ${format(alone.relativeError)}`
      ),
    ].join("\n");
  }
  return {
    order,
    method: "directional",
    relativeError: result.relativeError,
    absoluteError: result.absoluteError,
    verdict: result.verdict,
    tolerance,
    passed,
    message,
  };
}

/**
 * Checks the gradient of the scalar `f` at `params` (in float64): by
 * {@link gradCheck} when there are at most `directionalAbove` entries, by
 * {@link directionalCheck} above; with `order: 2`, the same for
 * `θ ↦ ⟨∇f(θ), v⟩` (v standard normal, from a fixed key), which checks
 * Hessian-vector products. A failing order's message names the relative
 * error, the params' shapes and the worst entries (full check) or leaves
 * (directional check).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { assessGradients } from "./assess_gradients.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * import { exp } from "../ops/exp.ts";
 * import { sum } from "../ops/sum.ts";
 * const f = (p: { w: Tensor<[2], "f64"> }) => sum(exp(p.w));
 * const report = assessGradients(f, { w: tensor([0.5, -1], { dtype: "f64" }) }, { order: 2 });
 * assert.ok(report.passed, report.message);
 * assert.deepEqual(report.orders.map((o) => o.method), ["full", "full"]);
 * ```
 */
export function assessGradients<P extends ParamTree<P>>(
  f: (params: P) => Tensor<[], DType>,
  params: P,
  options?: AssessOptions,
): GradientAssessment {
  const order = options?.order ?? 1;
  const orders = [checkOne(f, params, 1, options?.tolerance ?? 1e-7, options)];
  if (order === 2) {
    const theta = toF64(params);
    const vector = randomTreeLike(theta, split(key(0x5eed))[0]);
    const secondTolerance = options?.secondOrderTolerance ?? 1e-6;
    orders.push(checkOne(gradientAlong(f, vector), theta, 2, secondTolerance, options));
  }
  const passed = orders.every((o) => o.passed);
  return {
    passed,
    orders,
    message: orders.filter((o) => !o.passed).map((o) => o.message).join("\n\n"),
  };
}
