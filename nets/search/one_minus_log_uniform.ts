/**
 * The distribution for averaging coefficients such as momentum's or Adam's
 * β: the course samples β in [0.9, 0.999] as `1 − 10^r`, because β's effect
 * goes with 1/(1 − β), the number of values averaged over.
 *
 * @module
 */
import type { PRNGKey } from "../../core/random.ts";
import type { OneMinusLogUniformDistribution } from "./distribution.ts";
import { checkRange, clamp, drawUniform } from "./_check.ts";

/**
 * Values `1 − 10^r` with `r` drawn evenly from
 * `[log10(1 − high), log10(1 − low))`: `1 − value` is log-uniform, so
 * `oneMinusLogUniform(0.9, 0.999)` puts half the samples in [0.9, 0.99] (an
 * average over 10 to 100 values) and half in [0.99, 0.999] (100 to 1000),
 * where a uniform draw would put 91 % in the first half. Values lie in
 * `[low, high]`.
 *
 * @throws {RangeError} unless `low < high < 1` and both are finite.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key, split } from "../../core/random.ts";
 * import { oneMinusLogUniform } from "./one_minus_log_uniform.ts";
 * const beta = oneMinusLogUniform(0.9, 0.999);
 * const values = split(key(0), 100).map((k) => beta.sample(k));
 * assert.ok(values.every((v) => v >= 0.9 && v <= 0.999));
 * assert.ok(values.filter((v) => v > 0.99).length > 30);
 * assert.throws(() => oneMinusLogUniform(0.9, 1), /high < 1/);
 * ```
 */
export function oneMinusLogUniform(low: number, high: number): OneMinusLogUniformDistribution {
  checkRange("oneMinusLogUniform", low, high);
  if (!(high < 1)) {
    throw new RangeError(
      `oneMinusLogUniform: expected high < 1 (log10(1 − high) must exist), got high = ${high}`,
    );
  }
  const lowExponent = Math.log10(1 - high);
  const highExponent = Math.log10(1 - low);
  return {
    kind: "oneMinusLogUniform",
    low,
    high,
    sample: (key: PRNGKey): number =>
      clamp(1 - 10 ** drawUniform(key, lowExponent, highExponent), low, high),
  };
}
