import assert from "node:assert/strict";
import { fromArray } from "../../core/create.ts";
import { key } from "../../core/random.ts";
import { makeDataset } from "./dataset.ts";
import { permutation } from "./permutation.ts";
import { shuffle } from "./shuffle.ts";

const rows = 50;
const data = makeDataset(
  fromArray(Float32Array.from({ length: rows * 2 }, (_, i) => Math.floor(i / 2)), [rows, 2]),
  Array.from({ length: rows }, (_, i) => i % 10),
  { classes: 10 },
);

Deno.test("shuffle follows permutation(key, size) and moves inputs and labels together", () => {
  const mixed = shuffle(data, key(5));
  const order = permutation(key(5), rows);
  for (let i = 0; i < rows; i++) {
    assert.equal(mixed.images.data[2 * i], order[i]);
    assert.equal(mixed.images.data[2 * i + 1], order[i]);
    assert.equal(mixed.labels[i], order[i] % 10);
    assert.equal(mixed.onehot.data[10 * i + (order[i] % 10)], 1);
  }
});

Deno.test("shuffle: same key same order, different keys different orders", () => {
  assert.deepEqual(shuffle(data, key(1)).labels, shuffle(data, key(1)).labels);
  assert.notDeepEqual(shuffle(data, key(1)).images.data, shuffle(data, key(2)).images.data);
});
