import assert from "node:assert/strict";
import { key } from "../../core/random.ts";
import { uniform } from "./uniform.ts";
import { draw, fiveSigma, share } from "./_testing.ts";

const N = 4000;

Deno.test("uniform: samples lie in [low, high) and fill each quarter equally", () => {
  const values = draw(uniform(-2, 2), N);
  assert.ok(values.every((v) => v >= -2 && v < 2));
  const tolerance = fiveSigma(0.25, N); // 0.034
  for (const low of [-2, -1, 0, 1]) {
    const got = share(values, low, low + 1);
    assert.ok(Math.abs(got - 0.25) < tolerance, `[${low}, ${low + 1}): ${got}`);
  }
});

Deno.test("uniform: the same key gives the same value; other keys give others", () => {
  const d = uniform(0, 1);
  assert.equal(d.sample(key(5)), d.sample(key(5)));
  assert.notEqual(d.sample(key(5)), d.sample(key(6)));
  assert.deepEqual([d.kind, d.low, d.high], ["uniform", 0, 1]);
});

Deno.test("uniform: a range that is empty, reversed or infinite is a RangeError", () => {
  assert.throws(() => uniform(1, 1), /low < high, got low = 1, high = 1/);
  assert.throws(() => uniform(2, 1), RangeError);
  assert.throws(() => uniform(0, Infinity), RangeError);
  assert.throws(() => uniform(NaN, 1), RangeError);
});
