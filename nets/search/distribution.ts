/**
 * The distributions a random search samples hyperparameters from, and the
 * types that follow from them: a search space is a record of distributions,
 * and `Sampled<Space>` is the record of values one trial gets.
 *
 * Make distributions with `uniform`, `logUniform`, `oneMinusLogUniform`,
 * `intUniform` and `choice`; each is plain data (its kind and range) plus a
 * `sample(key)` that draws one value from an explicit PRNG key.
 *
 * @module
 */
import type { PRNGKey } from "../../core/random.ts";

/** A number drawn evenly from `[low, high)`: see `uniform`. */
export interface UniformDistribution {
  /** The kind. */
  readonly kind: "uniform";
  /** The lower bound (included). */
  readonly low: number;
  /** The upper bound (excluded). */
  readonly high: number;
  /** Draws one value with `key`. */
  sample(key: PRNGKey): number;
}

/** A positive number whose log10 is drawn evenly: see `logUniform`. */
export interface LogUniformDistribution {
  /** The kind. */
  readonly kind: "logUniform";
  /** The lower bound, > 0. */
  readonly low: number;
  /** The upper bound, above `low`. */
  readonly high: number;
  /** Draws one value with `key`. */
  sample(key: PRNGKey): number;
}

/** A number below 1 whose log10(1 − value) is drawn evenly: see `oneMinusLogUniform`. */
export interface OneMinusLogUniformDistribution {
  /** The kind. */
  readonly kind: "oneMinusLogUniform";
  /** The lower bound. */
  readonly low: number;
  /** The upper bound, above `low` and below 1. */
  readonly high: number;
  /** Draws one value with `key`. */
  sample(key: PRNGKey): number;
}

/** An integer drawn evenly from `low` to `high`, both included: see `intUniform`. */
export interface IntUniformDistribution {
  /** The kind. */
  readonly kind: "intUniform";
  /** The smallest value. */
  readonly low: number;
  /** The largest value. */
  readonly high: number;
  /** Draws one value with `key`. */
  sample(key: PRNGKey): number;
}

/** One of a list of values, each equally likely: see `choice`. */
export interface ChoiceDistribution<T> {
  /** The kind. */
  readonly kind: "choice";
  /** The values to choose from (at least one). */
  readonly values: readonly T[];
  /** Draws one value with `key`. */
  sample(key: PRNGKey): T;
}

/** The distributions over numbers, which `refine` narrows. */
export type NumericDistribution =
  | UniformDistribution
  | LogUniformDistribution
  | OneMinusLogUniformDistribution
  | IntUniformDistribution;

/** Any distribution a search space may hold. */
export type Distribution = NumericDistribution | ChoiceDistribution<unknown>;

/**
 * A search space: hyperparameter names to distributions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Sampled, SearchSpace } from "./distribution.ts";
 * import { choice } from "./choice.ts";
 * import { logUniform } from "./log_uniform.ts";
 * const space = { learningRate: logUniform(1e-4, 1), hidden: choice([64, 128] as const) };
 * const checked: SearchSpace = space;
 * const trial: Sampled<typeof space> = { learningRate: 3e-3, hidden: 128 };
 * assert.ok(checked === space && trial.hidden === 128);
 * ```
 */
export type SearchSpace = { readonly [name: string]: Distribution };

/**
 * The hyperparameters one trial gets from space `S`: each name typed by what
 * its distribution samples (`number`, or the union of a `choice`'s values).
 */
export type Sampled<S extends SearchSpace> = {
  -readonly [K in keyof S]: ReturnType<S[K]["sample"]>;
};
