/**
 * Random search for Adam's learning rate α (and β1) of the 784-128-64-10 MLP
 * on MNIST, coarse to fine, as the course recommends:
 *
 * 1. Coarse round: 8 trials with α = 10^r, r uniform in [−4, 0], and
 *    β1 = 1 − 10^r in [0.9, 0.999]; each trains one epoch on 2,000 training
 *    digits and is scored by its accuracy on the 1,000 dev digits.
 * 2. Fine round: 8 more trials in the ranges the top 3 spanned, on the same
 *    scales.
 * 3. Final run with the best α and β1 on all 7,000 training digits, up to 12
 *    epochs, stopped early when the dev accuracy stops rising (patience 2),
 *    with the best epoch's params restored; then the test accuracy, once.
 *
 * Every trial starts from the same initial params and sees the same
 * mini-batches, so trials differ only in their hyperparameters.
 *
 * Run: `npx -y deno@2.9.6 task example:random-search`.
 *
 * @module
 */
import { key, split } from "../core/random.ts";
import type { PRNGKey } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import { loadMnist } from "../nets/data/mnist.ts";
import { fitNormalizer, normalize } from "../nets/data/normalize.ts";
import type { Dataset } from "../nets/data/dataset.ts";
import { shuffle } from "../nets/data/shuffle.ts";
import { takeRows } from "../nets/data/take_rows.ts";
import { mlp } from "../nets/mlp.ts";
import { adam } from "../nets/optim/adam.ts";
import { fit } from "../nets/train/fit.ts";
import { accuracy } from "../nets/train/accuracy.ts";
import { earlyStopping } from "../nets/train/early_stopping.ts";
import type { EarlyStoppingState } from "../nets/train/early_stopping.ts";
import type { Sampled } from "../nets/search/distribution.ts";
import { logUniform } from "../nets/search/log_uniform.ts";
import { oneMinusLogUniform } from "../nets/search/one_minus_log_uniform.ts";
import { randomSearch } from "../nets/search/random_search.ts";
import { refine } from "../nets/search/refine.ts";
import { formatSearchTable } from "../nets/search/format_search_table.ts";

const started = performance.now();
const seconds = (): string => ((performance.now() - started) / 1000).toFixed(1);

const { train, dev, test } = await loadMnist({ devPerDigit: 100 });
const stats = fitNormalizer(train.images, { perFeature: false });
const prepared = <D extends Dataset>(d: D): D => ({ ...d, images: normalize(d.images, stats) });
const [trainSet, devSet, testSet] = [prepared(train), prepared(dev), prepared(test)];
const [subsetKey, initKey, shuffleKey, coarseKey, fineKey] = split(key(0), 5);
const searchSet = takeRows(shuffle(trainSet, subsetKey), [...Array(2000).keys()]);
console.log(
  `MNIST: ${trainSet.size} train (${searchSet.size} for the search), ${devSet.size} dev, ` +
    `${testSet.size} test digits`,
);

const model = mlp([784, 128, 64, 10]);
type Params = ReturnType<typeof model.init>;
const loss = (params: Params, batch: Dataset): Tensor<[], "f32"> =>
  softmaxCrossEntropy(model.apply(params, batch.images), batch.onehot);
const devAccuracy = (params: Params): number =>
  accuracy(model.apply(params, devSet.images), devSet.labels);

const space = {
  learningRate: logUniform(1e-4, 1),
  beta1: oneMinusLogUniform(0.9, 0.999),
};
type Hyperparameters = Sampled<typeof space>;

/** One training run; `onEpoch` sees the params after each epoch and may stop it. */
async function trainModel(
  hp: Hyperparameters,
  options: { data: Dataset; epochs: number; shuffle: PRNGKey },
  onEpoch: (epoch: number, params: Params) => boolean = () => false,
): Promise<Params> {
  let params = model.init(initKey);
  const optimizer = adam({ learningRate: hp.learningRate, beta1: hp.beta1 });
  const steps = fit(params, { ...options, loss, optimizer, batchSize: 64, key: options.shuffle });
  for await (const step of steps) {
    if (!step.epochEnd) continue;
    params = step.params;
    if (onEpoch(step.epoch, params)) break;
  }
  return params;
}

/** A trial: one epoch on the 2,000 search digits, scored on dev. */
async function evaluate(hp: Hyperparameters): Promise<{ metric: number; seconds: number }> {
  const t0 = performance.now();
  const params = await trainModel(hp, { data: searchSet, epochs: 1, shuffle: shuffleKey });
  return { metric: devAccuracy(params), seconds: (performance.now() - t0) / 1000 };
}

const table = { space, metricName: "dev accuracy" };
const coarse = await randomSearch(space, { trials: 8, key: coarseKey, mode: "max", evaluate });
console.log(`\nCoarse round: α in [1e-4, 1], β1 in [0.9, 0.999] (at ${seconds()} s)`);
console.log(formatSearchTable(coarse, table));

const fineSpace = refine(space, coarse, { top: 3 });
const fine = await randomSearch(fineSpace, { trials: 8, key: fineKey, mode: "max", evaluate });
const { learningRate: alpha, beta1: beta } = fineSpace;
console.log(
  `\nFine round around the top 3: α in [${alpha.low.toExponential(1)}, ` +
    `${alpha.high.toExponential(1)}], β1 in [${beta.low.toFixed(4)}, ${beta.high.toFixed(4)}] ` +
    `(at ${seconds()} s)`,
);
console.log(formatSearchTable(fine, table));

// Both rounds used the same protocol, so their metrics compare directly. (On
// 1,000 dev digits an accuracy near 83 % has a standard error of about 1.2 %,
// so the top few trials are close to a tie; any of them would do.)
const chosen = fine[0].metric >= coarse[0].metric ? fine[0] : coarse[0];
const { learningRate, beta1 } = chosen.params;
console.log(
  `\nChosen: α = ${learningRate.toExponential(1)}, β1 = ${beta1.toFixed(4)} ` +
    `(dev accuracy ${(100 * chosen.metric).toFixed(1)} % after one epoch on 2,000 digits)`,
);

// Final run: all training digits, early stopping on the dev accuracy.
const epochs = 12;
const stopper = earlyStopping({ patience: 2, mode: "max" });
let tracker: EarlyStoppingState<Params> | undefined;
await trainModel(
  chosen.params,
  { data: trainSet, epochs, shuffle: shuffleKey },
  (epoch, params) => {
    const metric = devAccuracy(params);
    tracker = stopper.update(tracker, { epoch, metric, params });
    const mark = tracker.improved ? " (best so far)" : "";
    console.log(`  epoch ${epoch}: dev accuracy ${(100 * metric).toFixed(2)} %${mark}`);
    return tracker.stop;
  },
);
if (tracker === undefined) throw new Error("the final run ran no epoch");
const best = tracker.best;
const stoppedAt = tracker.stop
  ? `stopped after epoch ${best.epoch + tracker.epochsWithoutImprovement}`
  : `ran all ${epochs} epochs`;
const testAccuracy = accuracy(model.apply(best.params, testSet.images), testSet.labels);
console.log(
  `Final run ${stoppedAt}; restored epoch ${best.epoch} (dev ${
    (100 * best.metric).toFixed(2)
  } %): ` +
    `test accuracy ${(100 * testAccuracy).toFixed(2)} % (${seconds()} s in all)`,
);
