import assert from "node:assert/strict";
import { fromArray, zeros } from "../core/create.ts";
import { ShapeError } from "../core/errors.ts";
import type { Tensor } from "../core/tensor.ts";
import { flatten } from "../ops/flatten.ts";
import { flattenLayer } from "./flatten_layer.ts";

Deno.test("flattenLayer: each example row-major into one axis, as flatten does", () => {
  const x = fromArray(Array.from({ length: 2 * 3 * 2 * 2 }, (_, i) => i), [2, 3, 2, 2]);
  const y: Tensor<[2, 12]> = flattenLayer.apply({}, x);
  assert.deepEqual(Array.from(y.data), Array.from(flatten(x).data));
  assert.deepEqual(y.shape, [2, 12]);
  assert.deepEqual(flattenLayer.outputShape([5, 5, 16]), [400]);
  assert.deepEqual(flattenLayer.outputShape([7, 7, 40]), [1960]);
  assert.deepEqual(flattenLayer.outputShape([]), [1]);
  const column: Tensor<[3, 1]> = flattenLayer.apply({}, zeros([3]));
  assert.deepEqual(column.shape, [3, 1]);
  assert.equal(flattenLayer.paramCount(), 0);
  assert.throws(
    () => flattenLayer.apply({}, zeros([]) as unknown as Tensor<[1]>),
    new ShapeError("flatten: expected a batch-first input, got a scalar"),
  );
});
