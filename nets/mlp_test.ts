import assert from "node:assert/strict";
import { fromArray, tensor, zeros } from "../core/create.ts";
import { ShapeError } from "../core/errors.ts";
import { key, split } from "../core/random.ts";
import { randomUniform } from "../core/sample.ts";
import type { Tensor } from "../core/tensor.ts";
import { treeZip } from "../core/tree.ts";
import { valueAndGrad } from "../core/autodiff.ts";
import { add } from "../ops/add.ts";
import { mul } from "../ops/mul.ts";
import { sub } from "../ops/sub.ts";
import { relu } from "../ops/relu.ts";
import { softmax } from "../ops/softmax.ts";
import { sigmoid } from "../ops/sigmoid.ts";
import { greater } from "../ops/compare.ts";
import { meanSquaredError } from "../ops/mean_squared_error.ts";
import { sigmoidCrossEntropy } from "../ops/sigmoid_cross_entropy.ts";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import { gradCheck } from "../props/grad_check.ts";
import type { Activation, MlpParams } from "./mlp.ts";
import { mlp } from "./mlp.ts";
import { dense } from "./dense.ts";
import { zeros as zeroInit } from "./init.ts";
import { l2Penalty } from "./regularization.ts";
import { countParams } from "./count_params.ts";

Deno.test("mlp: dense layers with the hidden activation between, logits out", () => {
  const net = mlp([3, 4, 2]);
  const params = net.init(key(0));
  const x = tensor([[1, -1, 0.5], [0.2, 0.3, -2]]);
  const hidden = relu(dense(3, 4).apply(params[0], x));
  const expected = dense(4, 2).apply(params[1], hidden);
  assert.deepEqual(net.apply(params, x).data, expected.data);
  const probabilities = mlp([3, 4, 2], { outputActivation: "softmax" }).apply(params, x);
  assert.deepEqual(probabilities.data, softmax(expected).data);
});

Deno.test("mlp: params are one dense layer per pair of sizes; layer l gets split(key, L)[l]", () => {
  const net = mlp([784, 128, 64, 10]);
  const params = net.init(key(3));
  assert.deepEqual(params.map((p) => p.w.shape), [[128, 784], [64, 128], [10, 64]]);
  assert.deepEqual(params.map((p) => p.b.shape), [[128], [64], [10]]);
  assert.deepEqual(params[1], dense(128, 64).init(split(key(3), 3)[1]));
  assert.equal(countParams(params), 109386);
  assert.deepEqual(net.outputShape([784]), [10]);
  assert.deepEqual(net.inputShape, [784]);
  assert.deepEqual(net.sizes, [784, 128, 64, 10]);
  assert.equal(net.name, "mlp");
  assert.throws(
    () => net.outputShape([28, 28]),
    new ShapeError("mlp: expected a per-example input of shape [784], got [28, 28]"),
  );
});

Deno.test("mlp: bad sizes and activations are RangeErrors", () => {
  assert.throws(
    () => mlp([784]),
    new RangeError("mlp: expected at least two layer sizes (input and output), got [784]"),
  );
  assert.throws(
    () => mlp([784, 0, 10]),
    new RangeError("mlp: layer sizes must be positive integers, got 0 at index 1 of [784, 0, 10]"),
  );
  assert.throws(
    () => mlp([2, 2], { activation: "gelu" as Activation }),
    /mlp: activation must be one of "relu", .*got "gelu"/,
  );
  assert.throws(() => mlp([2, 2], { outputActivation: "swish" as Activation }), RangeError);
  const net = mlp([2, 2]);
  assert.throws(
    () => net.apply([] as unknown as ReturnType<typeof net.init>, zeros([1, 2])),
    new TypeError("mlp: expected params as an array of 1 (one per dense layer), got an array of 0"),
  );
});

// ---- gradient checks ----

/** Inputs and one-hot labels for a 4-feature, 3-class problem, in float64. */
function smallProblem(): { x: Tensor<[6, 4], "f64">; y: Tensor<[6, 3], "f64"> } {
  const x = randomUniform(key(21), [6, 4], { low: -2, high: 2, dtype: "f64" });
  const y = fromArray(
    Float64Array.from({ length: 18 }, (_, i) => (i % 3 === Math.floor(i / 3) % 3 ? 1 : 0)),
    [6, 3],
  );
  return { x, y };
}

for (const activation of ["relu", "leakyRelu", "tanh", "sigmoid"] as const) {
  Deno.test(`gradCheck: 4-5-4-3 mlp with ${activation}, softmax cross-entropy + L2, f64`, () => {
    const net = mlp([4, 5, 4, 3], { activation, dtype: "f64" });
    const { x, y } = smallProblem();
    type P = MlpParams<[4, 5, 4, 3], "f64">;
    const cost = (params: P): Tensor<[], "f64"> =>
      add(softmaxCrossEntropy(net.apply(params, x), y), l2Penalty(params, { lambda: 0.7, m: 6 }));
    const params = net.init(key(8));
    const result = gradCheck(cost, params);
    assert(result.relativeError <= 1e-7, `relative error ${result.relativeError}`);
    assert.equal(result.entries, countParams(params));
  });
}

Deno.test("gradCheck: 3-4-2 mlp with sigmoid outputs and mean squared error, f64", () => {
  const net = mlp([3, 4, 2], { activation: "tanh", outputActivation: "sigmoid", dtype: "f64" });
  const x = randomUniform(key(4), [5, 3], { low: -1, high: 1, dtype: "f64" });
  const target = randomUniform(key(5), [5, 2], { dtype: "f64" });
  const cost = (params: MlpParams<[3, 4, 2], "f64">): Tensor<[], "f64"> =>
    meanSquaredError(net.apply(params, x), target);
  const result = gradCheck(cost, net.init(key(6)));
  assert(result.relativeError <= 1e-7, `relative error ${result.relativeError}`);
});

// ---- training ----

/** XOR of the signs: 200 points in [−1, 1]², class 1 where x₁·x₂ > 0. */
function xorData(): { x: Tensor<[200, 2]>; y: Tensor<[200, 1]> } {
  const x = randomUniform(key(30), [200, 2], { low: -1, high: 1 });
  const labels = new Float32Array(200);
  for (let i = 0; i < 200; i++) labels[i] = x.data[2 * i] * x.data[2 * i + 1] > 0 ? 1 : 0;
  return { x, y: fromArray(labels, [200, 1]) };
}

function accuracy(logits: Tensor<[200, 1]>, y: Tensor<[200, 1]>): number {
  const predicted = greater(logits, 0);
  let correct = 0;
  for (let i = 0; i < 200; i++) if (predicted.data[i] === y.data[i]) correct++;
  return correct / 200;
}

Deno.test("training: gradient descent drives an mlp's loss down on XOR data", () => {
  const net = mlp([2, 8, 1], { activation: "tanh" });
  const { x, y } = xorData();
  type P = MlpParams<[2, 8, 1]>;
  const step = valueAndGrad((params: P) => sigmoidCrossEntropy(net.apply(params, x), y));
  let params = net.init(key(1));
  const losses: number[] = [];
  for (let iteration = 0; iteration < 400; iteration++) {
    const [loss, grads] = step(params);
    losses.push(loss.data[0]);
    params = treeZip(params, grads, (w, g) => sub(w, mul(g, 1)));
  }
  const final = sigmoidCrossEntropy(net.apply(params, x), y).data[0];
  assert(losses[0] > 0.6, `initial loss ${losses[0]}`);
  assert(final < 0.25 * losses[0], `loss ${losses[0]} → ${final}`);
  for (let i = 50; i < losses.length; i += 50) assert(losses[i] < losses[i - 50]);
  assert(accuracy(net.apply(params, x), y) >= 0.93);
  // A probability view of the same logits.
  assert(sigmoid(net.apply(params, x)).data.every((p) => p > 0 && p < 1));
});

Deno.test("training: zero-initialised mlp output layer still trains the bias only", () => {
  // With every weight zero and tanh hidden units, tanh(0) = 0 blocks all weight gradients.
  const net = mlp([2, 3, 1], { activation: "tanh", init: zeroInit });
  const { x, y } = xorData();
  const step = valueAndGrad((params: MlpParams<[2, 3, 1]>) =>
    sigmoidCrossEntropy(net.apply(params, x), y)
  );
  let params = net.init(key(0));
  for (let iteration = 0; iteration < 5; iteration++) {
    params = treeZip(params, step(params)[1], (w, g) => sub(w, mul(g, 1)));
  }
  assert(params[0].w.data.every((v) => v === 0) && params[1].w.data.every((v) => v === 0));
  assert.notEqual(params[1].b.data[0], 0);
});
