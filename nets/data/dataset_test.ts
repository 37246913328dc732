import assert from "node:assert/strict";
import { tensor, zeros } from "../../core/create.ts";
import { ShapeError } from "../../core/errors.ts";
import { makeDataset } from "./dataset.ts";
import type { Dataset } from "./dataset.ts";

Deno.test("makeDataset builds one-hot rows in the inputs' dtype and copies the labels", () => {
  const labels = [1, 0, 2];
  const data: Dataset<[2], 3, "f64"> = makeDataset(
    tensor([[1, 2], [3, 4], [5, 6]], { dtype: "f64" }),
    labels,
    { classes: 3 },
  );
  labels[0] = 2;
  assert.equal(data.size, 3);
  assert.deepEqual(Array.from(data.labels), [1, 0, 2]);
  assert.deepEqual(data.onehot.shape, [3, 3]);
  assert.equal(data.onehot.dtype, "f64");
  assert.deepEqual(Array.from(data.onehot.data), [0, 1, 0, 1, 0, 0, 0, 0, 1]);
});

Deno.test("makeDataset keeps image-shaped inputs", () => {
  const data: Dataset<[28, 28, 1], 10> = makeDataset(zeros([2, 28, 28, 1]), [0, 9], {
    classes: 10,
  });
  assert.deepEqual(data.images.shape, [2, 28, 28, 1]);
});

Deno.test("makeDataset rejects bad labels, counts and class numbers", () => {
  const images = zeros([2, 3]);
  assert.throws(() => makeDataset(images, [0, 3], { classes: 3 }), {
    name: "RangeError",
    message: "makeDataset: label 1 must be an integer in [0, 3), got 3",
  });
  assert.throws(() => makeDataset(images, [0, 0.5], { classes: 3 }), RangeError);
  assert.throws(() => makeDataset(images, [0], { classes: 3 }), ShapeError);
  assert.throws(() => makeDataset(images, [0, 0], { classes: 0 }), RangeError);
});

Deno.test("makeDataset accepts an empty dataset", () => {
  const data = makeDataset(zeros([0, 4]), [], { classes: 2 });
  assert.equal(data.size, 0);
  assert.deepEqual(data.onehot.shape, [0, 2]);
});
