/**
 * Augment + train, with and without prefetching: one epoch of MNIST digits
 * (as 28 × 28 × 1 images) through a random crop (padding 2) and a brightness
 * shift, then an Adam step of a 784-32-10 MLP, batch 64. Prints ms per epoch
 * for: augmentation alone, training alone, both in turn, `prefetch` on the
 * main thread, and `prefetchAugmented` with 1 and 2 Workers. Only the Worker
 * rows can overlap the two: JavaScript runs one thread, so `prefetch` of
 * synchronous work merely reorders it.
 *
 * Run: `deno run --allow-read bench/prefetch_bench.ts [images] [epochs] [hidden]`
 * (defaults 2048, 3 and 32 hidden units, which make training and augmenting
 * cost about the same; read access is for the Worker's module).
 *
 * @module
 */
import { foldIn, key, split } from "../core/random.ts";
import { valueAndGrad } from "../core/autodiff.ts";
import type { Tensor } from "../core/tensor.ts";
import { reshape } from "../ops/reshape.ts";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import { mlp } from "../nets/mlp.ts";
import { adam } from "../nets/optim/adam.ts";
import { applyUpdates } from "../nets/optim/optimizer.ts";
import { loadMnist } from "../nets/data/mnist.ts";
import { takeRows } from "../nets/data/take_rows.ts";
import { batches } from "../nets/data/batches.ts";
import type { Dataset } from "../nets/data/dataset.ts";
import { prefetch } from "../nets/data/prefetch.ts";
import { prefetchAugmented } from "../nets/data/prefetch_augmented.ts";
import { augment } from "../nets/augment/augment.ts";

const count = Number(Deno.args[0] ?? 2048);
const epochs = Number(Deno.args[1] ?? 3);
const hidden = Number(Deno.args[2] ?? 32);
const repeat = Number(Deno.args[3] ?? 1);
const rounds = 3;
const batchSize = 64;
const steps = Array.from({ length: repeat }, () =>
  [
    { kind: "crop", size: [28, 28], padding: 2 },
    { kind: "colorShift", maxShift: 0.1 },
  ] as const).flat();

const { train } = await loadMnist();
const rows = takeRows(train, Array.from({ length: count }, (_, i) => (i * 7) % train.size));
type Images = Dataset<[28, 28, 1], 10>;
const images: Images = { ...rows, images: reshape(rows.images, [count, 28, 28, 1]) };

const model = mlp([784, hidden, 10]);
type Params = ReturnType<typeof model.init>;
const lossAndGrad = valueAndGrad((params: Params, batch: Images) =>
  softmaxCrossEntropy(model.apply(params, reshape(batch.images, [batch.size, 784])), batch.onehot)
);
const [initKey, shuffleKey, augmentKey] = split(key(0), 3);

/** A trainer: its step is one Adam update on a batch. */
function trainer(): (batch: Images) => void {
  const optimizer = adam({ learningRate: 1e-3 });
  let params = model.init(initKey);
  let state = optimizer.init(params);
  return (batch) => {
    const [, grads] = lossAndGrad(params, batch);
    const step = optimizer.update(grads, state, params);
    params = applyUpdates(params, step.updates);
    state = step.state;
  };
}

/** Every epoch's batches in one stream, so that Workers live across epochs. */
function* allEpochs(): Generator<Images> {
  for (let epoch = 0; epoch < epochs; epoch++) {
    yield* batches(images, { batchSize, key: foldIn(shuffleKey, epoch) });
  }
}

const augmented = (batch: Images, i: number): Images => ({
  ...batch,
  images: augment(foldIn(augmentKey, i), batch.images, steps) as Tensor<[number, 28, 28, 1]>,
});

/** Milliseconds per epoch of `run`. */
async function perEpoch(run: () => Promise<void> | void): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / epochs;
}

const pipelines: [string, () => Promise<void> | void][] = [
  ["augment only (main thread)", () => {
    let i = 0;
    for (const batch of allEpochs()) augmented(batch, i++);
  }],
  ["train only", () => {
    const step = trainer();
    for (const batch of allEpochs()) step(batch);
  }],
  ["augment, then train (serial)", () => {
    const step = trainer();
    let i = 0;
    for (const batch of allEpochs()) step(augmented(batch, i++));
  }],
  ["prefetch, main thread", async () => {
    const step = trainer();
    let i = 0;
    const source = (function* () {
      for (const batch of allEpochs()) yield augmented(batch, i++);
    })();
    for await (const batch of prefetch(source)) step(batch);
  }],
  ...[1, 2].map((workers): [string, () => Promise<void>] => [
    `prefetchAugmented, ${workers} Worker${workers > 1 ? "s" : ""}`,
    async () => {
      const step = trainer();
      const stream = prefetchAugmented(allEpochs(), { key: augmentKey, steps, workers });
      for await (const batch of stream) step(batch as Images);
    },
  ]),
];

// Warm up the JIT on every path, then time each pipeline in turn, `rounds` times,
// and keep the median: the rounds interleave, so a noisy moment hits every row.
for (const [, run] of pipelines) await run();
const times: number[][] = pipelines.map(() => []);
for (let round = 0; round < rounds; round++) {
  for (const [i, [, run]] of pipelines.entries()) times[i].push(await perEpoch(run));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = pipelines.map(([name], i): [string, number] => [name, median(times[i])]);

const serial = results[2][1];
console.log(
  `${count} images, batch ${batchSize}, ${epochs} epochs × ${rounds} rounds (median), ` +
    `784-${hidden}-10 MLP, pipeline ×${repeat}, ${navigator.hardwareConcurrency} cores`,
);
console.log("| pipeline | ms per epoch | vs serial |");
console.log("|---|---:|---:|");
for (const [name, ms] of results) {
  console.log(`| ${name} | ${ms.toFixed(0)} | ${(serial / ms).toFixed(2)}× |`);
}
