/**
 * `takeStep`: one optimiser step, update and apply together.
 *
 * @module
 */
import type { ParamTree } from "../../core/tree.ts";
import type { Optimizer, StateFamily, StateFor, StepResult } from "./optimizer.ts";
import { applyUpdates } from "./optimizer.ts";

/** The arguments of {@link takeStep}. */
export interface StepInputs<P, S> {
  /** The gradient of the loss at `params`, typed like them. */
  readonly grads: P;
  /** The optimiser state from `init` or from the previous step. */
  readonly state: S;
  /** The params to move. */
  readonly params: P;
}

/**
 * The params and state after one step of `optimizer`: its fused `step` where
 * it has one (Adam does: one pass per leaf, no update tensors), else
 * `applyUpdates(params, optimizer.update(grads, state, params).updates)`.
 * The numbers are the same either way.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { takeStep } from "./take_step.ts";
 * import { adam } from "./adam.ts";
 * import { sgd } from "./sgd.ts";
 * import { tensor } from "../../core/create.ts";
 * const params = { w: tensor([1, 2]) };
 * const grads = { w: tensor([0.5, -0.5]) };
 * for (const optimizer of [adam({ learningRate: 0.1 }), sgd({ learningRate: 0.1 })]) {
 *   const next = takeStep(optimizer, { grads, state: optimizer.init(params), params });
 *   assert.ok(next.params.w.data[0] < 1 && next.params.w.data[1] > 2);
 *   assert.equal(next.state.step, 1);
 * }
 * ```
 */
export function takeStep<F extends StateFamily, P extends ParamTree<P>>(
  optimizer: Optimizer<F>,
  inputs: StepInputs<P, NoInfer<StateFor<F, P>>>,
): StepResult<P, StateFor<F, P>> {
  const { grads, state, params } = inputs;
  if (optimizer.step !== undefined) return optimizer.step(grads, state, params);
  const { updates, state: next } = optimizer.update(grads, state, params);
  return { params: applyUpdates(params, updates), state: next };
}
