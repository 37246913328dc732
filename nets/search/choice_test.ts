import assert from "node:assert/strict";
import { choice } from "./choice.ts";
import { draw, fiveSigma } from "./_testing.ts";

const N = 4000;

Deno.test("choice: every value about equally often, and nothing else", () => {
  const values = draw(choice(["relu", "tanh", "sigmoid"]), N);
  const tolerance = fiveSigma(1 / 3, N); // 0.037
  for (const name of ["relu", "tanh", "sigmoid"]) {
    const got = values.filter((v) => v === name).length / N;
    assert.ok(Math.abs(got - 1 / 3) < tolerance, `${name}: ${got}`);
  }
  assert.equal(values.length, N);
});

Deno.test("choice: the values are copied and frozen; an empty list is a RangeError", () => {
  const sizes = [64, 128];
  const d = choice(sizes);
  sizes.push(256);
  assert.deepEqual(d.values, [64, 128]);
  assert.ok(Object.isFrozen(d.values));
  assert.deepEqual(draw(choice([42]), 5), [42, 42, 42, 42, 42]);
  assert.throws(() => choice([]), /expected at least one value, got \[\]/);
});
