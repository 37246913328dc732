import assert from "node:assert/strict";
import { tensor, zeros } from "../../core/create.ts";
import { DTypeError, ShapeError } from "../../core/errors.ts";
import type { Tensor } from "../../core/tensor.ts";
import { fitNormalizer, normalize } from "./normalize.ts";

Deno.test("fitNormalizer: per-feature mean and population deviation of a known array", () => {
  // Column 0: 1, 2, 3, 6 → mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5.
  // Column 1: constant 7 → mean 7, variance 0, std √ε.
  const train = tensor([[1, 7], [2, 7], [3, 7], [6, 7]], { dtype: "f64" });
  const stats = fitNormalizer(train);
  assert.deepEqual(Array.from(stats.mean.data), [3, 7]);
  assert.equal(stats.std.data[0], Math.sqrt(3.5 + 1e-8));
  assert.equal(stats.std.data[1], Math.sqrt(1e-8));
  const z = normalize(train, stats);
  assert.ok(Math.abs(z.data[0] - -2 / Math.sqrt(3.5)) < 1e-8);
  assert.equal(z.data[1], 0);
  let sum = 0;
  let squares = 0;
  for (let r = 0; r < 4; r++) {
    sum += z.data[2 * r];
    squares += z.data[2 * r] ** 2;
  }
  assert.ok(Math.abs(sum) < 1e-12 && Math.abs(squares / 4 - 1) < 1e-8);
});

Deno.test("the training stats are reused on other data", () => {
  const stats = fitNormalizer(tensor([[0, 10], [4, 10]]), { epsilon: 0 });
  const test = normalize(tensor([[2, 10], [6, 11]]), stats);
  assert.deepEqual(Array.from(test.data), [0, 0, 2, 1]);
});

Deno.test("epsilon 0 on a constant feature centres it only", () => {
  const stats = fitNormalizer(tensor([[5], [5]]), { epsilon: 0 });
  assert.equal(stats.std.data[0], 1);
});

Deno.test("perFeature false: one mean and deviation over every feature", () => {
  const stats = fitNormalizer(tensor([[0, 2], [4, 6]], { dtype: "f64" }), { epsilon: 0 });
  assert.deepEqual(Array.from(stats.mean.data), [2, 4]);
  const global = fitNormalizer(tensor([[0, 2], [4, 6]], { dtype: "f64" }), {
    epsilon: 0,
    perFeature: false,
  });
  assert.deepEqual(Array.from(global.mean.data), [3, 3]);
  assert.deepEqual(Array.from(global.std.data), [Math.sqrt(5), Math.sqrt(5)]);
});

Deno.test("image-shaped inputs keep their feature shape; the batch dim stays generic", () => {
  const images = zeros([3, 2, 2, 1]);
  const stats = fitNormalizer(images);
  assert.deepEqual(stats.mean.shape, [2, 2, 1]);
  const batch: Tensor<[8, 2, 2, 1]> = normalize(zeros([8, 2, 2, 1]), stats);
  assert.deepEqual(batch.shape, [8, 2, 2, 1]);
});

Deno.test("normalize and fitNormalizer reject what does not fit", () => {
  const stats = fitNormalizer(zeros([2, 3]));
  // @ts-expect-error the stats are for 3 features
  assert.throws(() => normalize(zeros([2, 4]), stats), ShapeError);
  // @ts-expect-error the stats are f32
  assert.throws(() => normalize(zeros([2, 3], { dtype: "f64" }), stats), DTypeError);
  assert.throws(() => fitNormalizer(zeros([0, 3])), RangeError);
  assert.throws(() => fitNormalizer(zeros([2, 3]), { epsilon: -1 }), RangeError);
});
