import assert from "node:assert/strict";
import { zeros } from "../core/create.ts";
import { DTypeError, ShapeError } from "../core/errors.ts";
import { key, split } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import type { Shape } from "../core/shape.ts";
import { add } from "../ops/add.ts";
import { conv1d } from "../ops/conv1d.ts";
import { conv2d } from "../ops/conv2d.ts";
import { conv3d } from "../ops/conv3d.ts";
import { conv2dLayer } from "./conv_layer.ts";
import { conv1dLayer } from "./conv_layer_1d.ts";
import { conv3dLayer } from "./conv_layer_3d.ts";
import { zeros as zeroInit } from "./init.ts";

type AnyTensor = Tensor<Shape, DType>;

function close(actual: AnyTensor, expected: AnyTensor, tolerance = 1e-12): void {
  assert.deepEqual(actual.shape, expected.shape);
  actual.data.forEach((value, index) => {
    assert(
      Math.abs(value - expected.data[index]) <= tolerance,
      `entry ${index}: ${value} vs ${expected.data[index]}`,
    );
  });
}

Deno.test("conv2dLayer: conv2d(x, w, options) + b, for stride and padding choices", () => {
  const [kx, kb, ...keys] = split(key(1), 6);
  const x = randomNormal(kx, [2, 9, 8, 3], { dtype: "f64" });
  for (
    const options of [{}, { stride: 2 }, { padding: "same" }, { stride: 3, padding: 1 }] as const
  ) {
    const layer = conv2dLayer(3, 3, 4, { ...options, dtype: "f64" });
    const params = { ...layer.init(keys[0]), b: randomNormal(kb, [4], { dtype: "f64" }) };
    const expected = add(conv2d(x, params.w, options) as AnyTensor, params.b) as AnyTensor;
    close(layer.apply(params, x as AnyTensor as Tensor<[2, 9, 8, 3], "f64">), expected);
    assert.deepEqual(layer.outputShape([9, 8, 3]), expected.shape.slice(1));
  }
});

Deno.test("conv1dLayer and conv3dLayer match their ops; bias: false has no b", () => {
  const [k1, k2, kx, ky] = split(key(2), 4);
  const layer1 = conv1dLayer(4, 2, 3, { stride: 2, padding: "same", bias: false, dtype: "f64" });
  const p1 = layer1.init(k1);
  assert.deepEqual(Object.keys(p1), ["w"]);
  const x1 = randomNormal(kx, [3, 11, 2], { dtype: "f64" });
  close(layer1.apply(p1, x1), conv1d(x1, p1.w, { stride: 2, padding: "same" }));
  const layer3 = conv3dLayer(2, 2, 3, { dtype: "f64" });
  const p3 = layer3.init(k2);
  assert.deepEqual(p3.w.shape, [2, 2, 2, 2, 3]);
  const x3 = randomNormal(ky, [1, 4, 3, 5, 2], { dtype: "f64" });
  close(layer3.apply(p3, x3), add(conv3d(x3, p3.w), p3.b));
});

Deno.test("conv2dLayer: init draws HWIO filters with He's spread and zero biases", () => {
  const layer = conv2dLayer(5, 16, 32);
  const { w, b } = layer.init(key(7));
  assert.deepEqual(w.shape, [5, 5, 16, 32]);
  assert.equal(w.dtype, "f32");
  assert(b.data.every((value) => value === 0));
  const n = w.data.length;
  const variance = w.data.reduce((total, value) => total + value * value, 0) / n;
  // He: variance 2 / fan-in, fan-in 5·5·16 = 400; with 12,800 draws the sample variance is
  // within ±5% of it (its standard error is √(2/n) ≈ 1.3%).
  assert(Math.abs(variance / (2 / 400) - 1) < 0.05, `variance ${variance}`);
  const fixed = conv2dLayer(3, 1, 2, { init: zeroInit, dtype: "f64" }).init(key(0));
  assert(fixed.w.data.every((value) => value === 0));
  assert.equal(fixed.w.dtype, "f64");
});

Deno.test("conv layers: counts from shapes", () => {
  assert.equal(conv2dLayer(5, 1, 16).paramCount(), 416); // 16 filters of 5×5×1, plus 16 biases
  assert.equal(conv2dLayer(3, 3, 10).paramCount(), 280); // the course's 10 filters of 3×3×3
  assert.equal(conv2dLayer(5, 3, 100).paramCount(), 7600); // 100 filters of 5×5 on RGB
  assert.equal(conv2dLayer(3, 3, 10, { bias: false }).paramCount(), 270);
  assert.equal(conv1dLayer(5, 1, 8).paramCount(), 48);
  assert.equal(conv3dLayer(3, 2, 4).paramCount(), 3 * 3 * 3 * 2 * 4 + 4);
  // 28·28·32 outputs, each 5·5·192 multiplies: the inception notes' 120M.
  assert.equal(
    conv2dLayer(5, 192, 32, { padding: "same" }).multiplyCount([28, 28, 192]),
    120_422_400,
  );
  assert.equal(conv1dLayer(3, 2, 4).multiplyCount([10, 2]), 8 * 4 * 3 * 2);
});

Deno.test("conv layers: run-time shape errors name the layer and say expected vs got", () => {
  const layer = conv2dLayer(5, 6, 16);
  assert.throws(
    () => layer.outputShape([14, 14, 16]),
    new ShapeError("conv2d: input has 16 channels but the layer expects 6"),
  );
  assert.throws(
    () => layer.outputShape([400]),
    new ShapeError("conv2d: expects [height, width, 6], got [400]"),
  );
  assert.throws(
    () => layer.outputShape([3, 3, 6]),
    new ShapeError("conv2d: window 5 is larger than the padded input 3"),
  );
  assert.throws(
    () => conv1dLayer(3, 2, 4).outputShape([5, 5, 2]),
    new ShapeError("conv1d: expects [length, 2], got [5, 5, 2]"),
  );
  const params = layer.init(key(0));
  assert.throws(
    // @ts-expect-error conv2d: input has 16 channels but the layer expects 6
    () => layer.apply(params, zeros([2, 14, 14, 16])),
    new ShapeError("conv2d: input has 16 channels but the layer expects 6"),
  );
  // @ts-expect-error params are f32, the input f64
  assert.throws(() => layer.apply(params, zeros([1, 5, 5, 6], { dtype: "f64" })), DTypeError);
});

Deno.test("conv layers: bad sizes and options are RangeErrors", () => {
  assert.throws(() => conv2dLayer(0, 1, 1), RangeError);
  assert.throws(() => conv2dLayer(3, 1.5, 1), RangeError);
  assert.throws(() => conv2dLayer(3, 1, 1, { stride: 0 }), RangeError);
  assert.throws(() => conv2dLayer(3, 1, 1, { padding: -1 }), RangeError);
  // @ts-expect-error not a padding
  assert.throws(() => conv2dLayer(3, 1, 1, { padding: "full" }), RangeError);
});
