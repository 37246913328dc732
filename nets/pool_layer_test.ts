import assert from "node:assert/strict";
import { tensor, zeros } from "../core/create.ts";
import { ShapeError } from "../core/errors.ts";
import { key } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";
import { maxPool2d } from "../ops/max_pool2d.ts";
import { avgPool2d } from "../ops/avg_pool2d.ts";
import { avgPool2dLayer, maxPool2dLayer } from "./pool_layer.ts";

Deno.test("pool layers: the ops with the window, stride and padding they were given", () => {
  const x = randomNormal(key(4), [2, 7, 6, 3], { dtype: "f64" });
  const cases = [
    { size: 2 },
    { size: 3, stride: 2 },
    { size: 3, stride: 1, padding: "same" },
    { size: 2, stride: 1, padding: 1 },
  ] as const;
  for (const { size, ...options } of cases) {
    const max = maxPool2dLayer(size, options).apply({}, x);
    const avg = avgPool2dLayer(size, options).apply({}, x);
    const window = { size, ...options };
    assert.deepEqual(Array.from(max.data), Array.from(maxPool2d(x, window).data));
    assert.deepEqual(Array.from(avg.data), Array.from(avgPool2d(x, window).data));
    assert.deepEqual(maxPool2dLayer(size, options).outputShape([7, 6, 3]), max.shape.slice(1));
  }
});

Deno.test("pool layers: the stride defaults to the window; no params, no multiplies", () => {
  const pool = maxPool2dLayer(2);
  assert.equal(pool.stride, 2);
  assert.deepEqual(pool.outputShape([28, 28, 6]), [14, 14, 6]);
  assert.deepEqual(pool.init(key(0)), {});
  assert.equal(pool.paramCount(), 0);
  assert.equal(pool.multiplyCount([28, 28, 6]), 0);
  assert.deepEqual(avgPool2dLayer(2).apply({}, tensor([[[[1], [3]], [[5], [7]]]])).toArray(), [[[[
    4,
  ]]]]);
});

Deno.test("pool layers: shape errors name the layer; bad options are RangeErrors", () => {
  assert.throws(
    () => maxPool2dLayer(2).outputShape([400]),
    new ShapeError("maxPool2d: expects [height, width, channels], got [400]"),
  );
  assert.throws(
    () => avgPool2dLayer(5).outputShape([3, 3, 1]),
    new ShapeError("avgPool2d: window 5 is larger than the padded input 3"),
  );
  assert.throws(
    // @ts-expect-error maxPool2d: expects [height, width, channels], got [10]
    () => maxPool2dLayer(2).apply({}, zeros([4, 10])),
    new ShapeError("maxPool2d: expects [height, width, channels], got [10]"),
  );
  assert.throws(() => maxPool2dLayer(0), RangeError);
  assert.throws(() => maxPool2dLayer(2, { stride: -1 }), RangeError);
  assert.throws(() => maxPool2dLayer(2, { padding: 2 }), RangeError);
});
