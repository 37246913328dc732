import assert from "node:assert/strict";
import { key } from "../../core/random.ts";
import type { PRNGKey } from "../../core/random.ts";
import { choice } from "./choice.ts";
import { logUniform } from "./log_uniform.ts";
import { oneMinusLogUniform } from "./one_minus_log_uniform.ts";
import { randomSearch } from "./random_search.ts";

const space = {
  learningRate: logUniform(1e-4, 1),
  beta: oneMinusLogUniform(0.9, 0.999),
  hidden: choice([64, 128] as const),
};
/** A stand-in for a dev loss: best at α = 1e-2, β = 0.99, hidden 128. */
const devLoss = (p: { learningRate: number; beta: number; hidden: number }): number =>
  Math.abs(Math.log10(p.learningRate) + 2) + Math.abs(Math.log10(1 - p.beta) + 2) +
  (p.hidden === 128 ? 0 : 0.5);

Deno.test("randomSearch: the same key gives the same trials; another key, other trials", async () => {
  const run = (seed: number) =>
    randomSearch(space, { trials: 12, key: key(seed), mode: "min", evaluate: devLoss });
  const [a, b, c] = await Promise.all([run(0), run(0), run(1)]);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.map((r) => r.params), c.map((r) => r.params));
  for (const { params } of a) {
    assert.ok(params.learningRate >= 1e-4 && params.learningRate <= 1);
    assert.ok(params.beta >= 0.9 && params.beta <= 0.999);
    assert.ok(params.hidden === 64 || params.hidden === 128);
  }
});

Deno.test("randomSearch: min mode ranks ascending, max mode descending, ranks 1…n", async () => {
  const min = await randomSearch(space, {
    trials: 15,
    key: key(2),
    mode: "min",
    evaluate: devLoss,
  });
  const max = await randomSearch(space, {
    trials: 15,
    key: key(2),
    mode: "max",
    evaluate: (p) => -devLoss(p),
  });
  assert.deepEqual(min.map((r) => r.rank), Array.from({ length: 15 }, (_, i) => i + 1));
  const metrics = min.map((r) => r.metric);
  assert.deepEqual(metrics, [...metrics].sort((x, y) => x - y));
  assert.notDeepEqual(metrics, [...metrics].reverse()); // not all equal
  // The same trials, ranked the same way by the negated metric.
  assert.deepEqual(max.map((r) => r.trial), min.map((r) => r.trial));
  assert.deepEqual(max.map((r) => r.metric), metrics.map((m) => -m));
  assert.deepEqual(min.map((r) => r.trial).sort((x, y) => x - y), [...Array(15).keys()]);
});

Deno.test("randomSearch: NaN ranks last in either mode, ±Infinity sort as numbers, ties keep trial order", async () => {
  const metrics = [0.5, NaN, 0.9, 0.5, -Infinity, Infinity, -Infinity];
  for (const mode of ["max", "min"] as const) {
    const results = await randomSearch({}, {
      trials: 7,
      key: key(0),
      mode,
      evaluate: (_, { trial }) => metrics[trial],
    });
    const expected = mode === "max" ? [5, 2, 0, 3, 4, 6, 1] : [4, 6, 0, 3, 2, 5, 1];
    assert.deepEqual(results.map((r) => r.trial), expected, mode);
  }
});

Deno.test("randomSearch: evaluate may be async, gets a key per trial and its extras are kept", async () => {
  const keys: PRNGKey[] = [];
  const results = await randomSearch(space, {
    trials: 4,
    key: key(3),
    mode: "max",
    evaluate: async (p, { trial, key: k }) => {
      keys.push(k);
      await Promise.resolve();
      return { metric: trial, loss: devLoss(p), note: `trial ${trial}` };
    },
  });
  assert.deepEqual(results.map((r) => r.trial), [3, 2, 1, 0]);
  assert.deepEqual(results[0].extra, { loss: devLoss(results[0].params), note: "trial 3" });
  assert.equal(new Set(keys.map((k) => k.words.join())).size, 4);
  // Trials run one after another: evaluate saw trial keys in trial order, deterministically.
  const again: PRNGKey[] = [];
  await randomSearch(space, {
    trials: 4,
    key: key(3),
    mode: "max",
    evaluate: (_, { key: k }) => (again.push(k), 0),
  });
  assert.deepEqual(again, keys);
});

Deno.test("randomSearch: bad trials, mode or metric are errors that say what came", async () => {
  const evaluate = () => 0;
  await assert.rejects(
    randomSearch(space, { trials: 0, key: key(0), mode: "max", evaluate }),
    /trials must be an integer ≥ 1, got 0/,
  );
  await assert.rejects(
    // @ts-expect-error mode is "max" or "min"
    randomSearch(space, { trials: 1, key: key(0), mode: "best", evaluate }),
    /got "best"/,
  );
  await assert.rejects(
    // @ts-expect-error evaluate must return a number or { metric: number }
    randomSearch(space, { trials: 2, key: key(0), mode: "max", evaluate: () => ({ acc: 1 }) }),
    (e: unknown) => e instanceof TypeError && /got \{"acc":1\} in trial 0/.test(e.message),
  );
  await assert.rejects(
    // @ts-expect-error evaluate must return a number or { metric: number }
    randomSearch(space, { trials: 1, key: key(0), mode: "min", evaluate: () => null }),
    /got null in trial 0/,
  );
});
