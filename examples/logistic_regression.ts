/**
 * Logistic regression, the course's first model, on MNIST as a yes/no
 * question: "is this digit a 3?". One sigmoid unit over the 784 pixels,
 * trained by plain mini-batch gradient descent on the cross-entropy cost.
 * Prints the cost as it falls, then train and test accuracy beside the
 * precision and recall of the "3" class: only a tenth of the digits are 3s,
 * so a model that always answers "no" is already 90 % accurate. Writes the
 * cost curve to `logistic_cost.svg` in the output folder (`out/` by default,
 * or the first argument).
 *
 * Run: `npx -y deno@2.9.6 task example:logistic`.
 *
 * @module
 */
import { key } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import { slice } from "../ops/slice.ts";
import { sigmoidCrossEntropy } from "../ops/sigmoid_cross_entropy.ts";
import { loadMnist } from "../nets/data/mnist.ts";
import type { Dataset } from "../nets/data/dataset.ts";
import { makeDataset } from "../nets/data/dataset.ts";
import { logisticRegression } from "../nets/logistic_regression.ts";
import { sgd } from "../nets/optim/sgd.ts";
import { fit } from "../nets/train/fit.ts";
import { binaryMetrics } from "../nets/train/metrics.ts";
import { historySvg } from "../nets/train/history.ts";

const outDir = Deno.args[0] ?? "out";
const started = performance.now();
const digit = 3;

// Relabel: 1 for "a 3", 0 for any other digit. Pixels stay in [0, 1], like
// the course's images divided by 255.
const { train: digits, test: testDigits } = await loadMnist();
const yesNo = (d: Dataset): Dataset<[784], 2> =>
  makeDataset(d.images, Array.from(d.labels, (label) => (label === digit ? 1 : 0)), {
    classes: 2,
  });
const [train, test] = [yesNo(digits), yesNo(testDigits)];
console.log(`MNIST, "is it a ${digit}?": ${train.size} train and ${test.size} test digits`);

// The model: z = x·wᵀ + b, ŷ = sigmoid(z); w and b start at zero.
const model = logisticRegression(784);
type Params = ReturnType<typeof model.init>;
// y is the one-hot's second column, [m, 1]: 1 where the digit is a 3.
const cost = (params: Params, batch: Dataset<[784], 2>): Tensor<[], "f32"> =>
  sigmoidCrossEntropy(model.apply(params, batch.images), slice(batch.onehot, [0, 1], [-1, 1]));

const learningRate = 0.5;
const epochs = 10;
const batchSize = 250;
const every = 32;
console.log(`gradient descent: learning rate ${learningRate}, mini-batches of ${batchSize}`);
const history: [number, number][] = [];
let params = model.init(key(0));
let recent = 0;
for await (
  const step of fit(params, {
    data: train,
    loss: cost,
    optimizer: sgd({ learningRate }),
    epochs,
    batchSize,
    key: key(1),
  })
) {
  history.push([step.iteration, step.loss]);
  recent += step.loss;
  if (step.iteration % every === 0) {
    console.log(`  iteration ${step.iteration}: cost ${(recent / every).toFixed(4)}`);
    recent = 0;
  }
  params = step.params;
}

// Predict "a 3" where ŷ > 0.5, that is where z > 0.
const report = (name: string, data: Dataset<[784], 2>): void => {
  const z = model.apply(params, data.images);
  const m = binaryMetrics(Array.from(z.data, (value) => (value > 0 ? 1 : 0)), data.labels);
  const percent = (x: number) => `${(100 * x).toFixed(1)} %`;
  console.log(
    `${name}: accuracy ${percent(m.accuracy)} (always "no" would score ` +
      `${percent(1 - m.positiveRate)}), precision ${percent(m.precision)}, ` +
      `recall ${percent(m.recall)}`,
  );
};
report("train", train);
report("test ", test);
console.log(
  `precision: of the digits called a ${digit}, the share that are; ` +
    `recall: of the ${digit}s, the share found`,
);

await Deno.mkdir(outDir, { recursive: true });
await Deno.writeTextFile(
  `${outDir}/logistic_cost.svg`,
  historySvg({ "mini-batch cost": history }, {
    title: `Logistic regression, "is it a ${digit}?", learning rate ${learningRate}`,
    xLabel: "iteration",
  }),
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`wrote ${outDir}/logistic_cost.svg (${seconds} s in all)`);
