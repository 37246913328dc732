/**
 * The optimiser interface: a pure state transition over parameter trees.
 *
 * An optimiser is built once from its hyperparameters (`adam({ learningRate:
 * 1e-3 })`) and works for params of any tree type `P`: `init(params)` gives
 * the state for those params, typed after them (Adam's is
 * `{ step: number; m: P; v: P }`), and `update(grads, state, params)` gives
 * the updates to add to the params and the next state. Nothing is mutated:
 * params, grads and states are immutable, and every step returns fresh
 * tensors. `applyUpdates` adds the updates, as optax's `apply_updates` does.
 *
 * @module
 */
import type { Shape } from "../../core/shape.ts";
import type { DType, Tensor } from "../../core/tensor.ts";
import type { ParamTree } from "../../core/tree.ts";
import { treeZip } from "../../core/tree.ts";
import { add } from "../../ops/add.ts";

/**
 * A state type that depends on the params type. An optimiser declares one as
 * an interface whose `state` reads `this["params"]`:
 * `interface AdamFamily extends StateFamily { readonly state: AdamState<this["params"]> }`;
 * {@link StateFor} sets `params` and reads `state` back.
 */
export interface StateFamily {
  /** The params type the state is for; set by {@link StateFor}. */
  readonly params: unknown;
  /** The state type, written in terms of `this["params"]`. */
  readonly state: unknown;
}

/** The state of family `F` for params of type `P`: `StateFor<AdamFamily, P>` is `AdamState<P>`. */
export type StateFor<F extends StateFamily, P> = (F & { readonly params: P })["state"];

/** What one `update` returns: the updates to add to the params, and the next state. */
export interface OptimizerStep<P, S> {
  /** The change to each param, typed (and shaped) like the params. */
  readonly updates: P;
  /** The state for the next call. */
  readonly state: S;
}

/**
 * An optimiser whose state for params `P` is `StateFor<F, P>`. Both methods
 * are pure: they read their arguments and return new tensors.
 */
export interface Optimizer<F extends StateFamily> {
  /** The state for fresh params: step 0, every moment zero. */
  init<P extends ParamTree<P>>(params: P): StateFor<F, P>;
  /**
   * The updates for `grads` (the gradient of the loss at `params`, typed like
   * them) and the next state. Add the updates with {@link applyUpdates}.
   */
  update<P extends ParamTree<P>>(
    grads: P,
    state: StateFor<F, P>,
    params: P,
  ): OptimizerStep<P, StateFor<F, P>>;
  /**
   * Optional: `update` and `applyUpdates` fused, the new params and state in
   * one pass without materialising the updates; the same numbers as the two
   * calls. Call it through `takeStep`, which falls back to them.
   */
  step?<P extends ParamTree<P>>(
    grads: P,
    state: StateFor<F, P>,
    params: P,
  ): StepResult<P, StateFor<F, P>>;
}

/** What a whole step returns: the new params and the next state. */
export interface StepResult<P, S> {
  /** The params after the step. */
  readonly params: P;
  /** The state for the next step. */
  readonly state: S;
}

/**
 * A learning-rate schedule over update steps: called with the number of
 * updates made before this one (0 on the first call of `update`), it returns
 * the learning rate of this update.
 */
export type StepSchedule = (step: number) => number;

/**
 * A schedule over epochs, stepped by the optimiser: the update after `n`
 * earlier updates uses `schedule(Math.floor(n / stepsPerEpoch))`, so epoch 0
 * covers the first `stepsPerEpoch` updates. With `fit`, `stepsPerEpoch` is
 * the number of mini-batches per epoch, `Math.ceil(rows / batchSize)` (or
 * `Math.floor` with `dropLast`).
 */
export interface EpochSchedule {
  /** The learning rate as a function of the epoch, from 0 (see `schedules.ts`). */
  readonly schedule: (epoch: number) => number;
  /** Updates per epoch; a positive integer. */
  readonly stepsPerEpoch: number;
}

/**
 * A learning rate: a constant (a positive finite number), a function of the
 * update step, or a function of the epoch with the number of steps per epoch.
 * A schedule's values must be finite and non-negative (0 is allowed, as at
 * the start of a warm-up).
 */
export type LearningRate = number | StepSchedule | EpochSchedule;

type AnyTensor = Tensor<Shape, DType>;

/**
 * `params + updates`, leaf by leaf, with the `add` op (so it is recorded
 * when it runs under a transform). The trees must have one structure, shapes
 * and dtypes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { applyUpdates } from "./optimizer.ts";
 * import { sgd } from "./sgd.ts";
 * import { fromArray } from "../../core/create.ts";
 * const opt = sgd({ learningRate: 0.5 });
 * let params = { w: fromArray([1, 2], [2]), b: fromArray([3], [1]) };
 * const grads = { w: fromArray([2, 2], [2]), b: fromArray([-2], [1]) };
 * const { updates } = opt.update(grads, opt.init(params), params);
 * params = applyUpdates(params, updates);
 * assert.deepEqual(Array.from(params.w.data), [0, 1]);
 * assert.deepEqual(Array.from(params.b.data), [4]);
 * ```
 */
export function applyUpdates<P extends ParamTree<P>>(params: P, updates: NoInfer<P>): P {
  return treeZip(params, updates, (p: AnyTensor, u: AnyTensor) => add(p, u));
}
