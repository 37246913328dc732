import assert from "node:assert/strict";
import { tensor, zeros } from "../core/create.ts";
import { ShapeError } from "../core/errors.ts";
import { key } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import { relu } from "../ops/relu.ts";
import { sigmoid } from "../ops/sigmoid.ts";
import { tanh } from "../ops/tanh.ts";
import { leakyRelu } from "../ops/leaky_relu.ts";
import { softmax } from "../ops/softmax.ts";
import { leakyReluLayer, reluLayer, sigmoidLayer, softmaxLayer, tanhLayer } from "./activation.ts";

const x = tensor([[-2, -0.5, 0, 0.5, 3], [1, 2, -3, 0.25, -1]], { dtype: "f64" });

Deno.test("activation layers compute their ops and keep the input's type", () => {
  const r: Tensor<[2, 5], "f64"> = reluLayer.apply({}, x);
  assert.deepEqual(r.data, relu(x).data);
  assert.deepEqual(sigmoidLayer.apply({}, x).data, sigmoid(x).data);
  assert.deepEqual(tanhLayer.apply({}, x).data, tanh(x).data);
  assert.deepEqual(leakyReluLayer().apply({}, x).data, leakyRelu(x).data);
  assert.deepEqual(leakyReluLayer(0.2).apply({}, x).data, leakyRelu(x, { slope: 0.2 }).data);
  assert.deepEqual(softmaxLayer.apply({}, x).data, softmax(x).data);
});

Deno.test("activation layers: no params, any shape, names", () => {
  for (const layer of [reluLayer, sigmoidLayer, tanhLayer, softmaxLayer, leakyReluLayer()]) {
    assert.deepEqual(layer.init(key(0)), {});
    assert.deepEqual(layer.outputShape([28, 28, 6]), [28, 28, 6]);
    assert.equal(layer.inputShape, undefined);
    assert.equal(layer.dtype, undefined);
    assert.equal(layer.sameShape, true);
    assert(Object.isFrozen(layer));
  }
  assert.deepEqual(
    [reluLayer, sigmoidLayer, tanhLayer, softmaxLayer, leakyReluLayer()].map((l) => l.name),
    ["relu", "sigmoid", "tanh", "softmax", "leakyRelu"],
  );
  const image: Tensor<[2, 4, 4, 3]> = reluLayer.apply({}, zeros([2, 4, 4, 3]));
  assert.deepEqual(image.shape, [2, 4, 4, 3]);
});

Deno.test("softmaxLayer normalises each example, and needs a class axis", () => {
  const p = softmaxLayer.apply({}, x);
  for (let row = 0; row < 2; row++) {
    const total = p.data.slice(5 * row, 5 * row + 5).reduce((a, b) => a + b, 0);
    assert(Math.abs(total - 1) < 1e-12);
  }
  assert.throws(
    () => softmaxLayer.apply({}, zeros([4]) as unknown as Tensor<[4, 1]>),
    new ShapeError(
      "softmax: expected a batch-first input with 1 or more per-example axes, got shape [4]",
    ),
  );
  assert.throws(
    () => softmaxLayer.outputShape([]),
    new ShapeError("softmax: expected a per-example shape of rank >= 1, got []"),
  );
});

Deno.test("leakyReluLayer rejects a slope that is not finite", () => {
  assert.throws(() => leakyReluLayer(NaN), RangeError);
  assert.throws(() => leakyReluLayer(Infinity), RangeError);
});
