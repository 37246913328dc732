/**
 * The course's planar data: 400 points on a two-coloured "flower" that no
 * straight line separates. Logistic regression draws a line and gets about
 * half of them; a shallow net with one tanh hidden layer of 4 units bends
 * its boundary around the petals. Then the course's sweep over hidden
 * sizes. Writes the cost curves (`planar_cost.svg`) and both decision
 * boundaries (`planar_logistic.svg`, `planar_hidden4.svg`) to the output
 * folder (`out/` by default, or the first argument).
 *
 * Run: `npx -y deno@2.9.6 task example:planar`.
 *
 * @module
 */
import { key } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import type { ParamTree } from "../core/tree.ts";
import { slice } from "../ops/slice.ts";
import { sigmoidCrossEntropy } from "../ops/sigmoid_cross_entropy.ts";
import type { Dataset } from "../nets/data/dataset.ts";
import { planarDataset } from "../nets/data/planar.ts";
import type { Layer } from "../nets/layer.ts";
import { logisticRegression } from "../nets/logistic_regression.ts";
import { mlp } from "../nets/mlp.ts";
import { scaledNormal } from "../nets/init.ts";
import { sgd } from "../nets/optim/sgd.ts";
import { fit } from "../nets/train/fit.ts";
import { binaryMetrics } from "../nets/train/metrics.ts";
import { historySvg } from "../nets/train/history.ts";
import { decisionBoundarySvg } from "../nets/train/decision_boundary_svg.ts";

const outDir = Deno.args[0] ?? "out";
const started = performance.now();

const flower = planarDataset(key(1));
console.log(`planar flower: ${flower.size} points, 2 classes, 2 features`);

type Model<P> = Layer<P, [2], [1], "f32">;
type Curve = [number, number][];

/** Full-batch gradient descent on the cross-entropy; the cost every `every` iterations. */
async function train<P extends ParamTree<P>>(
  model: Model<P>,
  options: { iterations: number; learningRate: number; every?: number },
): Promise<{ params: P; curve: Curve }> {
  // y is the one-hot's second column, [m, 1]: 1 for class 1.
  const cost = (params: P, batch: Dataset<[2], 2>): Tensor<[], "f32"> =>
    sigmoidCrossEntropy(model.apply(params, batch.images), slice(batch.onehot, [0, 1], [-1, 1]));
  const curve: Curve = [];
  let params = model.init(key(2));
  for await (
    const step of fit(params, {
      data: flower,
      loss: cost,
      optimizer: sgd({ learningRate: options.learningRate }),
      epochs: options.iterations, // one batch of all 400 points: one iteration per epoch
      batchSize: flower.size,
      key: key(3),
    })
  ) {
    if (step.iteration === 1 || step.iteration % 50 === 0) curve.push([step.iteration, step.loss]);
    if (options.every && step.iteration % options.every === 0) {
      console.log(`  iteration ${step.iteration}: cost ${step.loss.toFixed(4)}`);
    }
    params = step.params;
  }
  return { params, curve };
}

/** Class 1 where the logit is positive (ŷ > 0.5). */
const classify = <P>(model: Model<P>, params: P) => (x: Tensor<[number, 2], "f32">): number[] =>
  Array.from(model.apply(params, x).data, (z) => (z > 0 ? 1 : 0));
const accuracy = <P>(model: Model<P>, params: P): string =>
  (100 * binaryMetrics(classify(model, params)(flower.images), flower.labels).accuracy)
    .toFixed(2) + " %";

console.log("logistic regression (a straight boundary), learning rate 1.2:");
const linear = logisticRegression(2);
const fitLinear = await train(linear, { iterations: 1000, learningRate: 1.2, every: 250 });
console.log(`logistic regression accuracy: ${accuracy(linear, fitLinear.params)}`);

console.log("one tanh hidden layer of 4 units, W ~ N(0, 0.01²), learning rate 1.2:");
const shallow = mlp([2, 4, 1], { activation: "tanh", init: scaledNormal(0.01) });
const fitShallow = await train(shallow, { iterations: 10000, learningRate: 1.2, every: 1000 });
console.log(`shallow net (4 hidden units) accuracy: ${accuracy(shallow, fitShallow.params)}`);

console.log("hidden layer sizes, 2000 iterations each:");
for (const hidden of [1, 2, 3, 4, 5, 20, 50]) {
  const net = mlp([2, hidden, 1], { activation: "tanh", init: scaledNormal(0.01) });
  const { params } = await train(net, { iterations: 2000, learningRate: 1.2 });
  console.log(`  ${String(hidden).padStart(2)} hidden units: accuracy ${accuracy(net, params)}`);
}

await Deno.mkdir(outDir, { recursive: true });
await Deno.writeTextFile(
  `${outDir}/planar_cost.svg`,
  historySvg({ "logistic": fitLinear.curve, "4 tanh units": fitShallow.curve }, {
    title: "Planar flower: cost, full-batch gradient descent",
    xLabel: "iteration",
  }),
);
await Deno.writeTextFile(
  `${outDir}/planar_logistic.svg`,
  decisionBoundarySvg(flower, classify(linear, fitLinear.params), {
    title: "Logistic regression",
  }),
);
await Deno.writeTextFile(
  `${outDir}/planar_hidden4.svg`,
  decisionBoundarySvg(flower, classify(shallow, fitShallow.params), {
    title: "One hidden layer, 4 tanh units",
  }),
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `wrote ${outDir}/planar_cost.svg, planar_logistic.svg, planar_hidden4.svg (${seconds} s in all)`,
);
