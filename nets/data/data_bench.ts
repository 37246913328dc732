// Run with `deno bench nets/data/data_bench.ts`: MNIST loading, one epoch of
// mini-batches, a shuffle, and normalisation, on the real 8,000-row training set.
import { foldIn, key } from "../../core/random.ts";
import { batches } from "./batches.ts";
import { loadMnist } from "./mnist.ts";
import { fitNormalizer, normalize } from "./normalize.ts";
import { shuffle } from "./shuffle.ts";

const { train } = await loadMnist();
const stats = fitNormalizer(train.images);
let epoch = 0;

Deno.bench("loadMnist (import, io-ts validation, split)", async () => {
  await loadMnist();
});

Deno.bench("batches: one shuffled epoch of 8,000 rows, batch 64", () => {
  batches(train, { batchSize: 64, key: foldIn(key(0), epoch++ % 1000) });
});

Deno.bench("shuffle: 8,000 rows", () => {
  shuffle(train, key(1));
});

Deno.bench("fitNormalizer: 8,000 × 784", () => {
  fitNormalizer(train.images);
});

Deno.bench("normalize: 8,000 × 784", () => {
  normalize(train.images, stats);
});
