/**
 * Plain against residual: a small ResNet on MNIST and the same network with
 * its shortcuts cut. The stem is a 3×3 conv with stride 2 to 16 channels
 * (14×14×16), then `blocks` blocks of two 3×3 convs at 16 channels, each
 * conv followed by batch norm, then global average pooling and a softmax
 * layer: 2·blocks + 2 weight layers. A residual block computes
 * `a = relu(bn(conv(relu(bn(conv(a))))) + a)`, the plain one the same without
 * `+ a`, with the very same params: one init from one seed serves both, and
 * both see the same mini-batches (Adam 1e-3, batch 64). Prints the training
 * error per epoch for both (on the whole training subset, with the running
 * batch-norm statistics, after each epoch) and writes both curves to
 * `resnet_small.svg` in the output folder (`out/` by default, or the first
 * argument).
 *
 * The course's point (He et al. 2015, figure 1): with depth, a plain net
 * gets harder to optimise and its training error stays higher, while the
 * residual net, whose blocks can easily stay close to the identity, keeps
 * learning.
 *
 * Run: `npx -y deno@2.9.6 task example:resnet`.
 *
 * @module
 */
import { key, split } from "../core/random.ts";
import type { PRNGKey } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import { reshape } from "../ops/reshape.ts";
import { relu } from "../ops/relu.ts";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import { loadMnist } from "../nets/data/mnist.ts";
import type { Dataset } from "../nets/data/dataset.ts";
import { selectClasses } from "../nets/data/select_classes.ts";
import { sequential } from "../nets/sequential.ts";
import { conv2dLayer } from "../nets/conv_layer.ts";
import { batchNorm } from "../nets/batch_norm.ts";
import { reluLayer } from "../nets/activation.ts";
import { residual } from "../nets/models/residual.ts";
import { globalAvgPool } from "../nets/global_avg_pool.ts";
import { dense } from "../nets/dense.ts";
import type { ParamsOf, StateOf } from "../nets/layer.ts";
import { adam } from "../nets/optim/adam.ts";
import { fit } from "../nets/train/fit.ts";
import { accuracy } from "../nets/train/accuracy.ts";
import { precomputeFeatures } from "../nets/transfer/precompute_features.ts";
import { historySvg } from "../nets/train/history.ts";

const outDir = Deno.args[0] ?? "out";
const blocks = 8;
const perDigit = 200;
const epochs = 6;
const started = performance.now();

// A subset keeps the run near two minutes: the first 200 training digits of each class.
type Images = Dataset<[28, 28, 1]>;
const mnist = await loadMnist();
const subset = selectClasses(mnist.train, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { perClass: perDigit });
const trainSet: Images = { ...subset, images: reshape(subset.images, [subset.size, 28, 28, 1]) };
console.log(`MNIST subset: ${trainSet.size} training digits (${perDigit} per class)`);

// Convs without bias: batch norm's β takes its place.
const noBias = { padding: "same", bias: false } as const;
const stem = sequential(
  conv2dLayer(3, 1, 16, { ...noBias, stride: 2 }),
  batchNorm(16),
  reluLayer,
);
const block = residual(
  sequential(
    conv2dLayer(3, 16, 16, noBias),
    batchNorm(16),
    reluLayer,
    conv2dLayer(3, 16, 16, noBias),
    batchNorm(16),
  ),
);
const head = dense(16, 10);
type Params = {
  stem: ParamsOf<typeof stem>;
  blocks: ParamsOf<typeof block>[];
  head: ParamsOf<typeof head>;
};
type State = { stem: StateOf<typeof stem>; blocks: StateOf<typeof block>[] };

function init(k: PRNGKey): Params {
  const [stemKey, headKey, ...blockKeys] = split(k, blocks + 2);
  return { stem: stem.init(stemKey), blocks: blockKeys.map(block.init), head: head.init(headKey) };
}
function initState(): State {
  return {
    stem: stem.initState(),
    blocks: Array.from({ length: blocks }, () => block.initState()),
  };
}

/** The logits and the new state; `shortcuts: false` drops the `+ a` of every block. */
function forward(
  params: Params,
  state: State,
  images: Tensor<[number, 28, 28, 1]>,
  options: { shortcuts: boolean; training: boolean },
) {
  const context = { training: options.training };
  const stemOut = stem.applyWithState(params.stem, state.stem, images, context);
  let a = stemOut.output;
  const blockStates = params.blocks.map((p, i) => {
    if (options.shortcuts) {
      const out = block.applyWithState(p, state.blocks[i], a, context);
      a = out.output;
      return out.state;
    }
    const out = block.main.applyWithState(p.main, state.blocks[i].main, a, context);
    a = relu(out.output);
    return { ...state.blocks[i], main: out.state };
  });
  const logits = head.apply(params.head, globalAvgPool.apply({}, a));
  return { logits, state: { stem: stemOut.state, blocks: blockStates } };
}

async function trainNet(shortcuts: boolean, name: string): Promise<[number, number][]> {
  const [initKey, shuffleKey] = split(key(0), 2);
  const curve: [number, number][] = [];
  const loss = (params: Params, batch: Images, state: State) => {
    const out = forward(params, state, batch.images, { shortcuts, training: true });
    return { loss: softmaxCrossEntropy(out.logits, batch.onehot), state: out.state };
  };
  const optimizer = adam({ learningRate: 1e-3 });
  for await (
    const step of fit(init(initKey), {
      data: trainSet,
      loss,
      optimizer,
      epochs,
      batchSize: 64,
      key: shuffleKey,
      modelState: initState(),
    })
  ) {
    if (!step.epochEnd) continue;
    const predict = (x: Tensor<[number, 28, 28, 1]>) =>
      forward(step.params, step.modelState, x, { shortcuts, training: false }).logits;
    const logits = precomputeFeatures(predict, trainSet, { batchSize: 500 });
    const error = 1 - accuracy(logits.images, trainSet.labels);
    curve.push([step.epoch, error]);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `${name} epoch ${step.epoch}: training error ${(100 * error).toFixed(2)} % (${seconds} s)`,
    );
  }
  return curve;
}

const plainCurve = await trainNet(false, "plain   ");
const residualCurve = await trainNet(true, "residual");

await Deno.mkdir(outDir, { recursive: true });
await Deno.writeTextFile(
  `${outDir}/resnet_small.svg`,
  historySvg({ plain: plainCurve, residual: residualCurve }, {
    title: `Training error, ${2 * blocks + 2}-layer conv nets on ${trainSet.size} MNIST digits`,
    xLabel: "epoch",
  }),
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`wrote ${outDir}/resnet_small.svg (${seconds} s in all)`);
