import assert from "node:assert/strict";
import { tensor, zeros } from "../core/create.ts";
import { DTypeError, ShapeError } from "../core/errors.ts";
import { key, split } from "../core/random.ts";
import type { Shape } from "../core/shape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { relu } from "../ops/relu.ts";
import { softmax } from "../ops/softmax.ts";
import type { Layer } from "./layer.ts";
import { dense } from "./dense.ts";
import { reluLayer, softmaxLayer, tanhLayer } from "./activation.ts";
import { dropout } from "./dropout.ts";
import { sequential } from "./sequential.ts";

type AnyLayer = Layer<unknown, Shape, Shape, DType>;
/** Calls `sequential` on layers whose types were erased, to reach the run-time checks. */
const untyped = sequential as unknown as (...layers: unknown[]) => AnyLayer;

Deno.test("sequential feeds each layer's output to the next", () => {
  const first = dense(3, 4);
  const second = dense(4, 2);
  const net = sequential(first, reluLayer, second, softmaxLayer);
  const params = net.init(key(0));
  const x = tensor([[1, -2, 0.5], [0, 1, 2]]);
  const expected = softmax(second.apply(params[2], relu(first.apply(params[0], x))));
  assert.deepEqual(net.apply(params, x).data, expected.data);
});

Deno.test("sequential: params are a tuple; layer i gets split(key, n)[i]", () => {
  const net = sequential(dense(3, 4), tanhLayer, dense(4, 2));
  const params = net.init(key(5));
  const keys = split(key(5), 3);
  assert.equal(params.length, 3);
  assert.deepEqual(params[0], dense(3, 4).init(keys[0]));
  assert.deepEqual(params[1], {});
  assert.deepEqual(params[2], dense(4, 2).init(keys[2]));
  assert.equal(net.name, "sequential");
  assert.equal(net.layers.length, 3);
  assert.deepEqual(net.inputShape, [3]);
  assert.equal(net.dtype, "f32");
  assert.deepEqual(net.outputShape([3]), [2]);
});

Deno.test("sequential: a junction that does not fit throws with the layer's index and name", () => {
  assert.throws(
    () => untyped(dense(784, 256), reluLayer, dense(400, 10)),
    new ShapeError("sequential: layer #2 (dense): expects [400], got [256]"),
  );
  assert.throws(
    () => untyped(dense(4, 3), softmaxLayer, dense(3, 1), dense(2, 1)),
    new ShapeError("sequential: layer #3 (dense): expects [2], got [1]"),
  );
});

Deno.test("sequential: outputShape and apply check the input with the same message", () => {
  const net = sequential(dropout(0.5), dense(784, 10));
  assert.throws(
    () => net.outputShape([300]),
    new ShapeError("sequential: layer #1 (dense): expects [784], got [300]"),
  );
  assert.throws(
    () => net.apply(net.init(key(0)), zeros([8, 300]) as unknown as Tensor<[8, 784]>),
    new ShapeError(
      "sequential: layer #1 (dense): expects [784], got [300] (input of shape [8, 300])",
    ),
  );
});

Deno.test("sequential: a layer's own shape error gets the layer's index and name", () => {
  const net = sequential(reluLayer, softmaxLayer);
  assert.throws(
    () => net.outputShape([]),
    new ShapeError(
      "sequential: layer #1 (softmax): softmax: expected a per-example shape of rank >= 1, got []",
    ),
  );
  assert.deepEqual(net.outputShape([5, 2]), [5, 2]);
  assert.equal(net.inputShape, undefined);
});

Deno.test("sequential: mixed params dtypes, non-layers and no layers are rejected", () => {
  assert.throws(
    () => untyped(dense(2, 2), reluLayer, dense(2, 2, { dtype: "f64" })),
    new DTypeError("sequential: layer #2 (dense): its params are f64, layer #0's are f32"),
  );
  assert.throws(
    () => untyped(dense(2, 2), 5),
    new TypeError("sequential: argument #1 is not a layer (init, apply, outputShape)"),
  );
  assert.throws(() => untyped(), RangeError);
  const net = sequential(dense(2, 2));
  const params = net.init(key(0));
  assert.throws(
    () => net.apply([] as unknown as typeof params, zeros([1, 2])),
    new TypeError(
      "sequential: expected params as an array of 1 (one per layer), got an array of 0",
    ),
  );
  assert.deepEqual(net.apply(params, zeros([1, 2])).shape, [1, 2]);
});

Deno.test("sequential nests: a network is a layer", () => {
  const inner = sequential(dense(3, 4), reluLayer);
  const net = sequential(inner, dense(4, 2));
  const params = net.init(key(1));
  const x = tensor([[1, 2, 3]]);
  const expected = net.layers[1].apply(params[1], inner.apply(params[0], x));
  assert.deepEqual(net.apply(params, x).data, expected.data);
  assert.deepEqual(net.outputShape([3]), [2]);
});
