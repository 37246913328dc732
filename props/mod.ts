/**
 * shapeflow's gradient checking, as a product feature: the course's full
 * check (`gradCheck`), random-direction checks for large inputs and for
 * Hessian-vector products, a fast-check property to drop into your own
 * tests (`checkGradients`), arbitraries for shapes, tensors, convolution
 * configurations and parameter trees, and the registry of every
 * differentiable op with its domain and tolerances.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { checkGradients, treeArbitrary } from "./mod.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * import { matmul } from "../ops/matmul.ts";
 * import { sigmoid } from "../ops/sigmoid.ts";
 * import { sum } from "../ops/sum.ts";
 * type Params = { w: Tensor<[3, 2], "f64">; x: Tensor<[5, 3], "f64"> };
 * const loss = (p: Params) => sum(sigmoid(matmul(p.x, p.w)));
 * fc.assert(checkGradients(loss, treeArbitrary({ w: [3, 2], x: [5, 3] }), { order: 2 }), {
 *   seed: 1,
 *   numRuns: 10,
 * });
 * ```
 *
 * @module
 */
export type { GradCheckOptions, GradCheckResult, GradEntry, Verdict } from "./grad_check.ts";
export { gradCheck, verdictOf } from "./grad_check.ts";
export type {
  DirectionalCheckOptions,
  DirectionalCheckResult,
  DirectionalProbe,
  HessianVectorCheckOptions,
} from "./directional.ts";
export { directionalCheck, gradientAlong, hessianVectorCheck } from "./directional.ts";
export type { AssessOptions, GradientAssessment, OrderAssessment } from "./assess_gradients.ts";
export { assessGradients } from "./assess_gradients.ts";
export type { CheckGradientsOptions } from "./check_gradients.ts";
export { checkGradients } from "./check_gradients.ts";
export type { ShapeOptions, TensorOptions, ValueOptions } from "./arbitraries.ts";
export { broadcastPairArbitrary, shapeArbitrary, tensorArbitrary } from "./arbitraries.ts";
export type {
  ConvConfig,
  PoolConfig,
  WindowConfigOptions,
  WindowPadding,
} from "./window_arbitraries.ts";
export {
  convConfigArbitrary,
  poolConfigArbitrary,
  windowOutputSize,
} from "./window_arbitraries.ts";
export type {
  AnyTree,
  Named,
  ParamTreeOptions,
  ShapeTree,
  TensorTree,
} from "./tree_arbitraries.ts";
export { paramTreeArbitrary, treeArbitrary } from "./tree_arbitraries.ts";
export type { ErrorInput, Inputs, OpDomain, OpInfo, OpSample, SecondOrder } from "./registry.ts";
export { opRegistry } from "./registry.ts";
