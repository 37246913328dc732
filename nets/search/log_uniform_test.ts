import assert from "node:assert/strict";
import { logUniform } from "./log_uniform.ts";
import { draw, fiveSigma, share } from "./_testing.ts";

const N = 4000;

Deno.test("logUniform(1e-4, 1): a quarter of the samples in each decade", () => {
  const values = draw(logUniform(1e-4, 1), N);
  assert.ok(values.every((v) => v >= 1e-4 && v <= 1));
  // 5σ of a binomial share with p = 1/4 and N = 4000 is 0.034. A sampler
  // uniform in the value would put 90 % in [0.1, 1) and 0.9 % in [1e-4, 1e-3).
  const tolerance = fiveSigma(0.25, N);
  for (const low of [1e-4, 1e-3, 1e-2, 1e-1]) {
    const got = share(values, low, low === 0.1 ? Infinity : low * 10); // the top decade keeps 1
    assert.ok(Math.abs(got - 0.25) < tolerance, `decade from ${low}: ${got}`);
  }
});

Deno.test("logUniform: log10 of the samples is uniform (mean and spread)", () => {
  const exponents = draw(logUniform(1e-3, 10), N, 1).map(Math.log10);
  const mean = exponents.reduce((a, b) => a + b, 0) / N;
  // log10 is uniform on [−3, 1): mean −1, σ = 4/√12 ≈ 1.155, so the mean's σ is 0.018.
  assert.ok(Math.abs(mean + 1) < 5 * (4 / Math.sqrt(12)) / Math.sqrt(N), `mean ${mean}`);
  assert.ok(Math.min(...exponents) < -2.99 && Math.max(...exponents) > 0.99);
});

Deno.test("logUniform: narrow ranges stay inside despite rounding in 10^r", () => {
  const low = 0.3;
  const high = 0.30000000000000004;
  assert.ok(draw(logUniform(low, high), 200).every((v) => v >= low && v <= high));
});

Deno.test("logUniform: bounds must be positive, finite and increasing", () => {
  assert.throws(() => logUniform(0, 1), /expected low > 0 \(a log scale\), got low = 0/);
  assert.throws(() => logUniform(-1, 1), RangeError);
  assert.throws(() => logUniform(1, 1e-4), /low < high, got low = 1, high = 0.0001/);
  assert.throws(() => logUniform(1e-4, Infinity), RangeError);
});
