/**
 * Tests of `batchNorm`: the forward pass against a hand computation and a
 * plain-JS oracle (with mathjs's variance), the statistics of the training
 * output, the running averages against their closed form, inference on the
 * running statistics, rank 2 and rank 4 inputs, gradient checks in float64
 * with respect to the input and the params, the state kept out of the
 * gradients, the state threaded through `sequential`, and the errors.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import * as math from "mathjs";
import { ones, tensor, zeros } from "../core/create.ts";
import { DTypeError, ShapeError } from "../core/errors.ts";
import { key } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";
import type { Tensor } from "../core/tensor.ts";
import { valueAndGrad } from "../core/autodiff.ts";
import { add } from "../ops/add.ts";
import { mul } from "../ops/mul.ts";
import { square } from "../ops/square.ts";
import { sum } from "../ops/sum.ts";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import { checkGradients } from "../props/check_gradients.ts";
import { treeArbitrary } from "../props/tree_arbitraries.ts";
import { batchNorm } from "./batch_norm.ts";
import { dense } from "./dense.ts";
import { reluLayer } from "./activation.ts";
import { sequential } from "./sequential.ts";

const f64 = { dtype: "f64" } as const;
const eps = 1e-5;

/** The oracle: y[n, c] = γc·(x[n, c] − μc)/√(σ²c + ε) + βc over rows `n` of a [N, C] matrix. */
function oracle(
  rows: number[][],
  gamma: readonly number[],
  beta: readonly number[],
  stats?: { mean: readonly number[]; variance: readonly number[] },
): { y: number[][]; mean: number[]; variance: number[] } {
  const columns = gamma.map((_, c) => rows.map((row) => row[c]));
  const mean = stats?.mean.slice() ?? columns.map((column) => Number(math.mean(column)));
  const variance = stats?.variance.slice() ??
    columns.map((column) => Number(math.variance(column, "uncorrected")));
  const y = rows.map((row) =>
    row.map((v, c) => gamma[c] * (v - mean[c]) / Math.sqrt(variance[c] + eps) + beta[c])
  );
  return { y, mean, variance };
}

/** A [N, C] view of the data of a `[..., C]` tensor. */
function rowsOf(x: Tensor<readonly number[], "f64">, features: number): number[][] {
  return Array.from(
    { length: x.size / features },
    (_, n) => Array.from(x.data.subarray(n * features, (n + 1) * features)),
  );
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number) {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tolerance,
      `entry ${i}: ${actual[i]} vs ${expected[i]}`,
    );
  }
}

Deno.test("training forward: a hand computation", () => {
  // Feature 0: 1, 2, 6 → μ 3, σ² 14/3; feature 1: 0, 0, 3 → μ 1, σ² 2.
  const layer = batchNorm(2, f64);
  const x = tensor([[1, 0], [2, 0], [6, 3]], f64);
  const params = { gamma: tensor([2, 1], f64), beta: tensor([0, 5], f64) };
  const { output } = layer.applyWithState(params, layer.initState(), x, { training: true });
  const s0 = Math.sqrt(14 / 3 + eps);
  const s1 = Math.sqrt(2 + eps);
  assertClose(output.data, [
    (2 * -2) / s0,
    -1 / s1 + 5,
    (2 * -1) / s0,
    -1 / s1 + 5,
    (2 * 3) / s0,
    2 / s1 + 5,
  ], 1e-14);
});

Deno.test("training forward matches the oracle on rank 2 and rank 4 inputs", () => {
  for (const shape of [[16, 5], [3, 4, 2, 5]] as const) {
    const layer = batchNorm(5, f64);
    const x = randomNormal(key(shape.length), shape, f64);
    const params = {
      gamma: tensor([0.5, 1, 2, -1, 3], f64),
      beta: tensor([0, 1, -1, 0.25, 2], f64),
    };
    const { output, state } = layer.applyWithState(params, layer.initState(), x, {
      training: true,
    });
    assert.deepEqual(output.shape, shape);
    const expected = oracle(rowsOf(x, 5), [0.5, 1, 2, -1, 3], [0, 1, -1, 0.25, 2]);
    // f64 sums over at most 48 rows: roundoff stays near 1e-15 per entry.
    assertClose(output.data, expected.y.flat(), 1e-12);
    assertClose(state.mean.data, expected.mean.map((m) => 0.1 * m), 1e-14);
    assertClose(state.variance.data, expected.variance.map((v) => 0.9 + 0.1 * v), 1e-14);
  }
});

Deno.test("with γ = 1 and β = 0 each feature of the training output has mean 0 and variance σ²/(σ² + ε)", () => {
  const layer = batchNorm(8, f64);
  const x = add(mul(randomNormal(key(3), [4, 6, 6, 8], f64), 3), 7);
  const { output } = layer.applyWithState(layer.init(key(0)), layer.initState(), x, {
    training: true,
  });
  const inputs = oracle(rowsOf(x, 8), Array(8).fill(1), Array(8).fill(0));
  const outputs = oracle(rowsOf(output, 8), Array(8).fill(1), Array(8).fill(0));
  for (let c = 0; c < 8; c++) {
    assert.ok(Math.abs(outputs.mean[c]) < 1e-14);
    const variance = inputs.variance[c];
    assert.ok(Math.abs(outputs.variance[c] - variance / (variance + eps)) < 1e-12);
    assert.ok(Math.abs(outputs.variance[c] - 1) < 1e-5); // σ² ≈ 9 here
  }
});

Deno.test("running statistics after k steps match the closed form", () => {
  const momentum = 0.8;
  const layer = batchNorm(3, { momentum, dtype: "f64" });
  const params = layer.init(key(0));
  let state = layer.initState();
  const batchMeans: number[][] = [];
  const batchVariances: number[][] = [];
  const k = 6;
  for (let step = 0; step < k; step++) {
    const x = add(mul(randomNormal(key(10 + step), [10, 3], f64), step + 1), step);
    const stats = oracle(rowsOf(x, 3), [1, 1, 1], [0, 0, 0]);
    batchMeans.push(stats.mean);
    batchVariances.push(stats.variance);
    state = layer.applyWithState(params, state, x, { training: true }).state;
  }
  // r_k = m^k·r_0 + (1 − m)·Σ_i m^(k−1−i)·b_i, with r_0 = 0 for the mean and 1 for the variance.
  const closedForm = (start: number, batch: number[][], c: number) =>
    momentum ** k * start +
    batch.reduce((total, b, i) => total + (1 - momentum) * momentum ** (k - 1 - i) * b[c], 0);
  assertClose(state.mean.data, [0, 1, 2].map((c) => closedForm(0, batchMeans, c)), 1e-12);
  assertClose(state.variance.data, [0, 1, 2].map((c) => closedForm(1, batchVariances, c)), 1e-12);
});

Deno.test("inference normalises with the running statistics and returns the state unchanged", () => {
  const layer = batchNorm(4, f64);
  const params = { gamma: tensor([1, 2, 3, 4], f64), beta: tensor([0, -1, 1, 0], f64) };
  const trained = {
    mean: tensor([1, -2, 0.5, 3], f64),
    variance: tensor([4, 0.25, 1, 9], f64),
  };
  const x = randomNormal(key(5), [2, 3, 3, 4], f64);
  for (const context of [undefined, {}, { training: false }]) {
    const { output, state } = layer.applyWithState(params, trained, x, context);
    assert.equal(state, trained);
    const expected = oracle(rowsOf(x, 4), [1, 2, 3, 4], [0, -1, 1, 0], {
      mean: [1, -2, 0.5, 3],
      variance: [4, 0.25, 1, 9],
    });
    assertClose(output.data, expected.y.flat(), 1e-13);
  }
  // One row is enough at inference (training needs two values per feature).
  assert.deepEqual(layer.applyWithState(params, trained, zeros([1, 4], f64)).output.shape, [1, 4]);
  assert.throws(
    () => layer.applyWithState(params, trained, zeros([1, 4], f64), { training: true }),
    /batchNorm\(4\): training needs 2 or more values per feature, got input of shape \[1, 4\]/,
  );
});

Deno.test("gradient check in float64 w.r.t. the input, γ and β (training mode), first and second order", () => {
  const weights = randomNormal(key(7), [4, 3], f64);
  const cubic = randomNormal(key(8), [4, 3], f64);
  const layer = batchNorm(3, f64);
  // Σ y and Σ y² do not depend on x (batch norm removes them), so weight the entries.
  type P = { x: Tensor<[4, 3], "f64">; gamma: Tensor<[3], "f64">; beta: Tensor<[3], "f64"> };
  const loss = (p: P) => {
    const y = layer.applyWithState(p, layer.initState(), p.x, { training: true }).output;
    return add(sum(mul(y, weights)), sum(mul(mul(square(y), y), cubic)));
  };
  fc.assert(
    checkGradients(
      loss,
      treeArbitrary({ x: [4, 3], gamma: [3], beta: [3] }, { distinct: true }),
      { order: 2 },
    ),
    { seed: 20261128, numRuns: 12 },
  );
  // Rank 4, by random directions over 2·2·2·3 + 6 entries.
  const conv = (p: { x: Tensor<[2, 2, 2, 3], "f64">; gamma: Tensor<[3], "f64"> }) => {
    const beta = zeros([3], f64);
    const y = layer.applyWithState({ gamma: p.gamma, beta }, layer.initState(), p.x, {
      training: true,
    }).output;
    return sum(mul(square(y), randomNormal(key(9), [2, 2, 2, 3], f64)));
  };
  fc.assert(
    checkGradients(conv, treeArbitrary({ x: [2, 2, 2, 3], gamma: [3] }, { distinct: true }), {
      directionalAbove: 8,
    }),
    { seed: 20261128, numRuns: 8 },
  );
});

Deno.test("the gradient w.r.t. x of Σ γ-weighted outputs sums to 0 per feature (a closed-form property)", () => {
  // ∂L/∂x = γ/σ·(g − mean(g) − ŷ·mean(g·ŷ)): its per-feature sum is zero for any g.
  const layer = batchNorm(3, f64);
  const g = randomNormal(key(11), [6, 3], f64);
  const [, dx] = valueAndGrad((x: Tensor<[6, 3], "f64">) =>
    sum(mul(
      layer.applyWithState(layer.init(key(0)), layer.initState(), x, {
        training: true,
      }).output,
      g,
    ))
  )(randomNormal(key(12), [6, 3], f64));
  const perFeature = oracle(rowsOf(dx, 3), [1, 1, 1], [0, 0, 0]).mean;
  assertClose(perFeature, [0, 0, 0], 1e-13);
});

Deno.test("the state stays out of the gradients and comes back as the aux", () => {
  const net = sequential(dense(4, 3, { bias: false, dtype: "f64" }), batchNorm(3, f64), reluLayer);
  const params = net.init(key(0));
  const x = randomNormal(key(1), [8, 4], f64);
  const labels = tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1], [
    1,
    0,
    0,
  ], [0, 1, 0]], f64);
  const [[value, state], grads] = valueAndGrad(
    (p: typeof params, st: ReturnType<typeof net.initState>) => {
      const { output, state } = net.applyWithState(p, st, x, { training: true });
      return [softmaxCrossEntropy(output, labels), state] as const;
    },
    { hasAux: true },
  )(params, net.initState());
  assert.ok(Number.isFinite(value.data[0]));
  assert.deepEqual(Object.keys(grads[1]).sort(), ["beta", "gamma"]);
  assert.deepEqual(Object.keys(grads[0]), ["w"]);
  assert.deepEqual([state[0], state[2]], [{}, {}]);
  const h = net.layers[0].apply(params[0], x);
  const expected = oracle(rowsOf(h, 3), [1, 1, 1], [0, 0, 0]);
  assertClose(state[1].mean.data, expected.mean.map((m) => 0.1 * m), 1e-14);
  assertClose(state[1].variance.data, expected.variance.map((v) => 0.9 + 0.1 * v), 1e-14);
});

Deno.test("sequential threads the state; plain apply refuses a stateful layer", () => {
  const net = sequential(dense(6, 4, { bias: false }), batchNorm(4), reluLayer, dense(4, 2));
  const params = net.init(key(0));
  const initial = net.initState();
  const x = randomNormal(key(2), [16, 6]);
  const first = net.applyWithState(params, initial, x, { training: true });
  assert.deepEqual(first.output.shape, [16, 2]);
  assert.notEqual(first.state[1], initial[1]);
  assert.deepEqual(Array.from(initial[1].mean.data), [0, 0, 0, 0]); // the input is not mutated
  const second = net.applyWithState(params, first.state, x, { training: true });
  // The same batch twice: mean = (1 − 0.9²)·μ.
  for (let c = 0; c < 4; c++) {
    const ratio = second.state[1].mean.data[c] / first.state[1].mean.data[c];
    assert.ok(Math.abs(ratio - 1.9) < 1e-5, `ratio ${ratio}`);
  }
  const inference = net.applyWithState(params, second.state, x);
  assert.equal(inference.state[1], second.state[1]);
  assert.throws(() => net.apply(params, x), /batchNorm\(4\): apply has no state to read/);
  assert.throws(() => net.apply(params, x, { training: true }), /applyWithState/);
  assert.throws(
    () => net.applyWithState(params, [initial[0]] as unknown as typeof initial, x),
    /expected the state as an array of 4 \(one per layer, from initState\), got an array of 1/,
  );
  // A stateless network gets the protocol too, with empty states.
  const plain = sequential(dense(6, 2), reluLayer);
  const result = plain.applyWithState(plain.init(key(0)), plain.initState(), x);
  assert.deepEqual(plain.initState(), [{}, {}]);
  assert.deepEqual(result.output.data, plain.apply(plain.init(key(0)), x).data);
});

Deno.test("errors: a wrong feature count names batchNorm and both shapes; bad options", () => {
  const layer = batchNorm(128);
  const params = layer.init(key(0));
  assert.throws(
    // @ts-expect-error the last axis must be 128
    () => layer.applyWithState(params, layer.initState(), zeros([32, 64]), { training: true }),
    new ShapeError("batchNorm(128): expected an input of shape [batch, ..., 128], got [32, 64]"),
  );
  const wide = batchNorm(128 as number);
  assert.throws(
    () => wide.applyWithState(params, wide.initState(), zeros([2, 4, 4, 64])),
    new ShapeError(
      "batchNorm(128): expected an input of shape [batch, ..., 128], got [2, 4, 4, 64]",
    ),
  );
  assert.throws(
    () => layer.applyWithState(params, batchNorm(64).initState() as never, zeros([2, 128])),
    new ShapeError("batchNorm(128): expected state.mean of shape [128], got [64]"),
  );
  // Params are checked too: the training pass reads them as raw features.
  assert.throws(
    () =>
      layer.applyWithState(
        batchNorm(64).init(key(0)) as never,
        layer.initState(),
        zeros([2, 128]),
        {
          training: true,
        },
      ),
    new ShapeError("batchNorm(128): expected params.gamma of shape [128], got [64]"),
  );
  assert.throws(
    () =>
      layer.applyWithState(
        batchNorm(128, { dtype: "f64" }).init(key(0)) as never,
        layer.initState(),
        zeros([2, 128]),
        { training: true },
      ),
    new DTypeError("batchNorm(128): expected params.gamma of dtype f32, got f64"),
  );
  assert.throws(
    () => layer.outputShape([64]),
    new ShapeError("batchNorm(128): expected a per-example shape [..., 128], got [64]"),
  );
  assert.deepEqual(layer.outputShape([7, 7, 128]), [7, 7, 128]);
  assert.throws(() => batchNorm(0), /features must be a positive integer, got 0/);
  assert.throws(() => batchNorm(4, { momentum: 1.5 }), /momentum must be in \[0, 1\], got 1.5/);
  assert.throws(() => batchNorm(4, { epsilon: -1 }), /epsilon must be a non-negative number/);
  const init = layer.init(key(0));
  assert.deepEqual([init.gamma.data[0], init.beta.data[0]], [1, 0]);
  assert.deepEqual(layer.initState().variance.data, ones([128]).data);
});
