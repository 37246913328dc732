import assert from "node:assert/strict";
import { fromArray } from "../core/create.ts";
import { key } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";
import type { Tensor } from "../core/tensor.ts";
import { treeZip } from "../core/tree.ts";
import { valueAndGrad } from "../core/autodiff.ts";
import { mul } from "../ops/mul.ts";
import { sub } from "../ops/sub.ts";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import type { DenseParams } from "./dense.ts";
import { softmaxRegression } from "./softmax_regression.ts";

/** Three Gaussian blobs in 2-D around (3, 0), (−3, 0), (0, 3): 50 points each. */
function blobs(): { x: Tensor<[150, 2]>; y: Tensor<[150, 3]>; labels: number[] } {
  const centres = [[3, 0], [-3, 0], [0, 3]];
  const noise = randomNormal(key(5), [150, 2]);
  const values = new Float32Array(300);
  const onehot = new Float32Array(450);
  const labels: number[] = [];
  for (let i = 0; i < 150; i++) {
    const c = i % 3;
    labels.push(c);
    onehot[3 * i + c] = 1;
    values[2 * i] = centres[c][0] + noise.data[2 * i];
    values[2 * i + 1] = centres[c][1] + noise.data[2 * i + 1];
  }
  return { x: fromArray(values, [150, 2]), y: fromArray(onehot, [150, 3]), labels };
}

Deno.test("softmaxRegression: zero init gives uniform logits; W is [nClasses, nX]", () => {
  const model = softmaxRegression(2, 3);
  const params = model.init(key(0));
  assert.deepEqual(params.w.shape, [3, 2]);
  assert.deepEqual(params.b.shape, [3]);
  assert.equal(model.name, "softmaxRegression");
  assert.deepEqual(model.outputShape([2]), [3]);
  const { x, y } = blobs();
  assert(Math.abs(softmaxCrossEntropy(model.apply(params, x), y).data[0] - Math.log(3)) < 1e-6);
});

Deno.test("softmaxRegression: gradient descent classifies three blobs", () => {
  const model = softmaxRegression(2, 3);
  const { x, y, labels } = blobs();
  const step = valueAndGrad((p: DenseParams<2, 3>) => softmaxCrossEntropy(model.apply(p, x), y));
  let params = model.init(key(0));
  for (let iteration = 0; iteration < 100; iteration++) {
    params = treeZip(params, step(params)[1], (w, g) => sub(w, mul(g, 0.5)));
  }
  const [loss] = step(params);
  assert(loss.data[0] < 0.2, `cost ${loss.data[0]}`);
  const logits = model.apply(params, x);
  let correct = 0;
  for (let i = 0; i < 150; i++) {
    const row = Array.from(logits.data.slice(3 * i, 3 * i + 3));
    if (row.indexOf(Math.max(...row)) === labels[i]) correct++;
  }
  assert(correct / 150 > 0.95, `accuracy ${correct / 150}`);
});
