import assert from "node:assert/strict";
import { oneMinusLogUniform } from "./one_minus_log_uniform.ts";
import { draw, fiveSigma, share } from "./_testing.ts";

const N = 4000;

Deno.test("oneMinusLogUniform(0.9, 0.999): half in [0.9, 0.99], half in [0.99, 0.999]", () => {
  const values = draw(oneMinusLogUniform(0.9, 0.999), N);
  assert.ok(values.every((v) => v >= 0.9 && v <= 0.999));
  // 5σ of a binomial share with p = 1/2 and N = 4000 is 0.040. A sampler
  // uniform in β would put 91 % below 0.99.
  const below = share(values, 0.9, 0.99);
  assert.ok(Math.abs(below - 0.5) < fiveSigma(0.5, N), `share below 0.99: ${below}`);
  // And 1 − β is log-uniform inside each half too: [0.99, 0.9968) is log10(1−β) in (−2.5, −2].
  const quarter = share(values, 0.99, 1 - 10 ** -2.5);
  assert.ok(Math.abs(quarter - 0.25) < fiveSigma(0.25, N), `share in [0.99, 0.9968): ${quarter}`);
});

Deno.test("oneMinusLogUniform: reaches both ends, and low may be 0 or negative", () => {
  const values = draw(oneMinusLogUniform(0, 0.99), N, 3);
  assert.ok(values.every((v) => v >= 0 && v <= 0.99));
  assert.ok(Math.min(...values) < 0.01 && Math.max(...values) > 0.989);
  assert.ok(draw(oneMinusLogUniform(-9, 0.9), 100).every((v) => v >= -9 && v <= 0.9));
});

Deno.test("oneMinusLogUniform: high must be below 1 and above low", () => {
  assert.throws(() => oneMinusLogUniform(0.9, 1), /expected high < 1 .* got high = 1/);
  assert.throws(() => oneMinusLogUniform(0.999, 0.9), /low < high/);
  assert.throws(() => oneMinusLogUniform(0.9, 1.5), RangeError);
});
