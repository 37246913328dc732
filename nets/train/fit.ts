/**
 * `fit`: the training loop as an async iterator. Each step draws the next
 * mini-batch of a seeded shuffle, takes the loss and its gradient, and lets
 * the optimiser move the params; the caller decides what to show and when to
 * stop (early stopping, evaluation on a dev set). A model with state (batch
 * norm's running statistics) threads it through the steps beside the params.
 *
 * @module
 */
import type { DType } from "../../core/tensor.ts";
import { Tensor } from "../../core/tensor.ts";
import type { Shape } from "../../core/shape.ts";
import type { ParamTree } from "../../core/tree.ts";
import type { PRNGKey } from "../../core/random.ts";
import { foldIn } from "../../core/random.ts";
import { valueAndGrad } from "../../core/autodiff.ts";
import type { Optimizer, StateFamily, StateFor } from "../optim/optimizer.ts";
import { takeStep } from "../optim/take_step.ts";
import type { Dataset } from "../data/dataset.ts";
import { batches } from "../data/batches.ts";

/**
 * What the loss of a model with state returns: the cost and the model's new
 * state (from `applyWithState` in training mode).
 *
 * @example
 * ```ts
 * import type { LossWithState } from "./fit.ts";
 * import { scalar, zeros } from "../../core/create.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * const out: LossWithState<"f32", { mean: Tensor<[3]> }> = {
 *   loss: scalar(0.5),
 *   state: { mean: zeros([3]) },
 * };
 * ```
 */
export interface LossWithState<D extends DType, St> {
  /** The mini-batch cost (a scalar), differentiated. */
  readonly loss: Tensor<[], D>;
  /** The model's new state, passed to the next step's loss; not differentiated. */
  readonly state: St;
}

/** What `fit` tells the loss about the step it is computing. */
export interface FitContext {
  /**
   * A key of this step's own, for randomness inside the loss (dropout):
   * `foldIn(foldIn(options.key, 0), iteration)`. The shuffles use
   * `foldIn(options.key, epoch)` with epochs from 1, so no step key is a
   * shuffle key, and the same `options.key` gives the same masks. A run
   * resumed from `options.state` should pass `startIteration` (the last
   * step's `iteration`), or it redraws the first run's masks.
   */
  readonly key: PRNGKey;
  /** The epoch, from 1. */
  readonly epoch: number;
  /** Steps taken before this one, from `startIteration` (0). */
  readonly iteration: number;
}

/** Options of {@link fit}. */
export interface FitOptions<
  P extends ParamTree<P>,
  O extends StateFamily,
  F extends Shape,
  C extends number,
  D extends DType,
  St = undefined,
> {
  /** The training set. */
  readonly data: Dataset<F, C, D>;
  /**
   * The cost of a mini-batch under the params (a scalar). For a model with
   * state, it takes the state as a third argument and returns
   * `{ loss, state }` with the new state ({@link LossWithState}). A fourth
   * argument, the step's {@link FitContext}, carries a fresh key per step
   * for dropout (a loss without state ignores the third, `undefined`).
   */
  readonly loss: (
    params: P,
    batch: Dataset<F, C, D>,
    modelState: St,
    step: FitContext,
  ) => Tensor<[], D> | LossWithState<D, St>;
  /**
   * The model's state before the first step (`net.initState()`, or a saved
   * one), for a loss that returns `{ loss, state }`; absent for a model
   * without state.
   */
  readonly modelState?: St;
  /** The optimiser (`sgd`, `momentum`, `rmsprop`, `adam`, …). */
  readonly optimizer: Optimizer<O>;
  /** Passes over the training set. */
  readonly epochs: number;
  /** Rows per mini-batch. */
  readonly batchSize: number;
  /** The shuffle key; epoch `e` uses `foldIn(key, e)`. */
  readonly key: PRNGKey;
  /** Drop the last, smaller batch of each epoch; `false` when absent. */
  readonly dropLast?: boolean;
  /** The optimiser state to resume from; `optimizer.init(params)` when absent. */
  readonly state?: StateFor<O, P>;
  /**
   * Steps already taken, when resuming: iterations (and so the step keys)
   * continue from here instead of 0; 0 when absent.
   */
  readonly startIteration?: number;
}

/** One step of training, as `fit` yields it. */
export interface FitStep<P, S, St = undefined> {
  /** The epoch, from 1. */
  readonly epoch: number;
  /** The step within the epoch, from 1. */
  readonly step: number;
  /** The number of steps in this epoch. */
  readonly steps: number;
  /** Steps taken since the start, from 1 (from `startIteration + 1` when resuming). */
  readonly iteration: number;
  /** The mini-batch cost before this step's update. */
  readonly loss: number;
  /** Whether this is the epoch's last step (a good time to evaluate). */
  readonly epochEnd: boolean;
  /** The params after the update. */
  readonly params: P;
  /** The optimiser state after the update. */
  readonly state: S;
  /** The model's state after this step (`undefined` for a model without state). */
  readonly modelState: St;
}

/**
 * Trains `params`: for each epoch, a seeded shuffle into mini-batches (the
 * last partial batch kept unless `dropLast`), and per batch one gradient step
 * of `optimizer`. Yields after every step, so the caller draws progress,
 * evaluates at `epochEnd`, and may `break` to stop early.
 *
 * Randomness inside the loss (dropout) takes the key of the fourth
 * argument, the step's {@link FitContext}: a fresh key every step,
 * reproducible from `key`, as in `loss: (p, batch, _state, step) =>
 * cost(net.apply(p, batch.images, { training: true, key: step.key }), …)`.
 *
 * A model with state (batch norm): pass `modelState` and a loss
 * `(params, batch, state) => ({ loss, state })`; each step gives the loss the
 * previous step's state, differentiates the loss alone (`valueAndGrad` with
 * `hasAux`) and yields the new state as `modelState`. The state never
 * reaches the optimiser.
 *
 * @throws {TypeError} from a step when the loss returns `{ loss, state }`
 * without `modelState`, or a bare scalar with it.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fit } from "./fit.ts";
 * import { makeDataset } from "../data/dataset.ts";
 * import { key } from "../../core/random.ts";
 * import { tensor, zeros } from "../../core/create.ts";
 * import { matmul, meanSquaredError, transpose } from "../../mod.ts";
 * import { sgd } from "../optim/sgd.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * const data = makeDataset(tensor([[1, 0], [0, 1], [1, 1], [2, 1]]), [0, 1, 1, 0], { classes: 2 });
 * type P = { w: Tensor<[2, 2]> };
 * let last = Infinity;
 * for await (const s of fit({ w: zeros([2, 2]) }, {
 *   data, optimizer: sgd({ learningRate: 0.5 }), epochs: 30, batchSize: 4, key: key(0),
 *   loss: (p: P, b) => meanSquaredError(matmul(b.images, transpose(p.w)), b.onehot),
 * })) last = s.loss;
 * assert.ok(last < 0.1);
 * ```
 */
export async function* fit<
  P extends ParamTree<P>,
  O extends StateFamily,
  F extends Shape,
  C extends number,
  D extends DType,
  St = undefined,
>(
  params: P,
  options: FitOptions<P, O, F, C, D, St>,
): AsyncGenerator<FitStep<P, StateFor<O, P>, St>, void, undefined> {
  const { data, optimizer, epochs, batchSize } = options;
  if (!Number.isSafeInteger(epochs) || epochs < 0) {
    throw new RangeError(`fit: epochs must be a non-negative integer, got ${epochs}`);
  }
  const stateful = options.modelState !== undefined;
  // Three parameters can only mean a state; a fourth (the step) may come without one.
  if (!stateful && options.loss.length === 3) {
    throw new TypeError(
      "fit: the loss takes a model state (a third argument) but no modelState was given; " +
        "pass modelState (net.initState()) in the options",
    );
  }
  const lossAndGrad = valueAndGrad((
    p: P,
    batch: Dataset<F, C, D>,
    modelState: St,
    context: FitContext,
  ) => {
    const out = options.loss(p, batch, modelState, context);
    if (out instanceof Tensor) {
      if (stateful) {
        throw new TypeError(
          "fit: modelState was given, so the loss must return { loss, state }; got a bare scalar",
        );
      }
      return [out, modelState] as const;
    }
    if (!stateful) {
      throw new TypeError(
        "fit: the loss returned { loss, state } but no modelState was given; " +
          "pass modelState (net.initState()) in the options",
      );
    }
    return [out.loss, out.state] as const;
  }, { hasAux: true });
  let modelState = options.modelState as St;
  let state = options.state ?? optimizer.init(params);
  const startIteration = options.startIteration ?? 0;
  if (!Number.isSafeInteger(startIteration) || startIteration < 0) {
    throw new RangeError(
      `fit: startIteration must be a non-negative integer, got ${startIteration}`,
    );
  }
  let iteration = startIteration;
  const stepKeys = foldIn(options.key, 0);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const epochBatches = batches(data, {
      batchSize,
      key: foldIn(options.key, epoch),
      dropLast: options.dropLast ?? false,
    });
    for (let index = 0; index < epochBatches.length; index++) {
      const context = { key: foldIn(stepKeys, iteration), epoch, iteration };
      const [[loss, nextModelState], grads] = lossAndGrad(
        params,
        epochBatches[index],
        modelState,
        context,
      );
      modelState = nextModelState;
      ({ params, state } = takeStep(optimizer, { grads, state, params }));
      iteration++;
      yield {
        epoch,
        step: index + 1,
        steps: epochBatches.length,
        iteration,
        loss: loss.data[0],
        epochEnd: index === epochBatches.length - 1,
        params,
        state,
        modelState,
      };
    }
  }
}
