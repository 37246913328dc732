/**
 * Batch norm on a deeper net: a 784-100-100-100-100-10 sigmoid MLP trained on
 * the bundled MNIST digits twice, from the same seed with the same optimiser
 * (plain SGD, learning rate 0.2, batch 64, 6 epochs) and the same
 * mini-batches: once as it is, and once with batch norm before every hidden
 * activation (the dense layers before it lose their bias, which β replaces).
 * At this learning rate the plain net sits on a plateau near chance for about
 * two epochs; the normalised one learns from the first. Prints the mean
 * mini-batch cost and the dev accuracy after each epoch for both, and writes
 * both learning curves to `batch_norm.svg` in the output folder (`out/` by
 * default, or the first argument).
 *
 * Both nets go through the same code: every `sequential` network has
 * `initState`/`applyWithState`, the plain one with empty states. Training
 * mode normalises with the batch's statistics and returns the running ones;
 * the dev set is scored at inference, with the running statistics.
 *
 * Run: `npx -y deno@2.9.6 task example:batch-norm`.
 *
 * @module
 */
import { key, split } from "../core/random.ts";
import type { PRNGKey } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import type { ParamTree } from "../core/tree.ts";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import { loadMnist } from "../nets/data/mnist.ts";
import { fitNormalizer, normalize } from "../nets/data/normalize.ts";
import type { Dataset } from "../nets/data/dataset.ts";
import { dense } from "../nets/dense.ts";
import { batchNorm } from "../nets/batch_norm.ts";
import { sigmoidLayer } from "../nets/activation.ts";
import { sequential } from "../nets/sequential.ts";
import type { ApplyContext, WithState } from "../nets/layer.ts";
import { sgd } from "../nets/optim/sgd.ts";
import { fit } from "../nets/train/fit.ts";
import { accuracy } from "../nets/train/accuracy.ts";
import { historySvg } from "../nets/train/history.ts";

const outDir = Deno.args[0] ?? "out";
const epochs = 6;
const batchSize = 64;
const learningRate = 0.2;
const started = performance.now();

const mnist = await loadMnist({ devPerDigit: 100 });
// One mean and σ over all pixels of the training set, reused on dev (as in mnist_mlp.ts).
const stats = fitNormalizer(mnist.train.images, { perFeature: false });
const prepared = <D extends Dataset>(d: D): D => ({ ...d, images: normalize(d.images, stats) });
const [trainSet, devSet] = [prepared(mnist.train), prepared(mnist.dev)];
console.log(`MNIST: ${trainSet.size} train, ${devSet.size} dev digits`);

const plain = sequential(
  dense(784, 100),
  sigmoidLayer,
  dense(100, 100),
  sigmoidLayer,
  dense(100, 100),
  sigmoidLayer,
  dense(100, 100),
  sigmoidLayer,
  dense(100, 10),
);
const normalized = sequential(
  dense(784, 100, { bias: false }),
  batchNorm(100),
  sigmoidLayer,
  dense(100, 100, { bias: false }),
  batchNorm(100),
  sigmoidLayer,
  dense(100, 100, { bias: false }),
  batchNorm(100),
  sigmoidLayer,
  dense(100, 100, { bias: false }),
  batchNorm(100),
  sigmoidLayer,
  dense(100, 10),
);

/** What `train` needs of a network: both nets above are one. */
interface Net<P, St> {
  init(key: PRNGKey): P;
  initState(): St;
  applyWithState(
    params: P,
    state: St,
    x: Tensor<[number, 784]>,
    context?: ApplyContext,
  ): WithState<Tensor<[number, 10]>, St>;
}

interface Curves {
  cost: [number, number][];
  dev: [number, number][];
}

async function train<P extends ParamTree<P>, St>(
  name: string,
  net: Net<P, St>,
  keys: { init: PRNGKey; shuffle: PRNGKey },
): Promise<Curves> {
  const curves: Curves = { cost: [], dev: [] };
  let total = 0;
  for await (
    const step of fit(net.init(keys.init), {
      data: trainSet,
      optimizer: sgd({ learningRate }),
      epochs,
      batchSize,
      key: keys.shuffle,
      modelState: net.initState(),
      loss: (params: P, batch: Dataset, state: St) => {
        const { output, state: next } = net.applyWithState(params, state, batch.images, {
          training: true,
        });
        return { loss: softmaxCrossEntropy(output, batch.onehot), state: next };
      },
    })
  ) {
    total += step.loss;
    curves.cost.push([step.iteration, step.loss]);
    if (step.epochEnd) {
      const logits = net.applyWithState(step.params, step.modelState, devSet.images).output;
      const devAccuracy = accuracy(logits, devSet.labels);
      curves.dev.push([step.iteration, devAccuracy]);
      console.log(
        `${name} epoch ${step.epoch}: mean cost ${(total / step.steps).toFixed(4)}, ` +
          `dev accuracy ${(100 * devAccuracy).toFixed(2)} % ` +
          `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
      total = 0;
    }
  }
  return curves;
}

const [init, shuffle] = split(key(0), 2);
const withoutNorm = await train("plain     ", plain, { init, shuffle });
const withNorm = await train("batch norm", normalized, { init, shuffle });

/** The cost averaged over windows of 20 steps, so the two curves can be told apart. */
function smooth(points: [number, number][], window = 20): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0; start < points.length; start += window) {
    const slice = points.slice(start, start + window);
    out.push([slice[slice.length - 1][0], slice.reduce((s, [, y]) => s + y, 0) / slice.length]);
  }
  return out;
}

await Deno.mkdir(outDir, { recursive: true });
await Deno.writeTextFile(
  `${outDir}/batch_norm.svg`,
  historySvg({
    "plain: cost": smooth(withoutNorm.cost),
    "batch norm: cost": smooth(withNorm.cost),
    "plain: dev accuracy": withoutNorm.dev,
    "batch norm: dev accuracy": withNorm.dev,
  }, {
    title: `784-100×4-10 sigmoid MLP on MNIST, SGD ${learningRate}, batch ${batchSize}`,
    xLabel: "iteration",
  }),
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`wrote ${outDir}/batch_norm.svg (${seconds} s in all)`);
