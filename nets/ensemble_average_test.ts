import assert from "node:assert/strict";
import { grad } from "../core/autodiff.ts";
import { tensor } from "../core/create.ts";
import { ShapeError } from "../core/errors.ts";
import type { Tensor } from "../core/tensor.ts";
import { sum } from "../ops/sum.ts";
import { averagePredictions } from "./ensemble_average.ts";

const f64 = (rows: number[][]) => tensor(rows, { dtype: "f64" }) as Tensor<[number, number], "f64">;

Deno.test("averagePredictions: the mean, and weights scaled to sum to 1", () => {
  const a = f64([[0.5, 0.5], [1, 0]]);
  const b = f64([[0.25, 0.75], [0, 1]]);
  const c = f64([[0.75, 0.25], [0.5, 0.5]]);
  assert.deepEqual(Array.from(averagePredictions([a, b, c]).data), [
    1.5 / 3,
    1.5 / 3,
    1.5 / 3,
    1.5 / 3,
  ]);
  // Weights 2 : 1 : 1 → 0.5, 0.25, 0.25 (exact in binary).
  assert.deepEqual(Array.from(averagePredictions([a, b, c], { weights: [2, 1, 1] }).data), [
    0.5,
    0.5,
    0.625,
    0.375,
  ]);
  // A zero weight drops a prediction; one prediction comes back as it is.
  assert.deepEqual(averagePredictions([a, b], { weights: [0, 5] }).data, b.data);
  assert.deepEqual(averagePredictions([a]).data, a.data);
  const f32 = averagePredictions([tensor([1, 2]), tensor([3, 4])]);
  assert.equal(f32.dtype, "f32");
  assert.deepEqual(Array.from(f32.data), [2, 3]);
});

Deno.test("averagePredictions is differentiable: each input gets its weight", () => {
  const b = f64([[3, 4]]);
  const g = grad((a: Tensor<[number, number], "f64">) =>
    sum(averagePredictions([a, b], { weights: [3, 1] }))
  )(f64([[1, 2]]));
  assert.deepEqual(Array.from(g.data), [0.75, 0.75]);
});

Deno.test("averagePredictions: shapes must agree; weights must be valid", () => {
  const a = f64([[1, 0]]);
  assert.throws(
    () => averagePredictions([a, f64([[1, 0], [0, 1]])]),
    new ShapeError(
      "averagePredictions: expected every prediction to have shape [1, 2], got [2, 2] from prediction 1",
    ),
  );
  assert.throws(
    () => averagePredictions([]),
    new RangeError("averagePredictions: expected at least one prediction, got 0"),
  );
  assert.throws(
    () => averagePredictions([a, a], { weights: [1] }),
    new RangeError("averagePredictions: expected 2 weights, one per prediction, got 1"),
  );
  assert.throws(
    () => averagePredictions([a, a], { weights: [1, -1] }),
    new RangeError("averagePredictions: weights must be finite and >= 0, got -1"),
  );
  assert.throws(
    () => averagePredictions([a, a], { weights: [0, 0] }),
    new RangeError("averagePredictions: the weights must not all be 0"),
  );
});
