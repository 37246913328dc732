/**
 * Random search over a space of hyperparameters: sample, train, compare on
 * the dev set, rank.
 *
 * @module
 */
import type { PRNGKey } from "../../core/random.ts";
import { foldIn, split } from "../../core/random.ts";
import type { Sampled, SearchSpace } from "./distribution.ts";
import { sampleSpace } from "./sample_space.ts";

/** What an evaluation returns: the metric, or the metric with extra values to keep. */
export type Evaluation = number | { readonly metric: number };

/** The extra values of an evaluation `R`: all but `metric` (nothing for a plain number). */
export type ExtraOf<R extends Evaluation> = R extends number ? Record<never, never>
  : { [K in keyof R as K extends "metric" ? never : K]: R[K] };

/** What `evaluate` is told about its trial besides the hyperparameters. */
export interface TrialInfo {
  /** The trial's index, from 0, in the order the trials were sampled. */
  readonly trial: number;
  /** A key for the trial's own randomness (init, shuffles), apart from the sampling keys. */
  readonly key: PRNGKey;
}

/** Options of {@link randomSearch}. */
export interface RandomSearchOptions<S extends SearchSpace, R extends Evaluation> {
  /** How many trials to sample and evaluate: an integer ≥ 1. */
  readonly trials: number;
  /** The key the trials' hyperparameters and keys derive from. */
  readonly key: PRNGKey;
  /** Trains with the trial's hyperparameters and returns its dev metric (maybe asynchronously). */
  readonly evaluate: (params: Sampled<S>, trial: TrialInfo) => R | Promise<R>;
  /** `"max"` when a larger metric is better (accuracy), `"min"` when smaller is (loss). */
  readonly mode: "max" | "min";
}

/** One evaluated trial of a search. */
export interface SearchResult<P, E = Record<never, never>> {
  /** Its place in the ranking: 1 is the best. */
  readonly rank: number;
  /** Its index, from 0, in the order the trials were sampled. */
  readonly trial: number;
  /** The hyperparameters it was given. */
  readonly params: P;
  /** The metric it got; NaN (a diverged run) ranks last. */
  readonly metric: number;
  /** The extra values `evaluate` returned beside the metric. */
  readonly extra: E;
}

/**
 * Random search (Bergstra and Bengio, 2012): `trials` draws from `space`,
 * each evaluated in turn, returned best first. Trial `i` uses
 * `foldIn(key, i)`, split into a key for its hyperparameters (see
 * `sampleSpace`) and one handed to `evaluate`, so the same key gives the
 * same trials. The ranking is by `metric` (descending in `"max"` mode,
 * ascending in `"min"`), ties in trial order, NaN last: a learning rate that
 * made the loss diverge is a result, not an error.
 *
 * @throws {RangeError} when `trials` is not an integer ≥ 1 or `mode` is not "max" or "min".
 * @throws {TypeError} when `evaluate` returns no number as the metric.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key } from "../../core/random.ts";
 * import { logUniform } from "./log_uniform.ts";
 * import { randomSearch } from "./random_search.ts";
 * // A stand-in for training: the dev loss is smallest at a learning rate of 1e-2.
 * const results = await randomSearch({ learningRate: logUniform(1e-4, 1) }, {
 *   trials: 20,
 *   key: key(0),
 *   mode: "min",
 *   evaluate: ({ learningRate }) => Math.abs(Math.log10(learningRate) + 2),
 * });
 * assert.equal(results[0].rank, 1);
 * assert.ok(results[0].metric <= results[1].metric);
 * assert.ok(results[0].params.learningRate > 3e-3 && results[0].params.learningRate < 3e-2);
 * ```
 */
export async function randomSearch<S extends SearchSpace, R extends Evaluation>(
  space: S,
  options: RandomSearchOptions<NoInfer<S>, R>,
): Promise<SearchResult<Sampled<S>, ExtraOf<R>>[]> {
  const { trials, key, evaluate, mode } = options;
  if (!Number.isSafeInteger(trials) || trials < 1) {
    throw new RangeError(`randomSearch: trials must be an integer ≥ 1, got ${trials}`);
  }
  if (mode !== "max" && mode !== "min") {
    throw new RangeError(`randomSearch: mode must be "max" or "min", got ${JSON.stringify(mode)}`);
  }
  const done: Omit<SearchResult<Sampled<S>, ExtraOf<R>>, "rank">[] = [];
  for (let trial = 0; trial < trials; trial++) {
    const [sampleKey, evaluateKey] = split(foldIn(key, trial), 2);
    const params = sampleSpace(space, sampleKey);
    const evaluation: Evaluation = await evaluate(params, { trial, key: evaluateKey });
    const { metric, ...extra } = typeof evaluation === "object" && evaluation !== null
      ? evaluation
      : { metric: evaluation };
    if (typeof metric !== "number") {
      throw new TypeError(
        `randomSearch: expected evaluate to return a number or { metric: number }, ` +
          `got ${JSON.stringify(evaluation)} in trial ${trial}`,
      );
    }
    done.push({ trial, params, metric, extra: extra as ExtraOf<R> });
  }
  const sign = mode === "max" ? -1 : 1;
  const order = (a: number, b: number): number =>
    Number.isNaN(a) || Number.isNaN(b)
      ? Number(Number.isNaN(a)) - Number(Number.isNaN(b)) // NaN last
      : a === b
      ? 0 // also ±Infinity against itself, where a − b is NaN
      : sign * (a - b);
  return done
    .sort((a, b) => order(a.metric, b.metric) || a.trial - b.trial)
    .map((result, index) => ({ rank: index + 1, ...result }));
}
