/**
 * The course's optimisation week: one 3-layer net (2-5-2-1, relu, He init)
 * on the 2-D "moons", trained by mini-batch gradient descent, momentum,
 * RMSprop and Adam from the same initial params over the same mini-batches.
 * At the course's small learning rate, 7e-4, see which ones get anywhere
 * in the same number of steps. Then gradient descent again, with a large
 * rate that decays (α₀ = 0.1, α = α₀/(1 + ⌊epoch/interval⌋)). Prints each
 * run's final cost and accuracy and writes the five cost curves to
 * `optimizers_cost.svg` in the output folder (`out/` by default, or the
 * first argument).
 *
 * Run: `npx -y deno@2.9.6 task example:optimizers`.
 *
 * @module
 */
import { key } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import { slice } from "../ops/slice.ts";
import { sigmoidCrossEntropy } from "../ops/sigmoid_cross_entropy.ts";
import type { Dataset } from "../nets/data/dataset.ts";
import { batchCount } from "../nets/data/batches.ts";
import { moonsDataset } from "../nets/data/moons.ts";
import { mlp } from "../nets/mlp.ts";
import { he } from "../nets/init.ts";
import type { Optimizer, StateFamily } from "../nets/optim/optimizer.ts";
import { sgd } from "../nets/optim/sgd.ts";
import { momentum } from "../nets/optim/momentum.ts";
import { rmsprop } from "../nets/optim/rmsprop.ts";
import { adam } from "../nets/optim/adam.ts";
import { inverseTimeDecay } from "../nets/optim/schedules.ts";
import { fit } from "../nets/train/fit.ts";
import { binaryMetrics } from "../nets/train/metrics.ts";
import { historySvg } from "../nets/train/history.ts";

const outDir = Deno.args[0] ?? "out";
const started = performance.now();

const moons = moonsDataset(key(3), { size: 300, noise: 0.2 });
const testMoons = moonsDataset(key(4), { size: 300, noise: 0.2 });
console.log(`moons: ${moons.size} training points, ${testMoons.size} test points`);

const model = mlp([2, 5, 2, 1], { init: he });
type Params = ReturnType<typeof model.init>;
// y is the one-hot's second column, [m, 1]: 1 for the lower moon.
const cost = (params: Params, batch: Dataset<[2], 2>): Tensor<[], "f32"> =>
  sigmoidCrossEntropy(model.apply(params, batch.images), slice(batch.onehot, [0, 1], [-1, 1]));
const initial = model.init(key(0)); // the same starting point for every optimiser
const epochs = 1500;
const batchSize = 64;
const learningRate = 7e-4;
const curves: Record<string, [number, number][]> = {};

/** Trains from `initial` over the same mini-batches (key 1); prints the final cost and accuracy. */
async function train<F extends StateFamily>(name: string, optimizer: Optimizer<F>): Promise<void> {
  let params = initial;
  let epochCost = 0;
  const curve: [number, number][] = [];
  for await (
    const step of fit(params, {
      data: moons,
      loss: cost,
      optimizer,
      epochs,
      batchSize,
      key: key(1),
    })
  ) {
    params = step.params;
    epochCost += step.loss;
    if (!step.epochEnd) continue;
    if (step.epoch % 10 === 0) curve.push([step.epoch, epochCost / step.steps]);
    epochCost = 0;
  }
  curves[name] = curve;
  const percent = (data: Dataset<[2], 2>) => {
    const z = model.apply(params, data.images);
    const predicted = Array.from(z.data, (value) => (value > 0 ? 1 : 0));
    return `${(100 * binaryMetrics(predicted, data.labels).accuracy).toFixed(1)} %`;
  };
  console.log(
    `${name.padEnd(16)} cost ${cost(params, moons).data[0].toFixed(4)}, ` +
      `train accuracy ${percent(moons)}, test accuracy ${percent(testMoons)}`,
  );
}

console.log(
  `${epochs} epochs of mini-batches of ${batchSize}, learning rate ${learningRate} ` +
    "(momentum β = 0.9; RMSprop β2 = 0.999; Adam β1 = 0.9, β2 = 0.999):",
);
await train("gradient descent", sgd({ learningRate }));
await train("momentum", momentum({ learningRate, beta: 0.9 }));
await train("RMSprop", rmsprop({ learningRate, beta2: 0.999 }));
await train("Adam", adam({ learningRate, beta1: 0.9, beta2: 0.999 }));

// Learning-rate decay: the schedule is a function of the epoch; the
// optimiser counts its updates and divides by the updates per epoch.
const interval = 300;
const schedule = inverseTimeDecay({ initial: 0.1, decayRate: 1, interval });
const stepsPerEpoch = batchCount(moons.size, { batchSize });
console.log(
  `gradient descent with decay: α = 0.1/(1 + ⌊epoch/${interval}⌋), ` +
    `from ${schedule(0)} to ${schedule(epochs - 1).toFixed(4)}:`,
);
await train("GD with decay", sgd({ learningRate: { schedule, stepsPerEpoch } }));

await Deno.mkdir(outDir, { recursive: true });
await Deno.writeTextFile(
  `${outDir}/optimizers_cost.svg`,
  historySvg(curves, {
    title: "Moons, 2-5-2-1 net: mean mini-batch cost per epoch",
    xLabel: "epoch",
    width: 720,
  }),
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`wrote ${outDir}/optimizers_cost.svg (${seconds} s in all)`);
