/**
 * The course's regularisation notebook on MNIST: a net with far more weights
 * than examples (784-100-10 on only 500 training digits) trained for many
 * epochs learns its training set by heart and does worse on new digits.
 * Then the same net, same init and same mini-batches, with an L2 penalty
 * `λ/(2m)·Σ‖W‖²` on the cost, and with inverted dropout on the hidden layer
 * (a fresh key every step). Prints train, dev and test accuracy for the
 * three, with the train − dev gap and the cross-entropy (without the
 * penalty) on train and dev, and writes the train and dev accuracy
 * curves to `regularization.svg` in the output folder (`out/` by default,
 * or the first argument).
 *
 * Run: `npx -y deno@2.9.6 task example:regularization`.
 *
 * @module
 */
import { foldIn, key } from "../core/random.ts";
import type { PRNGKey } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import { valueAndGrad } from "../core/autodiff.ts";
import { add } from "../ops/add.ts";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import { loadMnist } from "../nets/data/mnist.ts";
import { fitNormalizer, normalize } from "../nets/data/normalize.ts";
import { permutation } from "../nets/data/permutation.ts";
import { takeRows } from "../nets/data/take_rows.ts";
import { batches } from "../nets/data/batches.ts";
import type { Dataset } from "../nets/data/dataset.ts";
import { sequential } from "../nets/sequential.ts";
import { dense } from "../nets/dense.ts";
import { reluLayer } from "../nets/activation.ts";
import { dropout } from "../nets/dropout.ts";
import { l2Penalty } from "../nets/regularization.ts";
import { adam } from "../nets/optim/adam.ts";
import { applyUpdates } from "../nets/optim/optimizer.ts";
import { accuracy } from "../nets/train/accuracy.ts";
import { historySvg } from "../nets/train/history.ts";

const outDir = Deno.args[0] ?? "out";
const started = performance.now();

// 500 training digits drawn at random from the 7,000; 1,000 dev digits; the test digits.
const splits = await loadMnist({ devPerDigit: 100 });
const few = takeRows(splits.train, permutation(key(10), splits.train.size).subarray(0, 500));
const stats = fitNormalizer(few.images, { perFeature: false });
const prepared = (d: Dataset): Dataset => ({ ...d, images: normalize(d.images, stats) });
const [train, dev, test] = [prepared(few), prepared(splits.dev), prepared(splits.test)];
console.log(`MNIST: ${train.size} train, ${dev.size} dev, ${test.size} test digits`);

const hidden = 100;
const epochs = 30;
const batchSize = 50;
const learningRate = 1e-3;
const curves: Record<string, [number, number][]> = {};
const percent = (x: number) => `${(100 * x).toFixed(1)} %`;

/** Adam on the cross-entropy plus `λ/(2m)·Σ‖W‖²`, dropout keeping `keepProb` of the hidden units. */
function trainNet(name: string, options: { lambda: number; keepProb: number }): void {
  const { lambda, keepProb } = options;
  const net = sequential(dense(784, hidden), reluLayer, dropout(keepProb), dense(hidden, 10));
  type Params = ReturnType<typeof net.init>;
  const cost = (params: Params, batch: Dataset, dropoutKey: PRNGKey): Tensor<[], "f32"> => {
    const logits = net.apply(params, batch.images, { training: true, key: dropoutKey });
    const crossEntropy = softmaxCrossEntropy(logits, batch.onehot);
    return lambda === 0
      ? crossEntropy
      : add(crossEntropy, l2Penalty(params, { lambda, m: train.size }));
  };
  const costAndGrad = valueAndGrad(cost);
  const optimizer = adam({ learningRate });
  let params = net.init(key(0)); // the same init for the three
  let state = optimizer.init(params);
  let step = 0;
  // Inference: no training flag, so no dropout.
  const scores = () =>
    [train, dev, test].map((d) => accuracy(net.apply(params, d.images), d.labels));
  const crossEntropy = (d: Dataset) => softmaxCrossEntropy(net.apply(params, d.images), d.onehot);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    // The same shuffles for the three; a new dropout mask every step.
    for (const batch of batches(train, { batchSize, key: foldIn(key(1), epoch) })) {
      const [, grads] = costAndGrad(params, batch, foldIn(key(2), step++));
      const update = optimizer.update(grads, state, params);
      params = applyUpdates(params, update.updates);
      state = update.state;
    }
    if (epoch % 3 === 0) {
      const [trainAccuracy, devAccuracy] = scores();
      (curves[`${name}, train`] ??= []).push([epoch, trainAccuracy]);
      (curves[`${name}, dev`] ??= []).push([epoch, devAccuracy]);
    }
  }
  const [trainAccuracy, devAccuracy, testAccuracy] = scores();
  const [trainCost, devCost] = [train, dev].map((d) => crossEntropy(d).data[0].toFixed(3));
  const details = lambda > 0 ? ` (λ = ${lambda})` : keepProb < 1 ? ` (keep ${keepProb})` : "";
  console.log(
    `${(name + details).padEnd(18)} train ${percent(trainAccuracy)} (cost ${trainCost}), ` +
      `dev ${percent(devAccuracy)} (cost ${devCost}), test ${percent(testAccuracy)}; ` +
      `train − dev gap ${(100 * (trainAccuracy - devAccuracy)).toFixed(1)} points`,
  );
}

console.log(
  `784-${hidden}-10 relu net, Adam ${learningRate}, ${epochs} epochs of mini-batches of ` +
    `${batchSize}:`,
);
trainNet("none", { lambda: 0, keepProb: 1 });
trainNet("L2", { lambda: 20, keepProb: 1 });
trainNet("dropout", { lambda: 0, keepProb: 0.5 });

await Deno.mkdir(outDir, { recursive: true });
await Deno.writeTextFile(
  `${outDir}/regularization.svg`,
  historySvg(curves, {
    title: `500 MNIST digits, 784-${hidden}-10: accuracy`,
    xLabel: "epoch",
    width: 720,
  }),
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`wrote ${outDir}/regularization.svg (${seconds} s in all)`);
