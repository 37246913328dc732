import assert from "node:assert/strict";
import { foldIn, key } from "../../core/random.ts";
import { choice } from "./choice.ts";
import { intUniform } from "./int_uniform.ts";
import { logUniform } from "./log_uniform.ts";
import { sampleSpace } from "./sample_space.ts";

Deno.test("sampleSpace: name j samples with foldIn(key, j); same key, same values", () => {
  const space = { learningRate: logUniform(1e-4, 1), layers: intUniform(1, 4) };
  const k = key(9);
  const trial = sampleSpace(space, k);
  assert.deepEqual(trial, {
    learningRate: space.learningRate.sample(foldIn(k, 0)),
    layers: space.layers.sample(foldIn(k, 1)),
  });
  assert.deepEqual(sampleSpace(space, key(9)), trial);
  assert.notDeepEqual(sampleSpace(space, key(10)), trial);
});

Deno.test("sampleSpace: a hyperparameter added at the end leaves the others as they were", () => {
  const small = { learningRate: logUniform(1e-4, 1) };
  const large = { ...small, hidden: choice([64, 128]) };
  assert.equal(sampleSpace(large, key(1)).learningRate, sampleSpace(small, key(1)).learningRate);
  assert.deepEqual(sampleSpace({}, key(1)), {});
});

Deno.test("sampleSpace: an entry that is no distribution is a TypeError naming it", () => {
  // @ts-expect-error a number is not a distribution
  assert.throws(() => sampleSpace({ learningRate: 0.01 }, key(0)), /for "learningRate", got 0.01/);
});
