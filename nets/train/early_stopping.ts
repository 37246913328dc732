/**
 * Early stopping: a pure tracker of a dev-set metric that says when to stop
 * and keeps the params of the best epoch, like Keras'
 * `EarlyStopping(patience, min_delta, mode, restore_best_weights=True)`.
 *
 * @module
 */

/** Options of {@link earlyStopping}. */
export interface EarlyStoppingOptions {
  /** Stop after this many evaluations in a row without improvement: an integer ≥ 1. */
  readonly patience: number;
  /** The least change that counts as an improvement, ≥ 0; 0 when absent. */
  readonly minDelta?: number;
  /** `"max"` for a metric to raise (accuracy), `"min"` for one to lower (loss). */
  readonly mode: "max" | "min";
}

/** One evaluation: the epoch, the dev metric and the params it was measured on. */
export interface EarlyStoppingObservation<P> {
  /** The epoch (or any increasing step count) of the evaluation. */
  readonly epoch: number;
  /** The dev-set metric; NaN is rejected. */
  readonly metric: number;
  /** The params the metric was measured on. */
  readonly params: P;
}

/** What the tracker knows after one or more evaluations. */
export interface EarlyStoppingState<P> {
  /** The best evaluation so far; its `params` are the ones to restore. */
  readonly best: EarlyStoppingObservation<P>;
  /** Evaluations since `best` (0 when the latest one is the best). */
  readonly epochsWithoutImprovement: number;
  /** Whether the latest evaluation became the best. */
  readonly improved: boolean;
  /** Whether training should stop: `patience` evaluations in a row without improvement. */
  readonly stop: boolean;
}

/** An early-stopping tracker made by {@link earlyStopping}. */
export interface EarlyStopping {
  /** The options, as given (`minDelta` filled in). */
  readonly options: Required<EarlyStoppingOptions>;
  /**
   * The state after one more evaluation; `state` is `undefined` before the
   * first, which always becomes the best.
   *
   * @throws {RangeError} when the metric is NaN.
   */
  update<P>(
    state: EarlyStoppingState<P> | undefined,
    observation: EarlyStoppingObservation<P>,
  ): EarlyStoppingState<P>;
}

/**
 * An early-stopping tracker. Feed it each dev evaluation with
 * `update(state, { epoch, metric, params })`; it returns a new state and
 * never mutates the old one.
 *
 * - An evaluation improves when it beats the best by more than `minDelta`:
 *   `metric − minDelta > best` in `"max"` mode, `metric + minDelta < best` in
 *   `"min"` mode. Only an improvement replaces `best`, as in Keras: a gain of
 *   `minDelta` or less neither resets the count nor moves `best`.
 * - `stop` turns true once `patience` evaluations in a row fail to improve
 *   (Keras' `wait >= patience`). Keras treats `patience = 0` like 1; here
 *   `patience` must be at least 1.
 * - Restoring the best weights is reading `state.best.params`. Params are
 *   immutable trees of immutable tensors (`fit` yields new ones every step),
 *   so keeping a reference is enough: no copy is made or needed.
 * - ±Infinity are valid metrics (a diverged loss is simply not an
 *   improvement); NaN is a bug upstream and throws.
 *
 * @throws {RangeError} when `patience` is not an integer ≥ 1 or `minDelta` is
 * not a finite number ≥ 0.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { earlyStopping } from "./early_stopping.ts";
 * import type { EarlyStoppingState } from "./early_stopping.ts";
 * const stopper = earlyStopping({ patience: 2, mode: "max" });
 * let state: EarlyStoppingState<string> | undefined;
 * for (const [epoch, metric] of [0.80, 0.85, 0.84, 0.83, 0.90].entries()) {
 *   state = stopper.update(state, { epoch: epoch + 1, metric, params: `params of ${epoch + 1}` });
 *   if (state.stop) break;
 * }
 * assert.equal(state?.stop, true);
 * assert.equal(state?.best.epoch, 2); // stopped after epoch 4, never saw 0.90
 * assert.equal(state?.best.params, "params of 2");
 * ```
 */
export function earlyStopping(options: EarlyStoppingOptions): EarlyStopping {
  const { patience, mode } = options;
  const minDelta = options.minDelta ?? 0;
  if (!Number.isSafeInteger(patience) || patience < 1) {
    throw new RangeError(`earlyStopping: patience must be an integer ≥ 1, got ${patience}`);
  }
  if (!Number.isFinite(minDelta) || minDelta < 0) {
    throw new RangeError(`earlyStopping: minDelta must be a finite number ≥ 0, got ${minDelta}`);
  }
  if (mode !== "max" && mode !== "min") {
    throw new RangeError(`earlyStopping: mode must be "max" or "min", got ${JSON.stringify(mode)}`);
  }
  const improves = mode === "max"
    ? (metric: number, best: number) => metric - minDelta > best
    : (metric: number, best: number) => metric + minDelta < best;
  return {
    options: { patience, minDelta, mode },
    update<P>(
      state: EarlyStoppingState<P> | undefined,
      observation: EarlyStoppingObservation<P>,
    ): EarlyStoppingState<P> {
      const { epoch, metric } = observation;
      if (typeof metric !== "number" || Number.isNaN(metric)) {
        throw new RangeError(
          `earlyStopping: expected a number as the metric of epoch ${epoch}, got ${metric}`,
        );
      }
      if (state === undefined || improves(metric, state.best.metric)) {
        return { best: observation, epochsWithoutImprovement: 0, improved: true, stop: false };
      }
      const epochsWithoutImprovement = state.epochsWithoutImprovement + 1;
      return {
        best: state.best,
        epochsWithoutImprovement,
        improved: false,
        stop: epochsWithoutImprovement >= patience,
      };
    },
  };
}
