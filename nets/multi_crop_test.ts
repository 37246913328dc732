import assert from "node:assert/strict";
import { fromArray, tensor } from "../core/create.ts";
import { ShapeError } from "../core/errors.ts";
import type { Tensor } from "../core/tensor.ts";
import { sum } from "../ops/sum.ts";
import { reshape } from "../ops/reshape.ts";
import { tenCrop } from "./augment/ten_crop.ts";
import { multiCropPredict } from "./multi_crop.ts";

/** A "model" that returns, per image, the sum of its crop and its top-left pixel. */
function sumAndCorner(crops: Tensor<[number, 2, 2, 1], "f64">): Tensor<[number, 2], "f64"> {
  const n = crops.shape[0];
  const out = new Float64Array(2 * n);
  for (let b = 0; b < n; b++) {
    for (let k = 0; k < 4; k++) out[2 * b] += crops.data[4 * b + k];
    out[2 * b + 1] = crops.data[4 * b];
  }
  return fromArray(out, [n, 2]) as Tensor<[number, 2], "f64">;
}

Deno.test("multiCropPredict averages the model over the ten crops, per image", () => {
  // Image 0 holds 1…9 in a 3 × 3 grid; image 1 is image 0 times 10.
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const images = fromArray(new Float64Array([...values, ...values.map((v) => 10 * v)]), [
    2,
    3,
    3,
    1,
  ]);
  const p = multiCropPredict(sumAndCorner, images, { size: [2, 2] });
  assert.deepEqual(p.shape, [2, 2]);
  // Sums: top-left 12, top-right 16, bottom-left 24, bottom-right 28, centre (offset 0, 0) 12;
  // the mirror images have the same sums. Top-left pixels: 1, 2, 4, 5, 1, then mirrored
  // 2, 3, 5, 6, 2.
  const sums = (12 + 16 + 24 + 28 + 12) / 5;
  const corners = (1 + 2 + 4 + 5 + 1 + 2 + 3 + 5 + 6 + 2) / 10;
  const expected = [sums, corners, 10 * sums, 10 * corners];
  p.data.forEach((v, i) =>
    assert(Math.abs(v - expected[i]) < 1e-13, `${i}: ${v} vs ${expected[i]}`)
  );
  // The same as averaging the model over tenCrop by hand.
  const byHand = tenCrop(images, [2, 2]).map((crop) => sumAndCorner(crop).data);
  p.data.forEach((v, i) => {
    const mean = byHand.reduce((a, d) => a + d[i], 0) / 10;
    assert(Math.abs(v - mean) < 1e-13);
  });
});

Deno.test("multiCropPredict works with the ops of a model and checks the crop size", () => {
  const images = tensor([[[[1], [2]], [[3], [4]]]]);
  const total = (x: Tensor<[1, 1, 1, 1]>) => reshape(sum(x), [1]);
  // Every 1 × 1 crop of a 2 × 2 image: corners 1, 2, 3, 4, centre (0, 0) = 1, mirrored the same.
  const p = multiCropPredict(total, images, { size: [1, 1] });
  assert.deepEqual(Array.from(p.data), [Math.fround((1 + 2 + 3 + 4 + 1) * 2 / 10)]);
  const anySize = total as unknown as (x: Tensor<[1, number, number, 1]>) => Tensor<[1]>;
  assert.throws(() => multiCropPredict(anySize, images, { size: [3, 3] }), ShapeError);
});
