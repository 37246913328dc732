/**
 * Random-direction gradient checks, for inputs too large to difference one
 * entry at a time. For `f: θ ↦ y` (any output shape), a random direction `t`
 * (a tree like θ) and a random output covector `c`, the two sides of
 * `⟨J·t, c⟩ = ⟨t, Jᵀ·c⟩` are computed independently: the left from two-sided
 * differences of `⟨f(θ ± εt), c⟩`, the right from the pullback of `vjp`.
 * Each probe costs two evaluations of `f` and one backward pass, whatever the
 * number of parameters. At order 2 the same test runs on
 * `θ ↦ ⟨∇f(θ), v⟩`, which compares Hessian-vector products with differences
 * of gradients.
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import type { DType } from "../core/tensor.ts";
import { Tensor } from "../core/tensor.ts";
import type { ParamTree } from "../core/tree.ts";
import { treeLeaves, treeMap } from "../core/tree.ts";
import { grad, vjp } from "../core/autodiff.ts";
import type { PRNGKey } from "../core/random.ts";
import { foldIn, key, split } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";
import { add } from "../ops/add.ts";
import { mul } from "../ops/mul.ts";
import { sum } from "../ops/sum.ts";
import type { Verdict } from "./grad_check.ts";
import { verdictOf } from "./grad_check.ts";
import type { AnyTensor } from "./_tree_math.ts";
import {
  innerProduct,
  randomTreeLike,
  relativeError,
  stepAlong,
  toF64,
  treeInnerProduct,
} from "./_tree_math.ts";

/**
 * Options of {@link directionalCheck} and {@link hessianVectorCheck}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { directionalCheck } from "./directional.ts";
 * import type { DirectionalCheckOptions } from "./directional.ts";
 * import { key } from "../core/random.ts";
 * import { tensor } from "../core/create.ts";
 * import { exp } from "../ops/exp.ts";
 * const params = { a: tensor([0.1, 0.2], { dtype: "f64" }), b: tensor([0.3], { dtype: "f64" }) };
 * const options: DirectionalCheckOptions = { probes: 5, key: key(42), paths: ["b"] };
 * const result = directionalCheck((p: typeof params) => exp(p.b), params, options);
 * assert.equal(result.entries, 1);
 * assert.equal(result.probes.length, 5);
 * ```
 */
export interface DirectionalCheckOptions {
  /** The step ε of the differences along `t`; 1e-6 when absent (float64, central differences). */
  readonly epsilon?: number;
  /** How many random (t, c) pairs to test; 3 when absent. */
  readonly probes?: number;
  /** Where the directions come from; `key(0)` when absent, so a check is reproducible. */
  readonly key?: PRNGKey;
  /**
   * Perturb only the leaves at these paths (such as `["layers[0].w"]`); every
   * leaf when absent. Narrows a failing check down to the parameter at fault.
   */
  readonly paths?: readonly string[];
}

/**
 * The two sides of `⟨J·t, c⟩ = ⟨t, Jᵀ·c⟩` for one random pair.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { directionalCheck } from "./directional.ts";
 * import type { DirectionalProbe } from "./directional.ts";
 * import { tensor } from "../core/create.ts";
 * import { exp } from "../ops/exp.ts";
 * const x = tensor([0.5, -0.5], { dtype: "f64" });
 * const [probe]: readonly DirectionalProbe[] = directionalCheck((p: typeof x) => exp(p), x).probes;
 * assert.ok(Math.abs(probe.analytic - probe.numeric) < 1e-8 * Math.abs(probe.analytic));
 * ```
 */
export interface DirectionalProbe {
  /** `⟨t, Jᵀ·c⟩`, from the pullback of `vjp`. */
  readonly analytic: number;
  /** `(⟨f(θ+εt), c⟩ − ⟨f(θ−εt), c⟩) / 2ε`. */
  readonly numeric: number;
}

/**
 * The outcome of a directional check.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { directionalCheck } from "./directional.ts";
 * import type { DirectionalCheckResult } from "./directional.ts";
 * import { tensor } from "../core/create.ts";
 * import { exp } from "../ops/exp.ts";
 * const x = tensor([[0.5, -0.5]], { dtype: "f64" });
 * const result: DirectionalCheckResult = directionalCheck((p: typeof x) => exp(p), x);
 * assert.equal(result.verdict, "fine");
 * assert.equal(result.entries, 2);
 * ```
 */
export interface DirectionalCheckResult {
  /**
   * `‖a − n‖₂ / (‖a‖₂ + ‖n‖₂)` over the probes' analytic values `a` and
   * numeric values `n` (the course's formula, over probes instead of entries;
   * 0 when both vanish).
   */
  readonly relativeError: number;
  /** `‖a − n‖₂`: tells roundoff from a bug where both sides vanish. */
  readonly absoluteError: number;
  /** The course's reading of `relativeError`: ≈1e-7 fine, ≈1e-5 inspect, ≥1e-3 bug. */
  readonly verdict: Verdict;
  /** Each probe's two sides. */
  readonly probes: readonly DirectionalProbe[];
  /** How many parameter entries the directions moved. */
  readonly entries: number;
}

function dims(x: AnyTensor): readonly number[] {
  return x.shape as readonly number[];
}

function checkOptions(op: string, epsilon: number, probes: number): void {
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new RangeError(`${op}: epsilon must be a positive finite number, got ${epsilon}`);
  }
  if (!Number.isSafeInteger(probes) || probes < 1) {
    throw new RangeError(`${op}: probes must be a positive integer, got ${probes}`);
  }
}

/** A random direction like `theta`, zero outside the leaves at `paths`. */
function directionLike<P extends ParamTree<P>>(
  theta: P,
  k: PRNGKey,
  paths: readonly string[] | undefined,
): P {
  const direction = randomTreeLike(theta, k);
  if (paths === undefined) return direction;
  return treeMap(
    direction,
    (leaf, path) =>
      paths.includes(path) ? leaf : new Tensor(dims(leaf), "f64", new Float64Array(leaf.size)),
  );
}

/**
 * Checks `vjp` of `f` at `params` along random directions: for each probe,
 * `⟨t, Jᵀ·c⟩` from the pullback against two-sided differences of
 * `⟨f(θ ± εt), c⟩`, with `t` and `c` standard normal. Runs in float64 (the
 * params are copied to f64 first); `f` may return a tensor of any shape. Use
 * it where {@link gradCheck}'s one-entry-at-a-time differences cost too much.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { directionalCheck } from "./directional.ts";
 * import { randomNormal } from "../core/sample.ts";
 * import { key } from "../core/random.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * import { matmul } from "../ops/matmul.ts";
 * import { exp } from "../ops/exp.ts";
 * const x = randomNormal(key(1), [32, 64], { dtype: "f64", std: 0.1 });
 * const w = randomNormal(key(2), [64, 16], { dtype: "f64", std: 0.1 });
 * const layer = (p: { x: Tensor<[32, 64], "f64">; w: Tensor<[64, 16], "f64"> }) =>
 *   exp(matmul(p.x, p.w));
 * const result = directionalCheck(layer, { x, w });
 * assert.equal(result.entries, 32 * 64 + 64 * 16);
 * assert.ok(result.relativeError < 1e-7);
 * ```
 */
export function directionalCheck<P extends ParamTree<P>>(
  f: (params: P) => Tensor<Shape, DType>,
  params: P,
  options?: DirectionalCheckOptions,
): DirectionalCheckResult {
  const epsilon = options?.epsilon ?? 1e-6;
  const probeCount = options?.probes ?? 3;
  checkOptions("directionalCheck", epsilon, probeCount);
  const theta = toF64(params);
  const paths = options?.paths;
  if (paths !== undefined) {
    const known = new Set(treeLeaves(theta).map(({ path }) => path));
    const unknown = paths.filter((path) => !known.has(path));
    if (unknown.length > 0) {
      throw new RangeError(
        `directionalCheck: no leaf at ${unknown.join(", ")}; the leaves are ${
          [...known].join(", ")
        }`,
      );
    }
  }
  const [output, pullback] = vjp(f, theta);
  const root = options?.key ?? key(0);
  const probes: DirectionalProbe[] = [];
  for (let probe = 0; probe < probeCount; probe++) {
    const [directionKey, covectorKey] = split(foldIn(root, probe));
    const direction = directionLike(theta, directionKey, paths);
    const covector = randomNormal(covectorKey, dims(output), { dtype: "f64" }) as AnyTensor;
    const cotangents = pullback(covector as Tensor<Shape, DType>);
    const analytic = treeInnerProduct(toF64(cotangents), direction);
    const plus = innerProduct(f(stepAlong(theta, epsilon, direction)), covector);
    const minus = innerProduct(f(stepAlong(theta, -epsilon, direction)), covector);
    probes.push({ analytic, numeric: (plus - minus) / (2 * epsilon) });
  }
  const analytic = probes.map((p) => p.analytic);
  const numeric = probes.map((p) => p.numeric);
  const error = relativeError(analytic, numeric);
  const absoluteError = Math.hypot(...analytic.map((a, k) => a - numeric[k]));
  const entries = treeLeaves(theta)
    .filter(({ path }) => paths === undefined || paths.includes(path))
    .reduce((count, { leaf }) => count + leaf.size, 0);
  return { relativeError: error, absoluteError, verdict: verdictOf(error), probes, entries };
}

/**
 * `θ ↦ ⟨∇f(θ), v⟩`: the gradient of a scalar `f` paired with a fixed tree
 * `v` (same structure and dtype as the params). Its own gradient is the
 * Hessian-vector product `H·v`, so checking it checks `f` at order 2 (grad
 * of grad).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gradientAlong } from "./directional.ts";
 * import { grad } from "../core/autodiff.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * import { mul } from "../ops/mul.ts";
 * import { sum } from "../ops/sum.ts";
 * // f(x) = Σ x³: ∇f = 3x², H = diag(6x), H·v = 6x·v.
 * const f = (x: Tensor<[2], "f64">) => sum(mul(mul(x, x), x));
 * const v = tensor([1, 10], { dtype: "f64" });
 * const hv = grad(gradientAlong(f, v))(tensor([2, 3], { dtype: "f64" }));
 * assert.deepEqual(hv.toArray(), [12, 180]);
 * ```
 */
export function gradientAlong<P extends ParamTree<P>, D extends DType>(
  f: (params: P) => Tensor<[], D>,
  vector: P,
): (params: P) => Tensor<[], D> {
  const vectorLeaves = treeLeaves(vector);
  const gradient = grad(f);
  return (params: P): Tensor<[], D> => {
    const gradientLeaves = treeLeaves(gradient(params));
    if (gradientLeaves.length !== vectorLeaves.length) {
      throw new RangeError(
        `gradientAlong: the vector has ${vectorLeaves.length} leaves, the params ${gradientLeaves.length}`,
      );
    }
    let total: AnyTensor | undefined;
    gradientLeaves.forEach(({ leaf }, index) => {
      const term: AnyTensor = sum(mul(leaf, vectorLeaves[index].leaf as typeof leaf));
      total = total === undefined ? term : add(total, term);
    });
    if (total === undefined) throw new RangeError("gradientAlong: the params have no leaves");
    return total as Tensor<[], D>;
  };
}

/**
 * Options of {@link hessianVectorCheck}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hessianVectorCheck } from "./directional.ts";
 * import type { HessianVectorCheckOptions } from "./directional.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * import { exp } from "../ops/exp.ts";
 * import { sum } from "../ops/sum.ts";
 * type X = Tensor<[2], "f64">;
 * const options: HessianVectorCheckOptions<X> = { vector: tensor([1, 0], { dtype: "f64" }) };
 * const result = hessianVectorCheck((x: X) => sum(exp(x)), tensor([0.2, 0.4], { dtype: "f64" }), options);
 * assert.ok(result.relativeError < 1e-6);
 * ```
 */
export interface HessianVectorCheckOptions<P> extends DirectionalCheckOptions {
  /** The fixed `v` of `θ ↦ ⟨∇f(θ), v⟩`; standard normal (from `key`) when absent. */
  readonly vector?: P;
}

/**
 * The order-2 check: {@link directionalCheck} applied to
 * `θ ↦ ⟨∇f(θ), v⟩` for a scalar `f`, comparing the Hessian-vector product
 * `⟨t, H·v⟩` (grad of grad) with differences of analytic gradients
 * `⟨∇f(θ+εt) − ∇f(θ−εt), v⟩ / 2ε`. Differences of an analytic gradient keep
 * fewer digits than differences of a value: expect about 1e-9 in f64 where
 * the first order reaches 1e-10, and judge against ~1e-6.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hessianVectorCheck } from "./directional.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * import { exp } from "../ops/exp.ts";
 * import { mul } from "../ops/mul.ts";
 * import { sum } from "../ops/sum.ts";
 * const f = (x: Tensor<[3], "f64">) => sum(exp(mul(x, x)));
 * const result = hessianVectorCheck(f, tensor([0.3, -0.2, 0.5], { dtype: "f64" }));
 * assert.ok(result.relativeError < 1e-6);
 * ```
 */
export function hessianVectorCheck<P extends ParamTree<P>>(
  f: (params: P) => Tensor<[], DType>,
  params: P,
  options?: HessianVectorCheckOptions<P>,
): DirectionalCheckResult {
  const theta = toF64(params);
  const [vectorKey, directionKey] = split(options?.key ?? key(0));
  const vector = options?.vector === undefined
    ? randomTreeLike(theta, vectorKey)
    : toF64(options.vector);
  const { vector: _, ...rest } = options ?? {};
  return directionalCheck(gradientAlong(f, vector), theta, { ...rest, key: directionKey });
}
