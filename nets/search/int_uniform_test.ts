import assert from "node:assert/strict";
import { intUniform } from "./int_uniform.ts";
import { draw, fiveSigma } from "./_testing.ts";

const N = 4000;

Deno.test("intUniform(1, 6): integers 1 to 6, both ends included, each about 1/6", () => {
  const values = draw(intUniform(1, 6), N);
  assert.ok(values.every((v) => Number.isInteger(v) && v >= 1 && v <= 6));
  const tolerance = fiveSigma(1 / 6, N); // 0.029
  for (let face = 1; face <= 6; face++) {
    const got = values.filter((v) => v === face).length / N;
    assert.ok(Math.abs(got - 1 / 6) < tolerance, `${face}: ${got}`);
  }
});

Deno.test("intUniform: one value when low === high; bad bounds are RangeErrors", () => {
  assert.deepEqual([...new Set(draw(intUniform(7, 7), 20))], [7]);
  assert.throws(() => intUniform(3, 2), /low <= high, got low = 3, high = 2/);
  assert.throws(() => intUniform(0.5, 2), RangeError);
  assert.throws(() => intUniform(0, 2 ** 60), RangeError);
});
