import assert from "node:assert/strict";
import { zeros } from "../core/create.ts";
import { ShapeError } from "../core/errors.ts";
import { key } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import { inputLayer } from "./input_layer.ts";

Deno.test("inputLayer: the identity on its shape; anything else is a ShapeError", () => {
  const input = inputLayer([32, 32, 1]);
  const x = zeros([2, 32, 32, 1]);
  const y: Tensor<[2, 32, 32, 1]> = input.apply(input.init(key(0)), x);
  assert.equal(y, x);
  assert.deepEqual(input.inputShape, [32, 32, 1]);
  assert.deepEqual(input.outputShape([32, 32, 1]), [32, 32, 1]);
  assert.equal(input.paramCount(), 0);
  assert.throws(
    () => input.outputShape([28, 28, 1]),
    new ShapeError("input: expects [32, 32, 1], got [28, 28, 1]"),
  );
  // @ts-expect-error the input is [28, 28, 1]
  assert.throws(() => input.apply({}, zeros([2, 28, 28, 1])), ShapeError);
  assert.throws(() => inputLayer([2, -1]), RangeError);
});
