import assert from "node:assert/strict";
import { fromArray, tensor, zeros } from "../core/create.ts";
import { DTypeError, ShapeError } from "../core/errors.ts";
import { key, split } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import { dense } from "./dense.ts";
import type { DenseParams } from "./dense.ts";
import { glorot, scaledNormal, zeros as zeroInit } from "./init.ts";

/** `x·Wᵀ + b` by loops, in float64. */
function manual(x: Tensor, w: Tensor, b: Tensor | undefined): number[] {
  const [m, nIn] = x.shape as readonly number[];
  const nOut = w.shape[0] as number;
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < nOut; j++) {
      let total = b === undefined ? 0 : b.data[j];
      for (let k = 0; k < nIn; k++) total += x.data[i * nIn + k] * w.data[j * nIn + k];
      out.push(total);
    }
  }
  return out;
}

Deno.test("dense: y = x·Wᵀ + b matches a hand computation", () => {
  const layer = dense(3, 2);
  const params: DenseParams<3, 2> = {
    w: tensor([[1, 2, 3], [-1, 0.5, 4]]),
    b: tensor([10, -20]),
  };
  const y: Tensor<[2, 2]> = layer.apply(params, tensor([[1, 0, -1], [2, 3, 4]]));
  // Row 1: [1·1 + 0·2 − 1·3 + 10, −1·1 + 0 − 4 − 20]; row 2: [2 + 6 + 12 + 10, −2 + 1.5 + 16 − 20].
  assert.deepEqual(y.toArray(), [[8, -25], [30, -4.5]]);
});

Deno.test("dense: random params and inputs agree with loops", () => {
  const [kInit, kX] = split(key(3));
  const layer = dense(7, 5);
  const params = layer.init(kInit);
  const x = fromArray(
    Float32Array.from({ length: 4 * 7 }, (_, i) => Math.sin(i + 1 + kX.words[1])),
    [4, 7],
  );
  const y = layer.apply(params, x);
  const expected = manual(x, params.w, params.b);
  y.data.forEach((value, i) => assert(Math.abs(value - expected[i]) < 1e-5, `entry ${i}`));
});

Deno.test("dense: init draws w with the initialiser and zero biases", () => {
  const he = dense(300, 200).init(key(1));
  assert.deepEqual(he.w.shape, [200, 300]);
  assert.deepEqual(he.b.shape, [200]);
  assert(he.b.data.every((value) => value === 0));
  const std = Math.sqrt(he.w.data.reduce((s, v) => s + v * v, 0) / he.w.size);
  assert(Math.abs(std / Math.sqrt(2 / 300) - 1) < 0.02);
  const zero = dense(3, 2, { init: zeroInit }).init(key(1));
  assert(zero.w.data.every((value) => value === 0));
  const small = dense(30, 20, { init: scaledNormal(0.01) }).init(key(1));
  assert(small.w.data.every((value) => Math.abs(value) < 0.06));
  // The same key gives the same params; the initialiser sees the key as given.
  assert.deepEqual(dense(4, 3, { init: glorot }).init(key(9)).w, glorot(key(9), [3, 4]));
});

Deno.test("dense: bias: false has w only and computes x·Wᵀ", () => {
  const layer = dense(2, 2, { bias: false });
  const params = layer.init(key(0));
  assert.deepEqual(Object.keys(params), ["w"]);
  const y = layer.apply({ w: tensor([[1, 2], [3, 4]]) }, tensor([[1, 1]]));
  assert.deepEqual(y.toArray(), [[3, 7]]);
});

Deno.test("dense: f64 params take f64 inputs; mixing dtypes throws", () => {
  const layer = dense(2, 1, { dtype: "f64" });
  const params = layer.init(key(0));
  assert.equal(params.w.dtype, "f64");
  assert.equal(params.b.dtype, "f64");
  const y: Tensor<[1, 1], "f64"> = layer.apply(params, zeros([1, 2], { dtype: "f64" }));
  assert.equal(y.dtype, "f64");
  const f32 = dense(2, 1);
  // @ts-expect-error an f64 input to f32 params
  assert.throws(() => f32.apply(f32.init(key(0)), zeros([1, 2], { dtype: "f64" })), DTypeError);
});

Deno.test("dense: wrong input widths and sizes are rejected with expected vs got", () => {
  const layer = dense(4, 3);
  const params = layer.init(key(0));
  assert.throws(
    // @ts-expect-error width 5 where 4 is expected
    () => layer.apply(params, zeros([2, 5])),
    new ShapeError("dense: expected an input of shape [batch, 4], got [2, 5]"),
  );
  const runtime = zeros([2, 5]) as Tensor<[number, number]>;
  assert.throws(() => layer.apply(params, runtime as Tensor<[number, 4]>), ShapeError);
  assert.deepEqual(layer.outputShape([4]), [3]);
  assert.throws(
    () => layer.outputShape([4, 1]),
    new ShapeError("dense: expected a per-example input of shape [4], got [4, 1]"),
  );
  assert.throws(() => dense(0, 3), new RangeError("dense: nIn must be a positive integer, got 0"));
  assert.throws(() => dense(2, 1.5), RangeError);
  assert.equal(layer.name, "dense");
  assert.deepEqual(layer.inputShape, [4]);
  assert(Object.isFrozen(layer));
});

Deno.test("dense: the batch dim may be known only at run time", () => {
  const layer = dense(2, 3);
  const x = zeros([5, 2]) as Tensor<[number, 2]>;
  const y: Tensor<[number, 3]> = layer.apply(layer.init(key(0)), x);
  assert.deepEqual(y.shape, [5, 3]);
});
