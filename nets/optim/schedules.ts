/**
 * Learning-rate decay as pure functions of the epoch (counted from 0, the
 * course's `epoch_num`). Pass one to an optimiser with the number of updates
 * per epoch, `adam({ learningRate: { schedule, stepsPerEpoch } })`, or call
 * it yourself. Nothing here needs the epoch to be an integer, so a schedule
 * may also be read per update step (`learningRate: schedule`).
 *
 * @module
 */
import { describe, numberOption, positive, positiveInteger } from "./_leafwise.ts";

/** `epoch` when it is a finite number ≥ 0; a `RangeError` otherwise. */
function checkEpoch(op: string, epoch: number): number {
  if (!Number.isFinite(numberOption(op, "epoch", epoch)) || epoch < 0) {
    throw new RangeError(`${op}: epoch must be a finite number ≥ 0, got ${describe(epoch)}`);
  }
  return epoch;
}

/** `value` when it is in (0, 1]; a `RangeError` otherwise. */
function decayFactor(op: string, name: string, value: number): number {
  if (!(numberOption(op, name, value) > 0 && value <= 1)) {
    throw new RangeError(`${op}: ${name} must be in (0, 1], got ${describe(value)}`);
  }
  return value;
}

/** Options of {@link inverseTimeDecay}. */
export interface InverseTimeDecayOptions {
  /** α₀, the learning rate at epoch 0; a finite number > 0. */
  readonly initial: number;
  /** How fast the rate falls; a finite number ≥ 0 (0 keeps it constant). */
  readonly decayRate: number;
  /**
   * Decay in steps of this many epochs: the course's fixed-interval
   * scheduling (`time_interval`). Absent: decay continuously.
   */
  readonly interval?: number;
}

/**
 * α = α₀/(1 + decayRate·epoch), the course's learning-rate decay; with
 * `interval`, α = α₀/(1 + decayRate·⌊epoch/interval⌋).
 *
 * @throws {RangeError} when α₀ is not a finite number > 0, decayRate is not a finite number
 * ≥ 0, or interval is not an integer ≥ 1; the returned function throws for an epoch < 0.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inverseTimeDecay } from "./schedules.ts";
 * const alpha = inverseTimeDecay({ initial: 0.5, decayRate: 1 });
 * assert.deepEqual([0, 1, 3].map(alpha), [0.5, 0.25, 0.125]);
 * ```
 */
export function inverseTimeDecay(options: InverseTimeDecayOptions): (epoch: number) => number {
  const op = "inverseTimeDecay";
  const initial = positive(op, "initial", options?.initial);
  const decayRate = numberOption(op, "decayRate", options.decayRate);
  if (!Number.isFinite(decayRate) || decayRate < 0) {
    throw new RangeError(`${op}: decayRate must be a finite number ≥ 0, got ${decayRate}`);
  }
  const interval = options.interval === undefined
    ? undefined
    : positiveInteger(op, "interval", options.interval);
  return (epoch) => {
    const e = checkEpoch(op, epoch);
    return initial / (1 + decayRate * (interval === undefined ? e : Math.floor(e / interval)));
  };
}

/** Options of {@link exponentialDecay}. */
export interface ExponentialDecayOptions {
  /** α₀, the learning rate at epoch 0; a finite number > 0. */
  readonly initial: number;
  /** The factor per epoch, in (0, 1]: the course's 0.95. */
  readonly rate: number;
}

/**
 * α = α₀·rate^epoch (the course's `0.95^epoch_num · α₀`).
 *
 * @throws {RangeError} when α₀ is not a finite number > 0 or rate is not in (0, 1]; the
 * returned function throws for an epoch < 0.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { exponentialDecay } from "./schedules.ts";
 * const alpha = exponentialDecay({ initial: 0.1, rate: 0.5 });
 * assert.deepEqual([0, 1, 2].map(alpha), [0.1, 0.05, 0.025]);
 * ```
 */
export function exponentialDecay(options: ExponentialDecayOptions): (epoch: number) => number {
  const op = "exponentialDecay";
  const initial = positive(op, "initial", options?.initial);
  const rate = decayFactor(op, "rate", options.rate);
  return (epoch) => initial * rate ** checkEpoch(op, epoch);
}

/** Options of {@link inverseSqrtDecay}. */
export interface InverseSqrtDecayOptions {
  /** α₀; a finite number > 0. */
  readonly initial: number;
  /** The constant k; a finite number > 0 (k = 1 starts at α₀). */
  readonly k: number;
}

/**
 * α = k·α₀/√epoch, the course's `k/√epoch_num · α₀`. The formula has no
 * value at epoch 0, so epochs below 1 use epoch 1: epochs 0 and 1 both get
 * k·α₀, epoch 4 gets k·α₀/2.
 *
 * @throws {RangeError} when α₀ or k is not a finite number > 0; the returned function throws
 * for an epoch < 0.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inverseSqrtDecay } from "./schedules.ts";
 * const alpha = inverseSqrtDecay({ initial: 0.1, k: 2 });
 * assert.deepEqual([0, 1, 4, 16].map(alpha), [0.2, 0.2, 0.1, 0.05]);
 * ```
 */
export function inverseSqrtDecay(options: InverseSqrtDecayOptions): (epoch: number) => number {
  const op = "inverseSqrtDecay";
  const initial = positive(op, "initial", options?.initial);
  const k = positive(op, "k", options.k);
  return (epoch) => (k * initial) / Math.sqrt(Math.max(checkEpoch(op, epoch), 1));
}

/** Options of {@link staircase}. */
export interface StaircaseOptions {
  /** α₀, the learning rate of the first stair; a finite number > 0. */
  readonly initial: number;
  /** Epochs per stair; an integer ≥ 1. */
  readonly dropEvery: number;
  /** The factor at each drop, in (0, 1]. */
  readonly factor: number;
}

/**
 * α = α₀·factor^⌊epoch/dropEvery⌋: constant for `dropEvery` epochs, then
 * multiplied by `factor` (step decay, Keras' `ExponentialDecay(staircase=True)`).
 *
 * @throws {RangeError} when α₀ is not a finite number > 0, dropEvery is not an integer ≥ 1,
 * or factor is not in (0, 1]; the returned function throws for an epoch < 0.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { staircase } from "./schedules.ts";
 * const alpha = staircase({ initial: 0.4, dropEvery: 10, factor: 0.5 });
 * assert.deepEqual([0, 9, 10, 25].map(alpha), [0.4, 0.4, 0.2, 0.1]);
 * ```
 */
export function staircase(options: StaircaseOptions): (epoch: number) => number {
  const op = "staircase";
  const initial = positive(op, "initial", options?.initial);
  const dropEvery = positiveInteger(op, "dropEvery", options.dropEvery);
  const factor = decayFactor(op, "factor", options.factor);
  return (epoch) => initial * factor ** Math.floor(checkEpoch(op, epoch) / dropEvery);
}
