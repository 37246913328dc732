import assert from "node:assert/strict";
import { fromArray } from "../../core/create.ts";
import { foldIn, key } from "../../core/random.ts";
import type { Tensor } from "../../core/tensor.ts";
import { makeDataset } from "./dataset.ts";
import { batchCount, batches } from "./batches.ts";

const rows = 103;
const data = makeDataset(
  fromArray(Float32Array.from({ length: rows * 3 }, (_, i) => Math.floor(i / 3)), [rows, 3]),
  Array.from({ length: rows }, (_, i) => i % 7),
  { classes: 7 },
);

function firstColumn(images: Tensor<[number, 3]>): number[] {
  return Array.from({ length: images.shape[0] }, (_, i) => images.data[3 * i]);
}

Deno.test("every row appears exactly once per epoch, rows intact", () => {
  const epoch = batches(data, { batchSize: 10, key: key(0) });
  const seen = new Uint8Array(rows);
  for (const batch of epoch) {
    for (let i = 0; i < batch.size; i++) {
      const row = batch.images.data[3 * i];
      assert.equal(batch.images.data[3 * i + 2], row);
      assert.equal(batch.labels[i], row % 7);
      assert.equal(batch.onehot.data[7 * i + (row % 7)], 1);
      seen[row]++;
    }
  }
  assert.ok(seen.every((count) => count === 1));
});

Deno.test("the last partial batch is kept, or dropped with dropLast", () => {
  const kept = batches(data, { batchSize: 10, key: key(0) });
  assert.equal(kept.length, 11);
  assert.equal(kept[10].size, 3);
  assert.deepEqual(kept[10].images.shape, [3, 3]);
  assert.deepEqual(kept[10].onehot.shape, [3, 7]);
  const dropped = batches(data, { batchSize: 10, key: key(0), dropLast: true });
  assert.equal(dropped.length, 10);
  assert.ok(dropped.every((batch) => batch.size === 10));
  assert.deepEqual(dropped[9].labels, kept[9].labels);
  assert.equal(batchCount(rows, { batchSize: 10 }), 11);
  assert.equal(batchCount(rows, { batchSize: 10, dropLast: true }), 10);
});

Deno.test("same key same batches; another epoch's key another order; no key keeps order", () => {
  const a = batches(data, { batchSize: 16, key: foldIn(key(9), 0) }).flatMap((batch) =>
    firstColumn(batch.images)
  );
  const b = batches(data, { batchSize: 16, key: foldIn(key(9), 0) }).flatMap((batch) =>
    firstColumn(batch.images)
  );
  const c = batches(data, { batchSize: 16, key: foldIn(key(9), 1) }).flatMap((batch) =>
    firstColumn(batch.images)
  );
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  const ordered = batches(data, { batchSize: 16 }).flatMap((batch) => firstColumn(batch.images));
  assert.deepEqual(ordered, Array.from({ length: rows }, (_, i) => i));
});

Deno.test("a batch larger than the dataset gives one batch; an empty dataset none", () => {
  assert.equal(batches(data, { batchSize: 1000 }).length, 1);
  assert.equal(batches(data, { batchSize: 1000, dropLast: true }).length, 0);
  const empty = makeDataset(fromArray(new Float32Array(0), [0, 3]), [], { classes: 2 });
  assert.equal(batches(empty, { batchSize: 4, key: key(0) }).length, 0);
});

Deno.test("batches rejects a bad batch size", () => {
  assert.throws(() => batches(data, { batchSize: 0 }), {
    name: "RangeError",
    message: "batches: batchSize must be a positive integer, got 0",
  });
  assert.throws(() => batches(data, { batchSize: 2.5 }), RangeError);
});
