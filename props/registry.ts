/**
 * An OpInfo-like registry of shapeflow's differentiable ops (after PyTorch's
 * `OpInfo`): for each op, a generator of float64 inputs inside its domain and
 * away from its kinks, its tolerances, whether its second derivative is worth
 * checking (and why not when it is not), and calls that must throw a
 * `ShapeError`. `props/ops_suite_test.ts` sweeps it; users can sweep it too.
 *
 * @module
 */
import type { Arbitrary } from "fast-check";
import type { Shape } from "../core/shape.ts";
import type { Tensor } from "../core/tensor.ts";
import type { ValueOptions } from "./arbitraries.ts";
import { elementwiseOps } from "./_registry_elementwise.ts";
import { reductionOps } from "./_registry_reductions.ts";
import { linearOps } from "./_registry_linear.ts";
import { lossOps } from "./_registry_losses.ts";
import { windowOps } from "./_registry_windows.ts";

/**
 * The differentiated inputs of one call: float64 tensors of run-time shapes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { opRegistry } from "./registry.ts";
 * import type { Inputs } from "./registry.ts";
 * const matmul = opRegistry.find((op) => op.name === "matmul")!;
 * const inputs: Inputs = fc.sample(matmul.sample, { seed: 1, numRuns: 1 })[0].inputs;
 * assert.equal(inputs.length, 2);
 * assert.ok(inputs.every((x) => x.dtype === "f64"));
 * ```
 */
export type Inputs = readonly Tensor<number[], "f64">[];

/**
 * One generated call of an op.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { opRegistry } from "./registry.ts";
 * import type { OpSample } from "./registry.ts";
 * const exp = opRegistry.find((op) => op.name === "exp")!;
 * const [call]: OpSample[] = fc.sample(exp.sample, { seed: 1, numRuns: 1 });
 * assert.ok(String(call).startsWith("exp("));
 * assert.deepEqual(call.apply(call.inputs).shape, call.inputs[0].shape);
 * ```
 */
export interface OpSample {
  /** The call with its shapes and options, such as `sum([2, 3], {axis: 1})`. */
  readonly label: string;
  /** The inputs the gradient is checked with respect to. */
  readonly inputs: Inputs;
  /** Runs the op on `inputs` (options and non-differentiated operands are closed over). */
  readonly apply: (inputs: Inputs) => Tensor<Shape, "f64">;
  /** The label, so that fast-check prints it for a counterexample. */
  toString(): string;
}

/**
 * Where an op's inputs are drawn.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { opRegistry } from "./registry.ts";
 * import type { OpDomain } from "./registry.ts";
 * const domain: OpDomain = opRegistry.find((op) => op.name === "relu")!.domain;
 * assert.deepEqual(domain.inputs[0].awayFrom, [0]);
 * ```
 */
export interface OpDomain {
  /** In words: the domain and the kinks kept away from. */
  readonly description: string;
  /** The value options of each input, in order (empty where inputs are built otherwise). */
  readonly inputs: readonly ValueOptions[];
}

/**
 * Whether the second derivative is checked against a tolerance, or is zero
 * (a linear op) or zero away from kinks and undefined at them (piecewise
 * linear). Where it does not apply, the suite still runs the order-2 check
 * and expects exact agreement: a Hessian-vector product of exactly zero.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { opRegistry } from "./registry.ts";
 * import type { SecondOrder } from "./registry.ts";
 * const orders: SecondOrder[] = opRegistry.map((op) => op.secondOrder);
 * assert.ok(orders.some((o) => o.applies) && orders.some((o) => !o.applies));
 * ```
 */
export type SecondOrder =
  | { readonly applies: true; readonly tolerance: number }
  | { readonly applies: false; readonly reason: string };

/**
 * A call that must throw a `ShapeError` with a message matching `message`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { opRegistry } from "./registry.ts";
 * import type { ErrorInput } from "./registry.ts";
 * import { ShapeError } from "../core/errors.ts";
 * const [input]: readonly ErrorInput[] = opRegistry.find((op) => op.name === "matmul")!.errorInputs;
 * assert.throws(input.call, (error: unknown) => error instanceof ShapeError && input.message.test(error.message));
 * ```
 */
export interface ErrorInput {
  /** What is wrong with the call. */
  readonly description: string;
  /** The call. */
  readonly call: () => unknown;
  /** What the error message must say: the op, the shapes, the axis. */
  readonly message: RegExp;
}

/**
 * One differentiable op and how to test it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { opRegistry } from "./registry.ts";
 * import type { OpInfo } from "./registry.ts";
 * const softmax: OpInfo = opRegistry.find((op) => op.name === "softmax")!;
 * assert.equal(softmax.tolerance, 1e-7);
 * assert.ok(softmax.secondOrder.applies);
 * ```
 */
export interface OpInfo {
  /** The exported name, such as `logSoftmax`. */
  readonly name: string;
  /** Float64 calls inside the domain, small enough for a full gradient check. */
  readonly sample: Arbitrary<OpSample>;
  /** Where the inputs are drawn. */
  readonly domain: OpDomain;
  /** Largest first-order relative error allowed (1e-7). */
  readonly tolerance: number;
  /** The second-order check's tolerance, or why it does not apply. */
  readonly secondOrder: SecondOrder;
  /** Calls that must throw a `ShapeError`. */
  readonly errorInputs: readonly ErrorInput[];
}

/**
 * Every differentiable op of shapeflow with its sample generator, domain,
 * tolerances and error inputs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { opRegistry } from "./registry.ts";
 * import { gradCheck } from "./grad_check.ts";
 * import { sum } from "../ops/sum.ts";
 * const log = opRegistry.find((op) => op.name === "log")!;
 * assert.ok(log.domain.inputs[0].positive);
 * const [call] = fc.sample(log.sample, { seed: 1, numRuns: 1 });
 * const result = gradCheck((inputs: typeof call.inputs) => sum(call.apply(inputs)), call.inputs);
 * assert.ok(result.relativeError <= log.tolerance);
 * ```
 */
export const opRegistry: readonly OpInfo[] = [
  ...elementwiseOps,
  ...reductionOps,
  ...linearOps,
  ...lossOps,
  ...windowOps,
];
