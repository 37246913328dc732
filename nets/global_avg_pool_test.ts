import assert from "node:assert/strict";
import { zeros } from "../core/create.ts";
import { ShapeError } from "../core/errors.ts";
import { key } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";
import type { Tensor } from "../core/tensor.ts";
import { avgPool2d } from "../ops/avg_pool2d.ts";
import { globalAvgPool } from "./global_avg_pool.ts";

Deno.test("globalAvgPool: an average pool whose window is the whole image", () => {
  const square = randomNormal(key(5), [2, 4, 4, 5], { dtype: "f64" });
  const y: Tensor<[2, 5], "f64"> = globalAvgPool.apply({}, square);
  const pooled = avgPool2d(square, { size: 4 });
  y.data.forEach((value, index) => assert(Math.abs(value - pooled.data[index]) < 1e-12));
  // A non-square image, against sums by hand.
  const x = randomNormal(key(6), [1, 4, 3, 2], { dtype: "f64" });
  const means = globalAvgPool.apply({}, x);
  for (let c = 0; c < 2; c++) {
    let total = 0;
    for (let i = 0; i < 12; i++) total += x.data[i * 2 + c];
    assert(Math.abs(means.data[c] - total / 12) < 1e-12);
  }
});

Deno.test("globalAvgPool: [H, W, C] to [C]; another rank is a ShapeError", () => {
  assert.deepEqual(globalAvgPool.outputShape([7, 7, 2048]), [2048]);
  assert.equal(globalAvgPool.paramCount(), 0);
  assert.throws(
    () => globalAvgPool.outputShape([49, 2048]),
    new ShapeError("globalAvgPool: expects [height, width, channels], got [49, 2048]"),
  );
  assert.throws(
    // @ts-expect-error globalAvgPool: expects [height, width, channels], got [10]
    () => globalAvgPool.apply({}, zeros([4, 10])),
    new ShapeError("globalAvgPool: expects [height, width, channels], got [10]"),
  );
});
