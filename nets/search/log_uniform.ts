/**
 * The log-uniform distribution: the course's way to sample a learning rate,
 * `r = −4 · rand(); α = 10^r`, so each decade gets the same share of trials.
 *
 * @module
 */
import type { PRNGKey } from "../../core/random.ts";
import type { LogUniformDistribution } from "./distribution.ts";
import { checkRange, clamp, drawUniform } from "./_check.ts";

/**
 * Values `10^r` with `r` drawn evenly from `[log10 low, log10 high)`, so each
 * decade between `low` and `high` is equally likely: `logUniform(1e-4, 1)`
 * puts a quarter of the samples in each of [1e-4, 1e-3), …, [0.1, 1). Like
 * `scipy.stats.loguniform(low, high)` or Optuna's
 * `suggest_float(name, low, high, log=True)`. Values lie in `[low, high]`.
 *
 * @throws {RangeError} unless `0 < low < high` and both are finite.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key, split } from "../../core/random.ts";
 * import { logUniform } from "./log_uniform.ts";
 * const learningRate = logUniform(1e-4, 1);
 * const values = split(key(0), 100).map((k) => learningRate.sample(k));
 * assert.ok(values.every((v) => v >= 1e-4 && v <= 1));
 * assert.ok(values.some((v) => v < 1e-3)); // a uniform draw would almost never go there
 * assert.throws(() => logUniform(0, 1), /low > 0/);
 * ```
 */
export function logUniform(low: number, high: number): LogUniformDistribution {
  checkRange("logUniform", low, high);
  if (!(low > 0)) {
    throw new RangeError(`logUniform: expected low > 0 (a log scale), got low = ${low}`);
  }
  const lowExponent = Math.log10(low);
  const highExponent = Math.log10(high);
  return {
    kind: "logUniform",
    low,
    high,
    sample: (key: PRNGKey): number =>
      clamp(10 ** drawUniform(key, lowExponent, highExponent), low, high),
  };
}
