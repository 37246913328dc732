/**
 * Gradient descent with momentum, in the course's convention.
 *
 * @module
 */
import type { ParamTree } from "../../core/tree.ts";
import type { LearningRate, Optimizer, OptimizerStep, StateFamily } from "./optimizer.ts";
import { learningRateOf, stepLeaves, stepOf, unitInterval, zerosLike } from "./_leafwise.ts";

/** Options of {@link momentum}. */
export interface MomentumOptions {
  /** α: a number > 0, or a schedule (see {@link LearningRate}). */
  readonly learningRate: LearningRate;
  /** β, the decay of the velocity, in [0, 1); 0.9 when absent. */
  readonly beta?: number;
}

/** The state of {@link momentum} for params `P`: the velocity, typed like `P`. */
export interface MomentumState<P> {
  /** Updates made so far. */
  readonly step: number;
  /** The velocity v, an exponentially weighted average of the gradients. */
  readonly v: P;
}

/** The state family of {@link momentum}: `StateFor<MomentumFamily, P>` is `MomentumState<P>`. */
export interface MomentumFamily extends StateFamily {
  /** The momentum state for `this["params"]`. */
  readonly state: MomentumState<this["params"]>;
}

/**
 * Momentum as the course writes it: v = β·v + (1 − β)·g, update −α·v, with v
 * starting at zero and no bias correction.
 *
 * PyTorch's `SGD(lr, momentum=β)` keeps v = β·v + g instead, a velocity
 * 1/(1 − β) times larger: it equals this optimiser with α = lr/(1 − β). So
 * with β = 0.9 the course's α = 0.1 matches PyTorch's lr = 0.01. (optax's
 * `sgd(momentum=β)` follows PyTorch.)
 *
 * The step runs as plain loops over each leaf's typed array and returns new
 * tensors of the params' dtype; v is stored in that dtype too.
 *
 * @throws {RangeError} when the learning rate is not a finite number > 0 or β is not in [0, 1).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { momentum } from "./momentum.ts";
 * import { tensor } from "../../core/create.ts";
 * const opt = momentum({ learningRate: 1, beta: 0.9 });
 * const params = { w: tensor([0], { dtype: "f64" }) };
 * const grads = { w: tensor([1], { dtype: "f64" }) };
 * const first = opt.update(grads, opt.init(params), params);
 * const second = opt.update(grads, first.state, params);
 * assert.ok(Math.abs(first.updates.w.data[0] + 0.1) < 1e-12); // v = 0.1
 * assert.ok(Math.abs(second.updates.w.data[0] + 0.19) < 1e-12); // v = 0.9·0.1 + 0.1
 * ```
 */
export function momentum(options: MomentumOptions): Optimizer<MomentumFamily> {
  const rate = learningRateOf("momentum", options?.learningRate);
  const beta = unitInterval("momentum", "beta", options.beta ?? 0.9);
  return {
    init<P extends ParamTree<P>>(params: P): MomentumState<P> {
      return { step: 0, v: zerosLike(params) };
    },
    update<P extends ParamTree<P>>(
      grads: P,
      state: MomentumState<P>,
      params: P,
    ): OptimizerStep<P, MomentumState<P>> {
      const step = stepOf("momentum", state);
      const alpha = rate(step);
      const [updates, v] = stepLeaves(
        "momentum",
        params,
        [["grads", grads], ["state.v", state.v]],
        2,
        ([g, v], [u, vOut]) => {
          for (let i = 0; i < g.length; i++) {
            const vi = beta * v[i] + (1 - beta) * g[i];
            vOut[i] = vi;
            u[i] = -alpha * vi;
          }
        },
      );
      return { updates, state: { step: step + 1, v } };
    },
  };
}
