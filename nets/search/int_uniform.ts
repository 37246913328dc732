/**
 * The uniform distribution over a range of integers (layer sizes, numbers of
 * layers, mini-batch sizes).
 *
 * @module
 */
import type { PRNGKey } from "../../core/random.ts";
import type { IntUniformDistribution } from "./distribution.ts";
import { drawUniform } from "./_check.ts";

/**
 * Integers from `low` to `high`, both included, each equally likely, like
 * Python's `random.randint(low, high)` or Optuna's `suggest_int`.
 * `low === high` is allowed (one value), so that `refine` can narrow an
 * integer range to a single value.
 *
 * @throws {RangeError} unless `low` and `high` are safe integers with `low <= high`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key, split } from "../../core/random.ts";
 * import { intUniform } from "./int_uniform.ts";
 * const layers = intUniform(2, 4);
 * const seen = new Set(split(key(0), 50).map((k) => layers.sample(k)));
 * assert.deepEqual([...seen].sort(), [2, 3, 4]);
 * assert.throws(() => intUniform(1, 2.5), RangeError);
 * ```
 */
export function intUniform(low: number, high: number): IntUniformDistribution {
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || !(low <= high)) {
    throw new RangeError(
      `intUniform: expected safe integers with low <= high, got low = ${low}, high = ${high}`,
    );
  }
  const count = high - low + 1;
  return {
    kind: "intUniform",
    low,
    high,
    sample: (key: PRNGKey): number =>
      Math.min(low + Math.floor(drawUniform(key, 0, 1) * count), high),
  };
}
