/**
 * Transfer learning on MNIST: LeNet-5 (relu, max pool) learns digits 0–4
 * from their 4,000 training images; its trunk, the two conv layers with
 * their pooling (400 features per image), is then frozen, and a new softmax
 * head on it learns digits 5–9 from only 50 training images per digit. The
 * trunk runs once over those 250 images (`precomputeFeatures`) and the head
 * trains on its features alone (`partitionParams` splits the params,
 * `mergeParams` puts them back together). For comparison the same network,
 * trunk and softmax head, learns 5–9 from scratch on the same 250 images.
 * Both train alike (Adam 1e-3, batch 25, 40 epochs, the same mini-batches)
 * and are scored on every 5–9 test digit. Prints the test accuracies and
 * the time each 5–9 model took.
 *
 * Where to cut was chosen on a dev set (1,000 other training images of
 * 5–9), not on the test set: a head on the 120 or the 84 features of the
 * dense layers did clearly worse than one on the conv features, since those
 * layers learned what tells 0–4 apart.
 *
 * Run: `npx -y deno@2.9.6 task example:transfer`.
 *
 * @module
 */
import { key, split } from "../core/random.ts";
import type { PRNGKey } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import type { ParamTree } from "../core/tree.ts";
import { reshape } from "../ops/reshape.ts";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import { loadMnist } from "../nets/data/mnist.ts";
import type { Dataset } from "../nets/data/dataset.ts";
import { selectClasses } from "../nets/data/select_classes.ts";
import { shuffle } from "../nets/data/shuffle.ts";
import { sequential } from "../nets/sequential.ts";
import { inputLayer } from "../nets/input_layer.ts";
import { conv2dLayer } from "../nets/conv_layer.ts";
import { maxPool2dLayer } from "../nets/pool_layer.ts";
import { flattenLayer } from "../nets/flatten_layer.ts";
import { dense } from "../nets/dense.ts";
import { reluLayer } from "../nets/activation.ts";
import { adam } from "../nets/optim/adam.ts";
import { fit } from "../nets/train/fit.ts";
import { accuracy } from "../nets/train/accuracy.ts";
import { partitionParams } from "../nets/transfer/partition_params.ts";
import { mergeParams } from "../nets/transfer/merge_params.ts";
import { precomputeFeatures } from "../nets/transfer/precompute_features.ts";

const started = performance.now();
const [sourceKey, sampleKey, headKey, scratchKey, shuffleKey] = split(key(0), 5);

// Digits 0–4 relabelled 0–4, digits 5–9 relabelled 0–4, as 28×28×1 images.
type Images = Dataset<[28, 28, 1], 5>;
const asImages = (d: Dataset<[784], 5>): Images => ({
  ...d,
  images: reshape(d.images, [d.size, 28, 28, 1]),
});
const mnist = await loadMnist();
const low = [0, 1, 2, 3, 4] as const;
const high = [5, 6, 7, 8, 9] as const;
const sourceTrain = asImages(selectClasses(mnist.train, low));
const sourceTest = asImages(selectClasses(mnist.test, low));
// 50 random training images of each digit 5–9: shuffle, then keep the first 50 per class.
const targetTrain = asImages(
  selectClasses(shuffle(mnist.train, sampleKey), high, { perClass: 50 }),
);
const targetTest = asImages(selectClasses(mnist.test, high));
console.log(
  `digits 0–4: ${sourceTrain.size} train, ${sourceTest.size} test; ` +
    `digits 5–9: ${targetTrain.size} train, ${targetTest.size} test`,
);

// The trunk: LeNet-5's convolutions (relu, max pool), 400 features per image.
const trunk = sequential(
  inputLayer([28, 28, 1]),
  conv2dLayer(5, 1, 6, { padding: "same" }),
  reluLayer,
  maxPool2dLayer(2),
  conv2dLayer(5, 6, 16),
  reluLayer,
  maxPool2dLayer(2),
  flattenLayer,
);
// For digits 0–4: the trunk and LeNet-5's dense layers (400-120-84-5).
const sourceNet = sequential(
  trunk,
  dense(400, 120),
  reluLayer,
  dense(120, 84),
  reluLayer,
  dense(84, 5),
);
// For digits 5–9: the trunk and a softmax head.
const head = dense(400, 5);
const targetNet = sequential(trunk, head);
type TargetParams = ReturnType<typeof targetNet.init>;

/** Trains `params` on `data` with Adam 1e-3 and returns the trained params. */
async function train<P extends ParamTree<P>, F extends number[]>(
  params: P,
  data: Dataset<F, 5>,
  apply: (params: P, x: Tensor<[number, ...F]>) => Tensor<[number, 5]>,
  options: { epochs: number; batchSize: number; key: PRNGKey },
): Promise<P> {
  const loss = (p: P, batch: Dataset<F, 5>) =>
    softmaxCrossEntropy(apply(p, batch.images), batch.onehot);
  for await (const step of fit(params, { data, loss, optimizer: adam(), ...options })) {
    params = step.params;
  }
  return params;
}

/** Accuracy of a network on a test set, 500 images at a time. */
function testAccuracy(
  apply: (x: Tensor<[number, 28, 28, 1]>) => Tensor<[number, 5]>,
  data: Images,
): number {
  return accuracy(precomputeFeatures(apply, data, { batchSize: 500 }).images, data.labels);
}
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

// 1. The source task: LeNet-5 on digits 0–4, 3 epochs.
let since = performance.now();
const source = await train(sourceNet.init(sourceKey), sourceTrain, sourceNet.apply, {
  epochs: 3,
  batchSize: 64,
  key: shuffleKey,
});
const sourceAccuracy = testAccuracy((x) => sourceNet.apply(source, x), sourceTest);
console.log(`digits 0–4: test accuracy ${percent(sourceAccuracy)} (${seconds(since)})`);

// 2. Transfer: the trained trunk and a new head; the trunk is frozen and runs once.
since = performance.now();
const start: TargetParams = [source[0], head.init(headKey)];
const { trainable, frozen } = partitionParams(start, [1]);
const features = precomputeFeatures((x) => trunk.apply(frozen[0], x), targetTrain, {
  batchSize: 250,
});
const small = { epochs: 40, batchSize: 25, key: shuffleKey };
const trainedHead = await train(trainable, features, (t, x) => head.apply(t[1], x), small);
const transferred = mergeParams(trainedHead, frozen);
const transferAccuracy = testAccuracy((x) => targetNet.apply(transferred, x), targetTest);
const transferTime = seconds(since);

// 3. The same network from scratch on the same 250 images.
since = performance.now();
const scratch = await train(targetNet.init(scratchKey), targetTrain, targetNet.apply, small);
const scratchAccuracy = testAccuracy((x) => targetNet.apply(scratch, x), targetTest);
const scratchTime = seconds(since);

console.log(`digits 5–9 from ${targetTrain.size} images (50 per digit), test accuracy:`);
console.log(`  frozen 0–4 trunk + new head: ${percent(transferAccuracy)} (${transferTime})`);
console.log(`  from scratch:                ${percent(scratchAccuracy)} (${scratchTime})`);
console.log(`(${seconds(started)} in all)`);

function percent(fraction: number): string {
  return `${(100 * fraction).toFixed(2)} %`;
}
