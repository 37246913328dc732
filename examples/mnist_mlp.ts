/**
 * The main job: a 784-128-64-10 MLP trained on the bundled MNIST digits with
 * Adam (learning rate 1e-3, batch 64, 5 epochs), the recipe. Prints
 * progress, the dev accuracy after each epoch and the final test accuracy,
 * and writes the loss curve (`mnist_loss.svg`) and a checkpoint
 * (`mnist_mlp.safetensors`) to the output folder (`out/` by default, or the
 * first argument).
 *
 * Run: `npx -y deno@2.9.6 task demo:mlp`.
 *
 * @module
 */
import { key, split } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import { loadMnist } from "../nets/data/mnist.ts";
import { fitNormalizer, normalize } from "../nets/data/normalize.ts";
import type { Dataset } from "../nets/data/dataset.ts";
import { mlp } from "../nets/mlp.ts";
import { adam } from "../nets/optim/adam.ts";
import { fit } from "../nets/train/fit.ts";
import { accuracy } from "../nets/train/accuracy.ts";
import { progressSink } from "../nets/train/progress.ts";
import { historySvg } from "../nets/train/history.ts";
import { saveCheckpoint } from "../nets/checkpoint/file.ts";

const outDir = Deno.args[0] ?? "out";
const started = performance.now();

const { train, dev, test } = await loadMnist({ devPerDigit: 100 });
// Normalise with the training set's statistics, reused on dev and test: one
// mean and σ over all pixels (per-pixel σ is zero on the always-blank border,
// so per-pixel statistics would blow up the few test digits that touch it).
const stats = fitNormalizer(train.images, { perFeature: false });
const prepared = <D extends Dataset>(d: D): D => ({ ...d, images: normalize(d.images, stats) });
const [trainSet, devSet, testSet] = [prepared(train), prepared(dev), prepared(test)];
console.log(
  `MNIST: ${trainSet.size} train, ${devSet.size} dev, ${testSet.size} test digits ` +
    `(loaded in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
);

const [initKey, shuffleKey] = split(key(0), 2);
const model = mlp([784, 128, 64, 10]);
type Params = ReturnType<typeof model.init>;
const loss = (params: Params, batch: Dataset): Tensor<[], "f32"> =>
  softmaxCrossEntropy(model.apply(params, batch.images), batch.onehot);

const epochs = 5;
const show = progressSink();
const history: [number, number][] = [];
const devHistory: [number, number][] = [];
let params = model.init(initKey);
const optimizer = adam({ learningRate: 1e-3 });
let state = optimizer.init(params);
let iterations = 0;
for await (
  const step of fit(params, {
    data: trainSet,
    loss,
    optimizer,
    state,
    epochs,
    batchSize: 64,
    key: shuffleKey,
  })
) {
  history.push([step.iteration, step.loss]);
  show({
    epoch: step.epoch,
    epochs,
    step: step.step,
    steps: step.steps,
    values: { loss: step.loss },
  });
  if (step.epochEnd) {
    params = step.params;
    state = step.state;
    iterations = step.iteration;
    const devAccuracy = accuracy(model.apply(params, devSet.images), devSet.labels);
    devHistory.push([step.iteration, devAccuracy]);
    console.log(`  dev accuracy ${(100 * devAccuracy).toFixed(2)} %`);
  }
}

const testAccuracy = accuracy(model.apply(params, testSet.images), testSet.labels);
const seconds = (performance.now() - started) / 1000;
console.log(`test accuracy ${(100 * testAccuracy).toFixed(2)} % (${seconds.toFixed(1)} s in all)`);

await Deno.mkdir(outDir, { recursive: true });
await Deno.writeTextFile(
  `${outDir}/mnist_loss.svg`,
  historySvg({ "mini-batch cost": history, "dev accuracy": devHistory }, {
    title: "784-128-64-10 MLP on MNIST, Adam 1e-3, batch 64",
    xLabel: "iteration",
  }),
);
await saveCheckpoint(`${outDir}/mnist_mlp.safetensors`, { params, optimizer: state }, {
  step: iterations,
  key: shuffleKey,
});
console.log(`wrote ${outDir}/mnist_loss.svg and ${outDir}/mnist_mlp.safetensors`);
