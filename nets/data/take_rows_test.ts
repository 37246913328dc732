import assert from "node:assert/strict";
import { fromArray } from "../../core/create.ts";
import { makeDataset } from "./dataset.ts";
import { takeRows } from "./take_rows.ts";

function ramp(rows: number, width: number) {
  const images = fromArray(Float32Array.from({ length: rows * width }, (_, i) => i), [
    rows,
    2,
    width / 2,
  ]);
  return makeDataset(images, Array.from({ length: rows }, (_, i) => i % 3), { classes: 3 });
}

Deno.test("takeRows copies whole rows of every part, repeats allowed", () => {
  const data = ramp(4, 6);
  const picked = takeRows(data, [3, 1, 3]);
  assert.deepEqual(picked.images.shape, [3, 2, 3]);
  assert.deepEqual(Array.from(picked.images.data.subarray(0, 6)), [18, 19, 20, 21, 22, 23]);
  assert.deepEqual(Array.from(picked.images.data.subarray(6, 12)), [6, 7, 8, 9, 10, 11]);
  assert.deepEqual(Array.from(picked.labels), [0, 1, 0]);
  assert.deepEqual(Array.from(picked.onehot.data), [1, 0, 0, 0, 1, 0, 1, 0, 0]);
  assert.equal(picked.size, 3);
});

Deno.test("takeRows of no rows is an empty dataset", () => {
  const picked = takeRows(ramp(4, 6), []);
  assert.deepEqual(picked.images.shape, [0, 2, 3]);
  assert.deepEqual(picked.onehot.shape, [0, 3]);
});

Deno.test("takeRows rejects indices outside the dataset", () => {
  assert.throws(() => takeRows(ramp(4, 6), [0, 4]), {
    name: "RangeError",
    message: "takeRows: index 1 must be an integer in [0, 4), got 4",
  });
  assert.throws(() => takeRows(ramp(4, 6), [-1]), RangeError);
  assert.throws(() => takeRows(ramp(4, 6), new Float64Array([0.5])), RangeError);
});
