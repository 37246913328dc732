/**
 * Drawing one trial's hyperparameters from a search space.
 *
 * @module
 */
import type { PRNGKey } from "../../core/random.ts";
import { foldIn } from "../../core/random.ts";
import type { Sampled, SearchSpace } from "./distribution.ts";

/**
 * One value per hyperparameter of `space`: the `j`-th name (in the space's
 * key order) samples with `foldIn(key, j)`. The same key gives the same
 * values, and adding a hyperparameter at the end leaves the others' values
 * as they were.
 *
 * @throws {TypeError} when an entry of `space` is not a distribution.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key } from "../../core/random.ts";
 * import { choice } from "./choice.ts";
 * import { logUniform } from "./log_uniform.ts";
 * import { sampleSpace } from "./sample_space.ts";
 * const space = { learningRate: logUniform(1e-4, 1), hidden: choice([64, 128] as const) };
 * const trial: { learningRate: number; hidden: 64 | 128 } = sampleSpace(space, key(0));
 * assert.deepEqual(sampleSpace(space, key(0)), trial);
 * ```
 */
export function sampleSpace<S extends SearchSpace>(space: S, key: PRNGKey): Sampled<S> {
  const sampled: Record<string, unknown> = {};
  Object.keys(space).forEach((name, j) => {
    const distribution = space[name];
    if (typeof distribution?.sample !== "function") {
      throw new TypeError(
        `sampleSpace: expected a distribution for "${name}", got ${JSON.stringify(distribution)}`,
      );
    }
    sampled[name] = distribution.sample(foldIn(key, j));
  });
  return sampled as Sampled<S>;
}
