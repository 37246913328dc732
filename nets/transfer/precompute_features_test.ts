import assert from "node:assert/strict";
import { zeros } from "../../core/create.ts";
import { key, split } from "../../core/random.ts";
import { randomNormal } from "../../core/sample.ts";
import { ShapeError } from "../../core/errors.ts";
import type { Tensor } from "../../core/tensor.ts";
import { makeDataset } from "../data/dataset.ts";
import { dense } from "../dense.ts";
import { reluLayer } from "../activation.ts";
import { sequential } from "../sequential.ts";
import { precomputeFeatures } from "./precompute_features.ts";

const trunk = sequential(dense(6, 4), reluLayer);
const [initKey, dataKey] = split(key(0));
const params = trunk.init(initKey);
const inputs = randomNormal(dataKey, [23, 6]);
const data = makeDataset(inputs, Array.from({ length: 23 }, (_, i) => i % 3), { classes: 3 });

Deno.test("precomputeFeatures: the trunk's features of every row, in order, labels kept", () => {
  const calls: number[] = [];
  const features = precomputeFeatures(
    (x: Tensor<[number, 6]>) => {
      calls.push(x.shape[0]);
      return trunk.apply(params, x);
    },
    data,
    { batchSize: 5 },
  );
  assert.deepEqual(calls, [5, 5, 5, 5, 3]);
  assert.deepEqual(features.images.shape, [23, 4]);
  assert.equal(features.size, 23);
  assert.equal(features.labels, data.labels);
  assert.equal(features.onehot, data.onehot);
  // The same numbers as one call over all rows: each row's features depend on that row only.
  const whole = trunk.apply(params, inputs);
  assert.deepEqual(features.images.data, whole.data);
  // The inputs were not copied: the trunk saw views of the dataset's buffer.
  const seen: ArrayBufferLike[] = [];
  precomputeFeatures(
    (x: Tensor<[number, 6]>) => {
      seen.push(x.data.buffer);
      return trunk.apply(params, x);
    },
    data,
    { batchSize: 10 },
  );
  assert(seen.every((buffer) => buffer === inputs.data.buffer));
});

Deno.test("precomputeFeatures: features of any rank; an empty dataset asks the trunk once", () => {
  const images = zeros([4, 2, 3]);
  const set = makeDataset(images, [0, 1, 0, 1], { classes: 2 });
  const toGrid = (x: Tensor<[number, 2, 3]>): Tensor<[number, 3, 2]> =>
    zeros([x.shape[0], 3, 2]) as Tensor<[number, 3, 2]>;
  assert.deepEqual(precomputeFeatures(toGrid, set, { batchSize: 3 }).images.shape, [4, 3, 2]);
  const empty = makeDataset(zeros([0, 6]), [], { classes: 3 });
  const calls: number[] = [];
  const features = precomputeFeatures(
    (x: Tensor<[number, 6]>) => {
      calls.push(x.shape[0]);
      return trunk.apply(params, x);
    },
    empty,
    { batchSize: 8 },
  );
  assert.deepEqual(calls, [0]);
  assert.deepEqual(features.images.shape, [0, 4]);
});

Deno.test("precomputeFeatures: trunks that drop rows or change shape, and bad batch sizes", () => {
  assert.throws(
    () =>
      precomputeFeatures(
        (x: Tensor<[number, 6]>) => zeros([Math.max(x.shape[0] - 1, 0), 4]) as Tensor<[number, 4]>,
        data,
        { batchSize: 10 },
      ),
    new ShapeError(
      "precomputeFeatures: expected the trunk to map rows 0–9 to features of shape [10, 4], got [9, 4]",
    ),
  );
  let call = 0;
  assert.throws(
    () =>
      precomputeFeatures(
        (x: Tensor<[number, 6]>) =>
          zeros([x.shape[0], call++ === 0 ? 4 : 5]) as Tensor<[number, 4]>,
        data,
        { batchSize: 10 },
      ),
    new ShapeError(
      "precomputeFeatures: expected the trunk to map rows 10–19 to features of shape [10, 4], " +
        "got [10, 5]",
    ),
  );
  assert.throws(
    () => precomputeFeatures((x: Tensor<[number, 6]>) => x, data, { batchSize: 0 }),
    new RangeError("precomputeFeatures: batchSize must be a positive integer, got 0"),
  );
});
