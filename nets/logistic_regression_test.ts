import assert from "node:assert/strict";
import { fromArray, tensor } from "../core/create.ts";
import { key } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";
import type { Tensor } from "../core/tensor.ts";
import { treeZip } from "../core/tree.ts";
import { valueAndGrad } from "../core/autodiff.ts";
import { mul } from "../ops/mul.ts";
import { sub } from "../ops/sub.ts";
import { greater } from "../ops/compare.ts";
import { sigmoidCrossEntropy } from "../ops/sigmoid_cross_entropy.ts";
import { gradCheck } from "../props/grad_check.ts";
import type { DenseParams } from "./dense.ts";
import { logisticRegression } from "./logistic_regression.ts";
import { he } from "./init.ts";

/** Two Gaussian blobs in 3-D, centred at ±(1, 1, 1): 100 points each. */
function blobs(): { x: Tensor<[200, 3]>; y: Tensor<[200, 1]> } {
  const noise = randomNormal(key(12), [200, 3]);
  const values = new Float32Array(600);
  const labels = new Float32Array(200);
  for (let i = 0; i < 200; i++) {
    labels[i] = i % 2;
    for (let j = 0; j < 3; j++) values[3 * i + j] = noise.data[3 * i + j] + (i % 2 ? 1 : -1);
  }
  return { x: fromArray(values, [200, 3]), y: fromArray(labels, [200, 1]) };
}

Deno.test("logisticRegression: zero init, w is [1, nX], apply gives logits", () => {
  const model = logisticRegression(3);
  const params = model.init(key(0));
  assert.deepEqual(params.w.shape, [1, 3]);
  assert.deepEqual(params.b.shape, [1]);
  assert(params.w.data.every((v) => v === 0));
  const z = model.apply({ w: tensor([[1, 2, 3]]), b: tensor([-1]) }, tensor([[1, 1, 1]]));
  assert.deepEqual(z.toArray(), [[5]]);
  assert.equal(model.name, "logisticRegression");
  assert.deepEqual(model.outputShape([3]), [1]);
  assert(he(key(0), [1, 3]).data.some((v) => v !== 0));
  assert(logisticRegression(3, { init: he }).init(key(0)).w.data.some((v) => v !== 0));
});

Deno.test("logisticRegression: gradient descent separates two blobs", () => {
  const model = logisticRegression(3);
  const { x, y } = blobs();
  const step = valueAndGrad((p: DenseParams<3, 1>) => sigmoidCrossEntropy(model.apply(p, x), y));
  let params = model.init(key(0));
  let first = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    const [loss, grads] = step(params);
    if (iteration === 0) first = loss.data[0];
    params = treeZip(params, grads, (w, g) => sub(w, mul(g, 0.5)));
  }
  const last = sigmoidCrossEntropy(model.apply(params, x), y).data[0];
  assert(Math.abs(first - Math.LN2) < 1e-6, `cost at zero init ${first}`);
  assert(last < 0.3, `cost ${last}`);
  const predicted = greater(model.apply(params, x), 0);
  let correct = 0;
  for (let i = 0; i < 200; i++) if (predicted.data[i] === y.data[i]) correct++;
  assert(correct / 200 > 0.9, `accuracy ${correct / 200}`);
});

Deno.test("logisticRegression: gradCheck in f64", () => {
  const model = logisticRegression(3, { dtype: "f64", init: he });
  const x = randomNormal(key(1), [5, 3], { dtype: "f64" });
  const y = fromArray(new Float64Array([1, 0, 1, 1, 0]), [5, 1]);
  const result = gradCheck(
    (p: DenseParams<3, 1, "f64">) => sigmoidCrossEntropy(model.apply(p, x), y),
    model.init(key(2)),
  );
  assert(result.relativeError <= 1e-7, `${result.relativeError}`);
});
