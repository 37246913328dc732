/**
 * The course's deep network week on MNIST: a 2-layer net (784-7-10) against
 * the "4-layer" L-layer net (784-20-7-5-10), both relu with He
 * initialisation, trained alike by mini-batch gradient descent from three
 * init seeds each. Prints train, dev and test accuracy per run, their
 * means, and how far the seed moves them: on 7,000 digits, compare the
 * difference the depth makes with the one the seed makes. Writes the six
 * cost curves to `deep_mnist_cost.svg` in the output folder (`out/` by
 * default, or the first argument).
 *
 * Run: `npx -y deno@2.9.6 task example:deep`.
 *
 * @module
 */
import { key } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import type { ParamTree } from "../core/tree.ts";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import { loadMnist } from "../nets/data/mnist.ts";
import { fitNormalizer, normalize } from "../nets/data/normalize.ts";
import type { Dataset } from "../nets/data/dataset.ts";
import type { Layer } from "../nets/layer.ts";
import { mlp } from "../nets/mlp.ts";
import { he } from "../nets/init.ts";
import { sgd } from "../nets/optim/sgd.ts";
import { fit } from "../nets/train/fit.ts";
import { accuracy } from "../nets/train/accuracy.ts";
import { historySvg } from "../nets/train/history.ts";

const outDir = Deno.args[0] ?? "out";
const started = performance.now();

// 7,000 train, 1,000 dev (100 per digit) and the test digits, standardised
// with the training set's mean and σ.
const splits = await loadMnist({ devPerDigit: 100 });
const stats = fitNormalizer(splits.train.images, { perFeature: false });
const prepared = (d: Dataset): Dataset => ({ ...d, images: normalize(d.images, stats) });
const [train, dev, test] = [prepared(splits.train), prepared(splits.dev), prepared(splits.test)];
console.log(`MNIST: ${train.size} train, ${dev.size} dev, ${test.size} test digits`);

const epochs = 8;
const batchSize = 64;
const learningRate = 0.1;
const seeds = [0, 1, 2];
type Model<P> = Layer<P, [784], [10], "f32">;
type Curve = [number, number][];

const accuracies = <P>(model: Model<P>, params: P): number[] =>
  [train, dev, test].map((data) => 100 * accuracy(model.apply(params, data.images), data.labels));

/** Mini-batch gradient descent from init key `seed`: the mean cost per epoch, the accuracies. */
async function trainModel<P extends ParamTree<P>>(
  model: Model<P>,
  seed: number,
): Promise<{ curve: Curve; scores: number[] }> {
  const cost = (params: P, batch: Dataset): Tensor<[], "f32"> =>
    softmaxCrossEntropy(model.apply(params, batch.images), batch.onehot);
  const curve: Curve = [];
  let params = model.init(key(seed)); // He: W[l] ~ N(0, 2/n[l−1]), b[l] = 0
  let epochCost = 0;
  for await (
    const step of fit(params, {
      data: train,
      loss: cost,
      optimizer: sgd({ learningRate }),
      epochs,
      batchSize,
      key: key(100), // the same mini-batches, in the same order, for every run
    })
  ) {
    params = step.params;
    epochCost += step.loss;
    if (!step.epochEnd) continue;
    curve.push([step.epoch, epochCost / step.steps]);
    epochCost = 0;
  }
  return { curve, scores: accuracies(model, params) };
}

const show = (scores: number[]): string =>
  ["train", "dev", "test"].map((name, i) => `${name} ${scores[i].toFixed(1)} %`).join(", ");
console.log(
  `relu nets, He init, mini-batch gradient descent (learning rate ${learningRate}, ` +
    `batches of ${batchSize}, ${epochs} epochs), init seeds ${seeds.join(", ")}:`,
);
const curves: Record<string, Curve> = {};
const devMeans: number[] = [];
const devRanges: number[] = [];
for (const sizes of [[784, 7, 10], [784, 20, 7, 5, 10]] as const) {
  const name = `${sizes.length - 1}-layer ${sizes.join("-")}`;
  const model = mlp(sizes, { init: he });
  const runs: number[][] = [];
  for (const seed of seeds) {
    const { curve, scores } = await trainModel(model, seed);
    curves[`${sizes.length - 1}-layer, seed ${seed}`] = curve;
    runs.push(scores);
    console.log(`  ${name}, seed ${seed}: ${show(scores)}`);
  }
  const mean = [0, 1, 2].map((i) => runs.reduce((sum, run) => sum + run[i], 0) / runs.length);
  console.log(`  ${name}, mean:   ${show(mean)}`);
  devMeans.push(mean[1]);
  devRanges.push(Math.max(...runs.map((run) => run[1])) - Math.min(...runs.map((run) => run[1])));
}
console.log(
  `mean dev accuracy, 4-layer minus 2-layer: ${(devMeans[1] - devMeans[0] >= 0 ? "+" : "")}${
    (devMeans[1] - devMeans[0]).toFixed(1)
  } points; ` +
    `from seed to seed it moves by up to ${devRanges[0].toFixed(1)} (2-layer) and ` +
    `${devRanges[1].toFixed(1)} points (4-layer)`,
);

await Deno.mkdir(outDir, { recursive: true });
await Deno.writeTextFile(
  `${outDir}/deep_mnist_cost.svg`,
  historySvg(curves, {
    title: "MNIST: 2-layer vs 4-layer net, mean mini-batch cost",
    xLabel: "epoch",
  }),
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`wrote ${outDir}/deep_mnist_cost.svg (${seconds} s in all)`);
