import assert from "node:assert/strict";
import { tensor } from "../core/create.ts";
import { key } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";
import type { Tensor } from "../core/tensor.ts";
import { softmax } from "../ops/softmax.ts";
import { dense } from "./dense.ts";
import { ensemble } from "./ensemble.ts";

Deno.test("ensemble averages the members' probabilities", () => {
  const layer = dense(4, 3, { dtype: "f64" });
  const members = [0, 1, 2].map((seed) => {
    const params = layer.init(key(seed));
    return (x: Tensor<[number, 4], "f64">) => softmax(layer.apply(params, x));
  });
  const x = randomNormal(key(9), [5, 4], { dtype: "f64" }) as Tensor<[number, 4], "f64">;
  const p = ensemble(members)(x);
  const each = members.map((member) => member(x).data);
  p.data.forEach((value, i) => {
    const mean = (each[0][i] + each[1][i] + each[2][i]) / 3;
    assert(Math.abs(value - mean) < 1e-15, `element ${i}`);
  });
  // Still probabilities: every row sums to 1.
  for (let row = 0; row < 5; row++) {
    const total = p.data[3 * row] + p.data[3 * row + 1] + p.data[3 * row + 2];
    assert(Math.abs(total - 1) < 1e-15);
  }
});

Deno.test("ensemble: exact weights on exact inputs; errors up front", () => {
  const sure = () => tensor([[1, 0]], { dtype: "f64" });
  const unsure = () => tensor([[0.5, 0.5]], { dtype: "f64" });
  assert.deepEqual(Array.from(ensemble([sure, unsure], { weights: [1, 3] })(undefined).data), [
    0.625,
    0.375,
  ]);
  assert.throws(
    () => ensemble([]),
    new RangeError("ensemble: expected at least one predictor, got 0"),
  );
  assert.throws(
    () => ensemble([sure, unsure], { weights: [1] }),
    new RangeError("ensemble: expected 2 weights, one per predictor, got 1"),
  );
});
