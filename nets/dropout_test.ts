import assert from "node:assert/strict";
import { fromArray, ones } from "../core/create.ts";
import { foldIn, key } from "../core/random.ts";
import { randomUniform } from "../core/sample.ts";
import type { Tensor } from "../core/tensor.ts";
import { grad } from "../core/autodiff.ts";
import { sum } from "../ops/sum.ts";
import { mul } from "../ops/mul.ts";
import { dropout } from "./dropout.ts";
import { sequential } from "./sequential.ts";
import { dense } from "./dense.ts";

// A kept fraction over n draws has standard error √(p(1−p)/n); with n = 10⁶ and
// p = 0.8 that is 4e-4, and the tests allow 5 standard errors (2e-3).
const n = 1000 * 1000;

for (const keepProb of [0.5, 0.8, 0.95]) {
  Deno.test(`dropout(${keepProb}) in training keeps ≈ keepProb and preserves the mean`, () => {
    const x = ones([1000, 1000]);
    const y = dropout(keepProb).apply({}, x, { training: true, key: key(11) });
    let kept = 0;
    let total = 0;
    for (let i = 0; i < y.size; i++) {
      if (y.data[i] !== 0) {
        kept++;
        assert.equal(y.data[i], Math.fround(1 / keepProb));
      }
      total += y.data[i];
    }
    const stdError = Math.sqrt(keepProb * (1 - keepProb) / n);
    assert(Math.abs(kept / n - keepProb) < 5 * stdError, `kept ${kept / n}`);
    // The mean of y is (kept/n)/keepProb: its standard error is stdError/keepProb.
    assert(Math.abs(total / n - 1) < 5 * stdError / keepProb, `mean ${total / n}`);
  });
}

Deno.test("dropout: the mean of a varied input is preserved in expectation", () => {
  const x = randomUniform(key(1), [500, 400], { low: 0, high: 2, dtype: "f64" });
  const y = dropout(0.7).apply({}, x, { training: true, key: key(2) });
  const meanX = x.data.reduce((a, b) => a + b, 0) / x.size;
  const meanY = y.data.reduce((a, b) => a + b, 0) / y.size;
  // Per entry Var(y) = E[x²]/keepProb − E[x]² ≈ (4/3)/0.7 − 1 ≈ 0.905; 2e5 entries give SE ≈ 2.1e-3.
  assert(Math.abs(meanY - meanX) < 0.011, `${meanY} vs ${meanX}`);
});

Deno.test("dropout: the mask is the uniform draw of the key, u < keepProb", () => {
  const x = fromArray([1, 2, 3, 4, 5, 6, 7, 8], [2, 4]);
  const y = dropout(0.5).apply({}, x, { training: true, key: key(3) });
  const u = randomUniform(key(3), [2, 4]);
  y.data.forEach((value, i) => assert.equal(value, u.data[i] < 0.5 ? 2 * x.data[i] : 0));
  // Same key, same mask; another key, another mask.
  const big = ones([64, 64]);
  const first = dropout(0.5).apply({}, big, { training: true, key: key(4) });
  assert.deepEqual(dropout(0.5).apply({}, big, { training: true, key: key(4) }).data, first.data);
  assert.notDeepEqual(
    dropout(0.5).apply({}, big, { training: true, key: key(5) }).data,
    first.data,
  );
});

Deno.test("dropout is the identity at inference and with keepProb = 1", () => {
  const x = fromArray([1, -2, 3], [1, 3]);
  const layer = dropout(0.5);
  assert.equal(layer.apply({}, x), x);
  assert.equal(layer.apply({}, x, {}), x);
  assert.equal(layer.apply({}, x, { training: false, key: key(0) }), x);
  assert.equal(dropout(1).apply({}, x, { training: true }), x);
  assert.equal(dropout(1).apply({}, x, { training: true, key: key(0) }), x);
});

Deno.test("dropout: training without a key throws a clear error", () => {
  assert.throws(
    () => dropout(0.5).apply({}, ones([2, 2]), { training: true }),
    new TypeError(
      "dropout: training mode needs a PRNG key in the apply context, " +
        "as in apply(params, x, { training: true, key })",
    ),
  );
});

Deno.test("dropout: keepProb outside (0, 1] is a RangeError", () => {
  for (const bad of [0, -0.5, 1.5, NaN]) {
    assert.throws(
      () => dropout(bad),
      new RangeError(`dropout: keepProb must be in (0, 1], got ${bad}`),
    );
  }
  assert.equal(dropout(0.25).keepProb, 0.25);
  assert.equal(dropout(0.25).name, "dropout");
});

Deno.test("dropout: the gradient is the mask over keepProb", () => {
  const context = { training: true, key: key(6) } as const;
  const x = fromArray(new Float64Array(40).fill(3), [4, 10]);
  const mask = dropout(0.6).apply({}, ones([4, 10], { dtype: "f64" }), context);
  const g = grad((input: Tensor<[4, 10], "f64">) =>
    sum(mul(dropout(0.6).apply({}, input, context), input))
  )(x);
  // d/dx Σ (mask·x)·x = 2·mask·x.
  g.data.forEach((value, i) => assert.equal(value, 2 * mask.data[i] * 3));
});

Deno.test("dropout under sequential: each layer folds its index into the key", () => {
  const net = sequential(dropout(0.5), dense(8, 8, { bias: false }), dropout(0.5));
  const params = net.init(key(0));
  const eye = fromArray(
    Float32Array.from({ length: 64 }, (_, i) => (i % 9 === 0 ? 1 : 0)),
    [8, 8],
  );
  const identity = [params[0], { w: eye }, params[2]] as typeof params;
  const x = ones([50, 8]);
  const y = net.apply(identity, x, { training: true, key: key(9) });
  const first = dropout(0.5).apply({}, x, { training: true, key: foldIn(key(9), 0) });
  const both = dropout(0.5).apply({}, first, { training: true, key: foldIn(key(9), 2) });
  assert.deepEqual(y.data, both.data);
  // At inference nothing is dropped.
  assert.deepEqual(net.apply(identity, x).data, x.data);
});
