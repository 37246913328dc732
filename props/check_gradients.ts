/**
 * `checkGradients`: a fast-check property for users' own tests — for every
 * generated parameter tree, the function's gradient must pass the gradient
 * check.
 *
 * @module
 */
import fc from "fast-check";
import type { Arbitrary, IPropertyWithHooks } from "fast-check";
import type { DType, Tensor } from "../core/tensor.ts";
import type { ParamTree } from "../core/tree.ts";
import type { AssessOptions } from "./assess_gradients.ts";
import { assessGradients } from "./assess_gradients.ts";

/**
 * Options of {@link checkGradients}: those of {@link assessGradients}.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { checkGradients } from "./check_gradients.ts";
 * import type { CheckGradientsOptions } from "./check_gradients.ts";
 * import { tensorArbitrary } from "./arbitraries.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * import { exp } from "../ops/exp.ts";
 * import { sum } from "../ops/sum.ts";
 * const options: CheckGradientsOptions = { tolerance: 1e-8, order: 2 };
 * const f = (x: Tensor<[4], "f64">) => sum(exp(x));
 * fc.assert(checkGradients(f, tensorArbitrary([4]), options), { seed: 1, numRuns: 5 });
 * ```
 */
export type CheckGradientsOptions = AssessOptions;

/**
 * A fast-check property: for params drawn from `arbitrary`, the gradient of
 * the scalar `fn` must agree with differences to a relative error ≤
 * `tolerance` (1e-7 by default) in float64 — by the full check up to
 * `directionalAbove` entries (256), by random directions above; with
 * `order: 2` the Hessian-vector products too (≤ 1e-6). A counterexample's
 * message names the relative error, the params' shapes and the worst entries
 * with their paths. Run it with `fc.assert` (and a fixed seed) inside
 * `Deno.test`.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { checkGradients } from "./check_gradients.ts";
 * import { treeArbitrary } from "./tree_arbitraries.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * import { exp } from "../ops/exp.ts";
 * import { matmul } from "../ops/matmul.ts";
 * import { sum } from "../ops/sum.ts";
 * type Params = { w: Tensor<[3, 2], "f64">; x: Tensor<[4, 3], "f64"> };
 * const loss = (p: Params) => sum(exp(matmul(p.x, p.w)));
 * fc.assert(checkGradients(loss, treeArbitrary({ w: [3, 2], x: [4, 3] })), {
 *   seed: 20261128,
 *   numRuns: 10,
 * });
 * ```
 */
export function checkGradients<P extends ParamTree<P>>(
  fn: (params: P) => Tensor<[], DType>,
  arbitrary: Arbitrary<P>,
  options?: CheckGradientsOptions,
): IPropertyWithHooks<[P]> {
  return fc.property(arbitrary, (params) => {
    const report = assessGradients(fn, params, options);
    if (!report.passed) throw new Error(report.message);
  });
}
