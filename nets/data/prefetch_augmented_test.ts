import assert from "node:assert/strict";
import { foldIn, key } from "../../core/random.ts";
import { randomUniform } from "../../core/sample.ts";
import type { Tensor } from "../../core/tensor.ts";
import { augment } from "../augment/augment.ts";
import type { AugmentStep } from "../augment/augment.ts";
import { fitPcaColor } from "../augment/fit_pca_color.ts";
import { batches } from "./batches.ts";
import type { Dataset } from "./dataset.ts";
import { makeDataset } from "./dataset.ts";
import { prefetchAugmented } from "./prefetch_augmented.ts";

const images = randomUniform(key(0), [23, 10, 9, 3]);
const data = makeDataset(images, Array.from({ length: 23 }, (_, i) => i % 4), { classes: 4 });
const pca = fitPcaColor(images);
const steps: AugmentStep[] = [
  { kind: "crop", size: [8, 8], padding: 2 },
  { kind: "flip", vertical: true },
  { kind: "colorShift", maxShift: 0.1 },
  { kind: "pcaColor", pca, std: 0.2 },
];

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

Deno.test("prefetchAugmented: Workers give the main thread's batches bit for bit, in order", async () => {
  const epoch = batches(data, { batchSize: 5, key: key(1) });
  const expected = epoch.map((batch, i) => augment(foldIn(key(2), i), batch.images, steps));
  for (const workers of [0, 1, 3]) {
    const out = await collect(prefetchAugmented(epoch, { key: key(2), steps, workers }));
    assert.equal(out.length, 5);
    out.forEach((batch, i) => {
      assert.deepEqual(batch.images.shape, [epoch[i].size, 8, 8, 3]);
      assert.deepEqual(batch.images.data, expected[i].data, `workers ${workers}, batch ${i}`);
      assert.equal(batch.images.dtype, "f32");
      assert.equal(batch.labels, epoch[i].labels);
      assert.equal(batch.onehot, epoch[i].onehot);
      assert.equal(batch.size, epoch[i].size);
    });
  }
  // The source batches are untouched (their buffers were copied, not transferred).
  assert.equal(epoch[0].images.data.length, 5 * 10 * 9 * 3);
});

Deno.test("prefetchAugmented: depth batches are taken from the source ahead of the consumer", async () => {
  for (const depth of [1, 3]) {
    const log: string[] = [];
    const source = (function* (): Generator<Dataset<[10, 9, 3], 4>> {
      for (const [i, batch] of batches(data, { batchSize: 4 }).entries()) {
        log.push(`take ${i}`);
        yield batch as Dataset<[10, 9, 3], 4>;
      }
    })();
    for await (const batch of prefetchAugmented(source, { key: key(3), steps, depth })) {
      log.push(`use ${batch.size}`);
    }
    // Before the first batch is used, batches 0…depth have been taken.
    assert.deepEqual(log.slice(0, depth + 2), [
      ...Array.from({ length: depth + 1 }, (_, i) => `take ${i}`),
      "use 4",
    ]);
  }
});

Deno.test("prefetchAugmented: f64 images and the type of the cropped rows", async () => {
  const wide = makeDataset(randomUniform(key(4), [6, 5, 5, 1], { dtype: "f64" }), [
    0,
    1,
    0,
    1,
    0,
    1,
  ], {
    classes: 2,
  });
  const crop = [{ kind: "crop", size: [3, 4] }] as const;
  const [batch] = await collect(prefetchAugmented([wide], { key: key(5), steps: crop }));
  const typed: Tensor<[number, 3, 4, 1], "f64"> = batch.images;
  assert.equal(typed.dtype, "f64");
  assert.deepEqual(typed.data, augment(foldIn(key(5), 0), wide.images, crop).data);
});

Deno.test("prefetchAugmented: a step that throws in a Worker names the batch", async () => {
  const tooBig: AugmentStep[] = [{ kind: "crop", size: [20, 20] }];
  await assert.rejects(
    () => collect(prefetchAugmented([data], { key: key(6), steps: tooBig })),
    (error: Error) => {
      assert.match(
        error.message,
        /^prefetchAugmented: batch 0: ShapeError: randomCrop: expected a window/,
      );
      return true;
    },
  );
});

Deno.test("prefetchAugmented: stopping early ends the Workers and closes the source", async () => {
  let closed = false;
  function* source() {
    try {
      for (let i = 0;; i++) yield data;
    } finally {
      closed = true;
    }
  }
  for await (const _ of prefetchAugmented(source(), { key: key(7), steps, workers: 2 })) break;
  assert(closed);
});

Deno.test("prefetchAugmented: workers and depth are checked", async () => {
  await assert.rejects(
    () => prefetchAugmented([data], { key: key(0), steps, workers: -1 }).next(),
    new RangeError("prefetchAugmented: workers must be a non-negative integer, got -1"),
  );
  await assert.rejects(
    () => prefetchAugmented([data], { key: key(0), steps, depth: 0 }).next(),
    new RangeError("prefetchAugmented: depth must be a positive integer, got 0"),
  );
});
