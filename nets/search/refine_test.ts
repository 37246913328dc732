import assert from "node:assert/strict";
import { key } from "../../core/random.ts";
import { choice } from "./choice.ts";
import { intUniform } from "./int_uniform.ts";
import { logUniform } from "./log_uniform.ts";
import { oneMinusLogUniform } from "./one_minus_log_uniform.ts";
import { randomSearch } from "./random_search.ts";
import { refine } from "./refine.ts";
import { uniform } from "./uniform.ts";
import { draw } from "./_testing.ts";

const space = {
  learningRate: logUniform(1e-4, 1),
  beta: oneMinusLogUniform(0.9, 0.999),
  keep: uniform(0.5, 1),
  layers: intUniform(1, 8),
  activation: choice(["relu", "tanh"] as const),
};
// Best near α = 1e-2, β = 0.99, keep = 0.8, 4 layers.
const results = await randomSearch(space, {
  trials: 30,
  key: key(4),
  mode: "min",
  evaluate: (p) =>
    Math.abs(Math.log10(p.learningRate) + 2) + Math.abs(Math.log10(1 - p.beta) + 2) +
    Math.abs(p.keep - 0.8) + Math.abs(p.layers - 4) / 4,
});

Deno.test("refine: each numeric range becomes the span of the top-k trials, same kind", () => {
  const fine = refine(space, results, { top: 5 });
  const top = results.slice(0, 5).map((r) => r.params);
  for (const name of ["learningRate", "beta", "keep", "layers"] as const) {
    const values = top.map((p) => p[name]);
    assert.equal(fine[name].kind, space[name].kind);
    assert.deepEqual([fine[name].low, fine[name].high], [Math.min(...values), Math.max(...values)]);
    // Narrower than before, and new samples stay inside the span.
    assert.ok(fine[name].high - fine[name].low < space[name].high - space[name].low);
    const samples = draw(fine[name], 200);
    assert.ok(samples.every((v) => v >= fine[name].low && v <= fine[name].high), name);
  }
  assert.equal(fine.activation, space.activation);
});

Deno.test("refine: a narrowed logUniform still samples on the log scale", () => {
  const fine = refine({ learningRate: logUniform(1e-4, 1) }, [
    { rank: 1, trial: 0, params: { learningRate: 1e-3 }, metric: 1, extra: {} },
    { rank: 2, trial: 1, params: { learningRate: 1e-1 }, metric: 0, extra: {} },
  ], { top: 2 });
  // Half the samples in [1e-3, 1e-2), half in [1e-2, 1e-1]; on a linear scale 91 % would be above 1e-2.
  const below = draw(fine.learningRate, 4000).filter((v) => v < 1e-2).length / 4000;
  assert.ok(Math.abs(below - 0.5) < 0.04, `share below 1e-2: ${below}`); // 5σ at N = 4000
});

Deno.test("refine: goes by rank, not array order, and leaves NaN metrics out", () => {
  const p = (learningRate: number) => ({ learningRate });
  const shuffled = [
    { rank: 3, trial: 0, params: p(0.5), metric: 0.2, extra: {} },
    { rank: 4, trial: 3, params: p(0.9), metric: NaN, extra: {} },
    { rank: 1, trial: 1, params: p(0.01), metric: 0.9, extra: {} },
    { rank: 2, trial: 2, params: p(0.02), metric: 0.8, extra: {} },
  ];
  const fine = refine({ learningRate: logUniform(1e-4, 1) }, shuffled, { top: 2 });
  assert.deepEqual([fine.learningRate.low, fine.learningRate.high], [0.01, 0.02]);
  assert.throws(
    () => refine({ learningRate: logUniform(1e-4, 1) }, shuffled, { top: 4 }),
    /top must be an integer from 2 to 3 \(the trials with a metric\), got 4/,
  );
});

Deno.test("refine: top below 2 or a collapsed continuous range are RangeErrors; ints may collapse", () => {
  assert.throws(() => refine(space, results, { top: 1 }), /got 1/);
  const same = [0, 1].map((trial) => ({
    rank: trial + 1,
    trial,
    params: { learningRate: 0.01, layers: 3 },
    metric: 1,
    extra: {},
  }));
  const ints = refine({ layers: intUniform(1, 8) }, same, { top: 2 });
  assert.deepEqual([ints.layers.low, ints.layers.high], [3, 3]);
  assert.throws(
    () => refine({ learningRate: logUniform(1e-4, 1) }, same, { top: 2 }),
    /top 2 trials all have learningRate = 0.01/,
  );
});
