/**
 * The course's initialisation notebook: one 3-layer net (2-10-5-1, relu) on
 * two noisy circles, trained alike by full-batch gradient descent from three
 * starting points: all zeros, large random weights (N(0, 1) × 10) and He
 * (N(0, 2/n_in)). Prints the cost as it trains and the train and test
 * accuracy, and shows why zeros fail: every hidden unit of a layer computes
 * the same thing and gets the same gradient, so the units never come apart
 * (the spread of the first layer's weights across its units stays exactly
 * 0). Writes the three cost curves to `initialization_cost.svg` in the
 * output folder (`out/` by default, or the first argument).
 *
 * Run: `npx -y deno@2.9.6 task example:init`.
 *
 * @module
 */
import { key } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import { slice } from "../ops/slice.ts";
import { sigmoidCrossEntropy } from "../ops/sigmoid_cross_entropy.ts";
import type { Dataset } from "../nets/data/dataset.ts";
import { circlesDataset } from "../nets/data/circles.ts";
import { mlp } from "../nets/mlp.ts";
import type { Initializer } from "../nets/init.ts";
import { he, scaledNormal, zeros } from "../nets/init.ts";
import { sgd } from "../nets/optim/sgd.ts";
import { fit } from "../nets/train/fit.ts";
import { binaryMetrics } from "../nets/train/metrics.ts";
import { historySvg } from "../nets/train/history.ts";

const outDir = Deno.args[0] ?? "out";
const started = performance.now();

const circles = circlesDataset(key(1), { size: 300, noise: 0.05 });
const testCircles = circlesDataset(key(2), { size: 100, noise: 0.05 });
console.log(`circles: ${circles.size} training points, ${testCircles.size} test points`);

const iterations = 4000;
const learningRate = 0.05;
const curves: Record<string, [number, number][]> = {};

/** Full-batch gradient descent on the 2-10-5-1 net with `W[l]` drawn by `init`. */
async function train(name: string, init: Initializer): Promise<void> {
  const model = mlp([2, 10, 5, 1], { init });
  type Params = ReturnType<typeof model.init>;
  // y is the one-hot's second column, [m, 1]: 1 for the inner circle.
  const cost = (params: Params, batch: Dataset<[2], 2>): Tensor<[], "f32"> =>
    sigmoidCrossEntropy(model.apply(params, batch.images), slice(batch.onehot, [0, 1], [-1, 1]));
  console.log(`${name}:`);
  let params = model.init(key(0));
  const curve: [number, number][] = [];
  for await (
    const step of fit(params, {
      data: circles,
      loss: cost,
      optimizer: sgd({ learningRate }),
      epochs: iterations, // one batch of all 300 points: one iteration per epoch
      batchSize: circles.size,
      key: key(3),
    })
  ) {
    params = step.params;
    // step.loss is the cost before this step's update: after `iteration − 1` updates.
    const done = step.iteration - 1;
    if (done % 20 === 0) curve.push([done, Math.log10(step.loss)]);
    if (done % 1000 === 0) console.log(`  iteration ${done}: cost ${step.loss.toFixed(4)}`);
  }
  console.log(`  iteration ${iterations}: cost ${cost(params, circles).data[0].toFixed(4)}`);
  curves[name] = curve;
  const percent = (data: Dataset<[2], 2>) => {
    const z = model.apply(params, data.images);
    const predicted = Array.from(z.data, (value) => (value > 0 ? 1 : 0));
    return `${(100 * binaryMetrics(predicted, data.labels).accuracy).toFixed(1)} %`;
  };
  // W[1] is [10, 2]: row u holds unit u's weights. Spread: over both inputs,
  // the largest gap between two units' weights on that input.
  const w1 = params[0].w.data;
  let spread = 0;
  for (let input = 0; input < 2; input++) {
    const column = Array.from({ length: 10 }, (_, unit) => w1[unit * 2 + input]);
    spread = Math.max(spread, Math.max(...column) - Math.min(...column));
  }
  console.log(
    `  train accuracy ${percent(circles)}, test accuracy ${percent(testCircles)}; ` +
      `spread of W[1] across its 10 units: ${spread === 0 ? "exactly 0" : spread.toFixed(3)}`,
  );
}

console.log(`2-10-5-1 relu net, ${iterations} iterations of gradient descent at ${learningRate}`);
await train("zeros", zeros);
await train("large random", scaledNormal(10)); // N(0, 1) × 10
await train("He", he);

await Deno.mkdir(outDir, { recursive: true });
await Deno.writeTextFile(
  `${outDir}/initialization_cost.svg`,
  historySvg(curves, {
    title: "Circles, 2-10-5-1 net: log10 of the cost by initialisation",
    xLabel: "iteration",
  }),
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`wrote ${outDir}/initialization_cost.svg (${seconds} s in all)`);
