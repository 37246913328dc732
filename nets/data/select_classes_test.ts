import assert from "node:assert/strict";
import { fromArray } from "../../core/create.ts";
import type { Dataset } from "./dataset.ts";
import { makeDataset } from "./dataset.ts";
import { selectClasses } from "./select_classes.ts";
import { expectType } from "../../core/_type_assert.ts";
import type { Equal } from "../../core/_type_assert.ts";

/** Six rows of shape [2, 1], row i holding [i, 10·i], labelled 0 1 2 0 1 3 (4 classes). */
function rows() {
  const images = fromArray([0, 0, 1, 10, 2, 20, 3, 30, 4, 40, 5, 50], [6, 2, 1]);
  return makeDataset(images, [0, 1, 2, 0, 1, 3], { classes: 4 });
}

Deno.test("selectClasses keeps the listed classes in order, relabelled by position", () => {
  const picked = selectClasses(rows(), [3, 0]);
  expectType<Equal<typeof picked, Dataset<[2, 1], 2, "f32">>>();
  assert.equal(picked.size, 3);
  assert.deepEqual(picked.images.shape, [3, 2, 1]);
  assert.deepEqual(Array.from(picked.images.data), [0, 0, 3, 30, 5, 50]);
  assert.deepEqual(Array.from(picked.labels), [1, 1, 0]);
  assert.deepEqual(Array.from(picked.onehot.data), [0, 1, 0, 1, 1, 0]);
});

Deno.test("selectClasses with perClass keeps the first rows of each class", () => {
  const picked = selectClasses(rows(), [0, 1], { perClass: 1 });
  assert.deepEqual(Array.from(picked.labels), [0, 1]);
  assert.deepEqual(Array.from(picked.images.data), [0, 0, 1, 10]);
  assert.equal(selectClasses(rows(), [2], { perClass: 5 }).size, 1); // fewer rows than asked
  assert.equal(selectClasses(rows(), [2], { perClass: 0 }).size, 0);
});

Deno.test("selectClasses copies the inputs", () => {
  const data = rows();
  const picked = selectClasses(data, [0, 1, 2, 3]);
  assert.notEqual(picked.images.data, data.images.data);
  assert.deepEqual(Array.from(picked.images.data), Array.from(data.images.data));
});

Deno.test("selectClasses rejects bad classes and counts", () => {
  assert.throws(() => selectClasses(rows(), [1, 4]), {
    name: "RangeError",
    message: "selectClasses: class 1 must be an integer in [0, 4), got 4",
  });
  assert.throws(() => selectClasses(rows(), [2, 2]), {
    name: "RangeError",
    message: "selectClasses: class 2 is listed twice",
  });
  assert.throws(() => selectClasses(rows(), []), RangeError);
  assert.throws(() => selectClasses(rows(), [0.5]), RangeError);
  assert.throws(() => selectClasses(rows(), [0], { perClass: -1 }), {
    name: "RangeError",
    message: "selectClasses: perClass must be a non-negative integer, got -1",
  });
});
