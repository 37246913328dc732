import assert from "node:assert/strict";
import { ShapeError } from "../../core/errors.ts";
import { key, split } from "../../core/random.ts";
import { randomNormal } from "../../core/sample.ts";
import type { Tensor } from "../../core/tensor.ts";
import { conv2dLayer } from "../conv_layer.ts";
import { dense } from "../dense.ts";
import { flattenLayer } from "../flatten_layer.ts";
import { denseToConv } from "./dense_to_conv.ts";

Deno.test("denseToConv: the conv on the window is the dense layer on its flattened input", () => {
  const [kp, kx] = split(key(12));
  const fc = dense(5 * 5 * 16, 7, { dtype: "f64" });
  const params = fc.init(kp);
  const filters = denseToConv(params, [5, 5, 16]);
  const w: Tensor<[5, 5, 16, 7], "f64"> = filters.w;
  assert.equal(filters.b, params.b);
  const x = randomNormal(kx, [3, 5, 5, 16], { dtype: "f64" });
  const viaConv = conv2dLayer(5, 16, 7, { dtype: "f64" }).apply(filters, x);
  const viaDense = fc.apply(params, flattenLayer.apply({}, x));
  assert.deepEqual(viaConv.shape, [3, 1, 1, 7]);
  viaConv.data.forEach((value, index) => assert(Math.abs(value - viaDense.data[index]) < 1e-12));
  assert.deepEqual(w.shape, [5, 5, 16, 7]);
  const noBias = denseToConv(dense(4, 2, { bias: false }).init(kp), [1, 1, 4]);
  assert.deepEqual(Object.keys(noBias), ["w"]);
});

Deno.test("denseToConv: a window that does not hold the dense layer's inputs is rejected", () => {
  const params = dense(400, 10).init(key(0));
  assert.throws(
    // @ts-expect-error denseToConv: the dense layer takes 400 features but a [4, 4, 16] window holds 256
    () => denseToConv(params, [4, 4, 16]),
    new ShapeError(
      "denseToConv: the dense layer takes 400 features but a [4, 4, 16] window holds 256",
    ),
  );
});
