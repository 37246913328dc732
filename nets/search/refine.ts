/**
 * Coarse to fine: after a round of random search, sample the next round
 * only where the best trials were.
 *
 * @module
 */
import type { Distribution, Sampled, SearchSpace } from "./distribution.ts";
import type { SearchResult } from "./random_search.ts";
import { uniform } from "./uniform.ts";
import { logUniform } from "./log_uniform.ts";
import { oneMinusLogUniform } from "./one_minus_log_uniform.ts";
import { intUniform } from "./int_uniform.ts";

/** Options of {@link refine}. */
export interface RefineOptions {
  /** How many of the best trials span the new ranges: an integer ≥ 2. */
  readonly top: number;
}

/**
 * The space of the next, finer round: each numeric distribution narrowed to
 * the range its values span among the `top` best-ranked trials (those with a
 * NaN metric left out), and each `choice` kept as it is.
 *
 * A narrowed distribution keeps its kind, so the next round samples the new
 * range on the same scale: evenly in log10 α for `logUniform`, in
 * log10(1 − β) for `oneMinusLogUniform`, evenly in value for `uniform` and
 * `intUniform`. (Each scale is monotonic, so the span's ends are the
 * smallest and the largest of the top values whatever the scale.)
 *
 * @throws {RangeError} when `top` is not an integer from 2 to the number of
 * trials with a metric, or when the top trials share one value of a
 * continuous hyperparameter (there is no range left to sample).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logUniform } from "./log_uniform.ts";
 * import { refine } from "./refine.ts";
 * const space = { learningRate: logUniform(1e-4, 1) };
 * const results = [
 *   { rank: 1, trial: 2, params: { learningRate: 3e-3 }, metric: 0.91, extra: {} },
 *   { rank: 2, trial: 0, params: { learningRate: 1e-2 }, metric: 0.90, extra: {} },
 *   { rank: 3, trial: 1, params: { learningRate: 0.5 }, metric: 0.11, extra: {} },
 * ];
 * const fine = refine(space, results, { top: 2 });
 * assert.equal(fine.learningRate.kind, "logUniform");
 * assert.deepEqual([fine.learningRate.low, fine.learningRate.high], [3e-3, 1e-2]);
 * ```
 */
export function refine<S extends SearchSpace>(
  space: S,
  results: readonly SearchResult<Sampled<NoInfer<S>>, unknown>[],
  options: RefineOptions,
): S {
  const { top } = options;
  const ranked = results.filter((r) => !Number.isNaN(r.metric)).sort((a, b) => a.rank - b.rank);
  if (!Number.isSafeInteger(top) || top < 2 || top > ranked.length) {
    throw new RangeError(
      `refine: top must be an integer from 2 to ${ranked.length} (the trials with a metric), ` +
        `got ${top}`,
    );
  }
  const best = ranked.slice(0, top);
  const narrowed: Record<string, Distribution> = {};
  for (const name of Object.keys(space)) {
    const distribution = space[name];
    if (distribution.kind === "choice") {
      narrowed[name] = distribution;
      continue;
    }
    const values = best.map((r) => (r.params as Record<string, unknown>)[name]);
    if (!values.every((v): v is number => typeof v === "number" && Number.isFinite(v))) {
      throw new RangeError(
        `refine: expected a number for "${name}" in every top trial, got ${JSON.stringify(values)}`,
      );
    }
    const low = Math.min(...values);
    const high = Math.max(...values);
    if (distribution.kind !== "intUniform" && low === high) {
      throw new RangeError(
        `refine: the top ${top} trials all have ${name} = ${low}, so there is no range to narrow to`,
      );
    }
    narrowed[name] = distribution.kind === "uniform"
      ? uniform(low, high)
      : distribution.kind === "logUniform"
      ? logUniform(low, high)
      : distribution.kind === "oneMinusLogUniform"
      ? oneMinusLogUniform(low, high)
      : intUniform(low, high);
  }
  return narrowed as S;
}
