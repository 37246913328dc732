/**
 * Plain gradient descent.
 *
 * @module
 */
import type { ParamTree } from "../../core/tree.ts";
import type { LearningRate, Optimizer, OptimizerStep, StateFamily } from "./optimizer.ts";
import { learningRateOf, leavesOf, stepLeaves, stepOf } from "./_leafwise.ts";

/** Options of {@link sgd}. */
export interface SgdOptions {
  /** α: a number > 0, or a schedule (see {@link LearningRate}). */
  readonly learningRate: LearningRate;
}

/** The state of {@link sgd}: only the number of updates made (for schedules). */
export interface SgdState {
  /** Updates made so far. */
  readonly step: number;
}

/** The state family of {@link sgd}: the same `SgdState` for every params type. */
export interface SgdFamily extends StateFamily {
  /** `SgdState`, whatever the params. */
  readonly state: SgdState;
}

/**
 * Gradient descent: the update is −α·g, leaf by leaf (the course's
 * `W = W − α·dW`; PyTorch's `torch.optim.SGD` without momentum, optax's
 * `sgd`). Mini-batch or full-batch is up to the caller.
 *
 * The step runs as a plain loop over each leaf's typed array and returns new
 * tensors of the params' dtype.
 *
 * @throws {RangeError} when the learning rate is not a finite number > 0.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sgd } from "./sgd.ts";
 * import { applyUpdates } from "./optimizer.ts";
 * import { tensor } from "../../core/create.ts";
 * const opt = sgd({ learningRate: 0.1 });
 * let params = { w: tensor([1, 2], { dtype: "f64" }) };
 * const state = opt.init(params);
 * const grads = { w: tensor([10, -10], { dtype: "f64" }) };
 * const { updates, state: next } = opt.update(grads, state, params);
 * params = applyUpdates(params, updates);
 * assert.deepEqual(Array.from(params.w.data), [0, 3]);
 * assert.equal(next.step, 1);
 * ```
 */
export function sgd(options: SgdOptions): Optimizer<SgdFamily> {
  const rate = learningRateOf("sgd", options?.learningRate);
  return {
    init<P extends ParamTree<P>>(params: P): SgdState {
      leavesOf(params); // checks that params is a tree of tensors
      return { step: 0 };
    },
    update<P extends ParamTree<P>>(
      grads: P,
      state: SgdState,
      params: P,
    ): OptimizerStep<P, SgdState> {
      const step = stepOf("sgd", state);
      const alpha = rate(step);
      const [updates] = stepLeaves("sgd", params, [["grads", grads]], 1, ([g], [u]) => {
        for (let i = 0; i < g.length; i++) u[i] = -alpha * g[i];
      });
      return { updates, state: { step: step + 1 } };
    },
  };
}
