/**
 * Adam: momentum and RMSprop together, with bias correction.
 *
 * @module
 */
import type { ParamTree } from "../../core/tree.ts";
import { treeLeaves } from "../../core/tree.ts";
import { isTraced } from "../../core/trace.ts";
import type {
  LearningRate,
  Optimizer,
  OptimizerStep,
  StateFamily,
  StepResult,
} from "./optimizer.ts";
import { applyUpdates } from "./optimizer.ts";
import {
  learningRateOf,
  positive,
  stepLeaves,
  stepOf,
  unitInterval,
  zerosLike,
} from "./_leafwise.ts";
import type { AdamCoefficients } from "./_adam_kernel.ts";
import { adamKernel } from "./_adam_kernel.ts";

/** Options of {@link adam}. */
export interface AdamOptions {
  /** α: a number > 0, or a schedule (see {@link LearningRate}); 1e-3 when absent. */
  readonly learningRate?: LearningRate;
  /** β1, the decay of the first moment, in [0, 1); 0.9 when absent. */
  readonly beta1?: number;
  /** β2, the decay of the second moment, in [0, 1); 0.999 when absent. */
  readonly beta2?: number;
  /** ε > 0, added to √v̂ in the denominator; 1e-8 when absent. */
  readonly epsilon?: number;
}

/** Adam's state for params `P`: the updates made so far and both moments, typed like `P`. */
export interface AdamState<P> {
  /** Updates made so far (t − 1 during update t). */
  readonly step: number;
  /** The first moment m, an exponentially weighted average of the gradients. */
  readonly m: P;
  /** The second moment v, an exponentially weighted average of the squared gradients. */
  readonly v: P;
}

/** The state family of {@link adam}: `StateFor<AdamFamily, P>` is `AdamState<P>`. */
export interface AdamFamily extends StateFamily {
  /** Adam's state for `this["params"]`. */
  readonly state: AdamState<this["params"]>;
}

/**
 * Adam (Kingma and Ba, 2015). At update t (from 1), per element:
 * m = β1·m + (1 − β1)·g, v = β2·v + (1 − β2)·g², m̂ = m/(1 − β1ᵗ),
 * v̂ = v/(1 − β2ᵗ), and the update is −α·m̂/(√v̂ + ε). The bias correction
 * makes the first update −α·g/(|g| + ε): about α in size whatever the scale
 * of the gradient. Same as PyTorch's `torch.optim.Adam` and optax's `adam`
 * (ε outside the square root, no weight decay).
 *
 * The update runs as one fused pass per leaf (WebAssembly SIMD for large
 * f32 leaves, a plain loop otherwise; it is never differentiated, so it
 * records nothing) and returns new tensors of the params' dtype; the
 * moments are stored in that dtype too. `step` (through `takeStep`) also
 * adds the update to the params in that pass, without update tensors.
 *
 * @throws {RangeError} when α is not a finite number > 0, β1 or β2 is not in
 * [0, 1), or ε is not a finite number > 0.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adam } from "./adam.ts";
 * import { applyUpdates } from "./optimizer.ts";
 * import { fromArray } from "../../core/create.ts";
 * const opt = adam({ learningRate: 0.1 });
 * let params = { w: fromArray([1, -2], [2]) };
 * let state = opt.init(params);
 * const grads = { w: fromArray([1000, -0.001], [2]) };
 * const { updates, state: next } = opt.update(grads, state, params);
 * params = applyUpdates(params, updates);
 * state = next;
 * assert.equal(state.step, 1);
 * assert.ok(Math.abs(updates.w.data[0] + 0.1) < 1e-6); // about −α, whatever the scale
 * assert.ok(Math.abs(updates.w.data[1] - 0.1) < 1e-4);
 * ```
 */
export function adam(options: AdamOptions = {}): Optimizer<AdamFamily> {
  const rate = learningRateOf("adam", options.learningRate ?? 1e-3);
  const beta1 = unitInterval("adam", "beta1", options.beta1 ?? 0.9);
  const beta2 = unitInterval("adam", "beta2", options.beta2 ?? 0.999);
  const epsilon = positive("adam", "epsilon", options.epsilon ?? 1e-8);
  /** The update number t and the kernel's coefficients for a state. */
  function coefficientsAt(state: unknown): [number, AdamCoefficients] {
    const step = stepOf("adam", state);
    const alpha = rate(step);
    const t = step + 1;
    const stepScale = -alpha / (1 - beta1 ** t);
    return [t, { beta1, beta2, stepScale, vScale: 1 / (1 - beta2 ** t), epsilon }];
  }
  const optimizer: Optimizer<AdamFamily> = {
    init<P extends ParamTree<P>>(params: P): AdamState<P> {
      return { step: 0, m: zerosLike(params), v: zerosLike(params) };
    },
    update<P extends ParamTree<P>>(
      grads: P,
      state: AdamState<P>,
      params: P,
    ): OptimizerStep<P, AdamState<P>> {
      const [t, coefficients] = coefficientsAt(state);
      const [updates, m, v] = stepLeaves(
        "adam",
        params,
        [["grads", grads], ["state.m", state.m], ["state.v", state.v]],
        3,
        ([g, m, v], [u, mOut, vOut]) => adamKernel(g, m, v, u, mOut, vOut, coefficients),
      );
      return { updates, state: { step: t, m, v } };
    },
    step<P extends ParamTree<P>>(
      grads: P,
      state: AdamState<P>,
      params: P,
    ): StepResult<P, AdamState<P>> {
      if (isTraced(treeLeaves(params).map(({ leaf }) => leaf))) {
        // A transform differentiates through the step: `applyUpdates` records the addition.
        const { updates, state: next } = optimizer.update(grads, state, params);
        return { params: applyUpdates(params, updates), state: next };
      }
      const [t, coefficients] = coefficientsAt(state);
      const [next, m, v] = stepLeaves(
        "adam",
        params,
        [["grads", grads], ["state.m", state.m], ["state.v", state.v], ["params", params]],
        3,
        ([g, m, v, p], [out, mOut, vOut]) =>
          adamKernel(g, m, v, out, mOut, vOut, coefficients, { params: p }),
      );
      return { params: next, state: { step: t, m, v } };
    },
  };
  return optimizer;
}
