/**
 * Helpers for the search tests: many samples from one seed, and the share of
 * them in an interval.
 *
 * @module
 */
import { key, split } from "../../core/random.ts";
import type { PRNGKey } from "../../core/random.ts";

/** `count` samples of `distribution`, one per key of `split(key(seed), count)`. */
export function draw<T>(distribution: { sample(k: PRNGKey): T }, count: number, seed = 0): T[] {
  return split(key(seed), count).map((k) => distribution.sample(k));
}

/** The fraction of `values` in `[low, high)`. */
export function share(values: readonly number[], low: number, high: number): number {
  return values.filter((v) => v >= low && v < high).length / values.length;
}

/**
 * Five standard deviations of the fraction of `count` independent samples
 * that land in a bin of probability `p`: √(p(1 − p)/count) · 5. A correct
 * sampler misses by more with probability below 6e-7 for any seed, while a
 * sampler on the wrong scale misses by far more (see each test).
 */
export function fiveSigma(p: number, count: number): number {
  return 5 * Math.sqrt(p * (1 - p) / count);
}
