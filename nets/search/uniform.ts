/**
 * The uniform distribution over an interval, for hyperparameters whose
 * effect is linear in their value (dropout rate, a mixing weight).
 *
 * @module
 */
import type { PRNGKey } from "../../core/random.ts";
import type { UniformDistribution } from "./distribution.ts";
import { checkRange, drawUniform } from "./_check.ts";

/**
 * Values drawn evenly from `[low, high)`, like numpy's
 * `rng.uniform(low, high)` or Optuna's `suggest_float(name, low, high)`.
 *
 * @throws {RangeError} unless `low` and `high` are finite with `low < high`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key } from "../../core/random.ts";
 * import { uniform } from "./uniform.ts";
 * const keepProb = uniform(0.5, 1);
 * const value = keepProb.sample(key(0));
 * assert.ok(value >= 0.5 && value < 1);
 * assert.equal(keepProb.sample(key(0)), value); // same key, same value
 * assert.throws(() => uniform(1, 1), RangeError);
 * ```
 */
export function uniform(low: number, high: number): UniformDistribution {
  checkRange("uniform", low, high);
  return {
    kind: "uniform",
    low,
    high,
    sample: (key: PRNGKey): number => drawUniform(key, low, high),
  };
}
