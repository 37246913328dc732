import assert from "node:assert/strict";
import { fromArray } from "../../core/create.ts";
import { key } from "../../core/random.ts";
import { makeDataset } from "./dataset.ts";
import { splitDataset } from "./split.ts";

const rows = 101;
const data = makeDataset(
  fromArray(Float32Array.from({ length: rows }, (_, i) => i), [rows, 1]),
  Array.from({ length: rows }, (_, i) => i % 2),
  { classes: 2 },
);

Deno.test("splitDataset: counts by rounding, parts disjoint and covering, rows in order", () => {
  const { train, dev, test } = splitDataset(data, key(1), { dev: 0.1, test: 0.25 });
  assert.deepEqual([train.size, dev.size, test.size], [66, 10, 25]);
  const all = [...train.images.data, ...dev.images.data, ...test.images.data].sort((a, b) => a - b);
  assert.deepEqual(all, Array.from({ length: rows }, (_, i) => i));
  for (const part of [train, dev, test]) {
    const values = Array.from(part.images.data);
    assert.deepEqual(values, [...values].sort((a, b) => a - b));
    values.forEach((value, i) => assert.equal(part.labels[i], value % 2));
  }
});

Deno.test("splitDataset is a function of the key", () => {
  const a = splitDataset(data, key(1), { dev: 0.2 });
  const b = splitDataset(data, key(1), { dev: 0.2 });
  const c = splitDataset(data, key(2), { dev: 0.2 });
  assert.deepEqual(a.dev.images.data, b.dev.images.data);
  assert.notDeepEqual(a.dev.images.data, c.dev.images.data);
  assert.equal(a.test.size, 0);
});

Deno.test("splitDataset takes everything for dev + test = 1 and rejects bad fractions", () => {
  const { train, dev, test } = splitDataset(data, key(0), { dev: 0.5, test: 0.5 });
  assert.equal(train.size + dev.size + test.size, rows);
  assert.equal(train.size, 0);
  assert.throws(() => splitDataset(data, key(0), { dev: 0.7, test: 0.4 }), RangeError);
  assert.throws(() => splitDataset(data, key(0), { dev: -0.1 }), RangeError);
  assert.throws(() => splitDataset(data, key(0), { test: Number.NaN }), RangeError);
});
