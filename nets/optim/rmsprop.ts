/**
 * RMSprop: gradient steps scaled by a running root mean square.
 *
 * @module
 */
import type { ParamTree } from "../../core/tree.ts";
import type { LearningRate, Optimizer, OptimizerStep, StateFamily } from "./optimizer.ts";
import {
  learningRateOf,
  positive,
  stepLeaves,
  stepOf,
  unitInterval,
  zerosLike,
} from "./_leafwise.ts";

/** Options of {@link rmsprop}. */
export interface RmspropOptions {
  /** α: a number > 0, or a schedule (see {@link LearningRate}). */
  readonly learningRate: LearningRate;
  /** β2, the decay of the mean square, in [0, 1); 0.999 when absent. */
  readonly beta2?: number;
  /** ε > 0, added to √s in the denominator; 1e-8 when absent. */
  readonly epsilon?: number;
}

/** The state of {@link rmsprop} for params `P`: the mean square, typed like `P`. */
export interface RmspropState<P> {
  /** Updates made so far. */
  readonly step: number;
  /** s, an exponentially weighted average of the squared gradients. */
  readonly s: P;
}

/** The state family of {@link rmsprop}: `StateFor<RmspropFamily, P>` is `RmspropState<P>`. */
export interface RmspropFamily extends StateFamily {
  /** The RMSprop state for `this["params"]`. */
  readonly state: RmspropState<this["params"]>;
}

/**
 * RMSprop as the course writes it: s = β2·s + (1 − β2)·g², update
 * −α·g/(√s + ε), with s starting at zero and no bias correction. So the first
 * update is about α/√(1 − β2) in size (≈ 31.6·α for β2 = 0.999), shrinking
 * towards α·g/rms(g) as s fills up. Same formula as PyTorch's
 * `RMSprop(lr=α, alpha=β2, eps=ε)` (whose default β2 is 0.99).
 *
 * The step runs as plain loops over each leaf's typed array and returns new
 * tensors of the params' dtype; s is stored in that dtype too.
 *
 * @throws {RangeError} when the learning rate or ε is not a finite number > 0, or β2 is
 * not in [0, 1).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rmsprop } from "./rmsprop.ts";
 * import { tensor } from "../../core/create.ts";
 * const opt = rmsprop({ learningRate: 0.01, beta2: 0.99 });
 * const params = { w: tensor([0, 0], { dtype: "f64" }) };
 * const grads = { w: tensor([100, -0.01], { dtype: "f64" }) };
 * const { updates } = opt.update(grads, opt.init(params), params);
 * // s = 0.01·g², so each update is −α·g/|g|/√0.01 = ∓0.1, whatever the scale
 * assert.ok(Math.abs(updates.w.data[0] + 0.1) < 1e-9);
 * assert.ok(Math.abs(updates.w.data[1] - 0.1) < 1e-6);
 * ```
 */
export function rmsprop(options: RmspropOptions): Optimizer<RmspropFamily> {
  const rate = learningRateOf("rmsprop", options?.learningRate);
  const beta2 = unitInterval("rmsprop", "beta2", options.beta2 ?? 0.999);
  const epsilon = positive("rmsprop", "epsilon", options.epsilon ?? 1e-8);
  return {
    init<P extends ParamTree<P>>(params: P): RmspropState<P> {
      return { step: 0, s: zerosLike(params) };
    },
    update<P extends ParamTree<P>>(
      grads: P,
      state: RmspropState<P>,
      params: P,
    ): OptimizerStep<P, RmspropState<P>> {
      const step = stepOf("rmsprop", state);
      const alpha = rate(step);
      const [updates, s] = stepLeaves(
        "rmsprop",
        params,
        [["grads", grads], ["state.s", state.s]],
        2,
        ([g, s], [u, sOut]) => {
          for (let i = 0; i < g.length; i++) {
            const gi = g[i];
            const si = beta2 * s[i] + (1 - beta2) * gi * gi;
            sOut[i] = si;
            u[i] = (-alpha * gi) / (Math.sqrt(si) + epsilon);
          }
        },
      );
      return { updates, state: { step: step + 1, s } };
    },
  };
}
