/**
 * Compile-time tests of the search types: a space's sampled hyperparameters
 * are typed from its distributions (a `choice` keeps its literals), the
 * results of `randomSearch` carry them and the extras of `evaluate`, and
 * `refine` returns a space of the same type. `deno check` runs the type
 * tests; the `Deno.test` at the end runs the same code.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Equal } from "../../core/_type_assert.ts";
import { expectType } from "../../core/_type_assert.ts";
import { key } from "../../core/random.ts";
import type { ChoiceDistribution, IntUniformDistribution, Sampled } from "./distribution.ts";
import { choice } from "./choice.ts";
import { logUniform } from "./log_uniform.ts";
import { oneMinusLogUniform } from "./one_minus_log_uniform.ts";
import { randomSearch } from "./random_search.ts";
import type { ExtraOf, SearchResult } from "./random_search.ts";
import { refine } from "./refine.ts";
import { sampleSpace } from "./sample_space.ts";

const space = {
  learningRate: logUniform(1e-4, 1),
  beta: oneMinusLogUniform(0.9, 0.999),
  hidden: choice([64, 128] as const),
};
type Params = Sampled<typeof space>;
expectType<Equal<Params, { learningRate: number; beta: number; hidden: 64 | 128 }>>();

// choice keeps literals with or without `as const`, and any value type.
expectType<Equal<ReturnType<typeof choice<readonly [64, 128]>>, ChoiceDistribution<64 | 128>>>();
const activation = choice(["relu", "tanh"]);
expectType<Equal<typeof activation, ChoiceDistribution<"relu" | "tanh">>>();
expectType<Equal<Sampled<{ layers: IntUniformDistribution }>, { layers: number }>>();

// A plain metric leaves no extras; an object's extras are all but `metric`.
expectType<Equal<ExtraOf<number>, Record<never, never>>>();
expectType<Equal<ExtraOf<{ metric: number; loss: number }>, { loss: number }>>();

function wrongKey(p: Params): number {
  // @ts-expect-error learningRat is not a hyperparameter of the space
  return p.learningRat;
}
// @ts-expect-error 32 is not one of the choices
const wrongChoice: Params = { learningRate: 1e-3, beta: 0.9, hidden: 32 };
// @ts-expect-error a trial has every hyperparameter
const missing: Params = { learningRate: 1e-3, hidden: 64 };

Deno.test("search types: params, results and refined spaces are typed from the space", async () => {
  const results = await randomSearch(space, {
    trials: 3,
    key: key(0),
    mode: "max",
    evaluate: async (p) => {
      // @ts-expect-error evaluate's params are the space's: no `momentum`
      p.momentum;
      await Promise.resolve();
      return { metric: p.learningRate, seconds: 1 };
    },
  });
  expectType<
    Equal<
      typeof results,
      SearchResult<Params, { seconds: number }>[]
    >
  >();
  const hidden: 64 | 128 = results[0].params.hidden;
  const seconds: number = results[0].extra.seconds;
  // @ts-expect-error metric is not among the extras
  results[0].extra.metric;

  const plain = await randomSearch(space, {
    trials: 2,
    key: key(0),
    mode: "min",
    evaluate: () => 1,
  });
  expectType<Equal<typeof plain, SearchResult<Params, Record<never, never>>[]>>();

  const fine = refine(space, results, { top: 2 });
  expectType<Equal<typeof fine, typeof space>>();
  const trial = sampleSpace(fine, key(1));
  expectType<Equal<typeof trial, Params>>();
  assert.throws(
    // @ts-expect-error the results of another space do not refine this one
    () => refine({ momentum: logUniform(0.1, 1) }, results, { top: 2 }),
    /expected a number for "momentum" in every top trial/,
  );

  assert.ok(hidden === 64 || hidden === 128);
  assert.equal(seconds, 1);
  assert.equal(wrongKey({ learningRate: 1, beta: 0.9, hidden: 64 }), undefined);
  assert.equal(wrongChoice.hidden, 32);
  assert.equal(missing.hidden, 64);
  assert.ok(trial.learningRate >= fine.learningRate.low);
});
