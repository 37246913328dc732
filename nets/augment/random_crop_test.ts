import assert from "node:assert/strict";
import { fromArray, ones } from "../../core/create.ts";
import { key, split, uniformArray } from "../../core/random.ts";
import { ShapeError } from "../../core/errors.ts";
import type { Tensor } from "../../core/tensor.ts";
import { randomCrop } from "./random_crop.ts";

type Batch = Tensor<[number, number, number, number], "f32">;

const distinct = (b: number, h: number, w: number, c: number): Batch =>
  fromArray(Float32Array.from({ length: b * h * w * c }, (_, i) => i + 1), [b, h, w, c]);

/** Pixel (y, x, ch) of image b after `padding` zeros on every side. */
function padded(x: Batch, padding: number, b: number, y: number, col: number, ch: number): number {
  const [, h, w, c] = x.shape;
  const sy = y - padding;
  const sx = col - padding;
  if (sy < 0 || sy >= h || sx < 0 || sx >= w) return 0;
  return x.data[((b * h + sy) * w + sx) * c + ch];
}

/** The h × w window of the padded image b at (top, left), as a plain array. */
function window(x: Batch, padding: number, b: number, top: number, left: number, size: number[]) {
  const out: number[] = [];
  for (let y = 0; y < size[0]; y++) {
    for (let col = 0; col < size[1]; col++) {
      for (let ch = 0; ch < x.shape[3]; ch++) {
        out.push(padded(x, padding, b, top + y, left + col, ch));
      }
    }
  }
  return out;
}

Deno.test("randomCrop: each crop is a window of the zero-padded image at the drawn offset", () => {
  const x = distinct(40, 5, 6, 2);
  const size = [4, 3];
  const y = randomCrop(key(0), x, { size: [4, 3], padding: 2 });
  assert.deepEqual(y.shape, [40, 4, 3, 2]);
  // Offsets range over 5 + 4 − 4 + 1 = 6 rows and 6 + 4 − 3 + 1 = 8 columns.
  const [rowKey, columnKey] = split(key(0));
  const rows = uniformArray(rowKey, 40, { dtype: "f64" });
  const columns = uniformArray(columnKey, 40, { dtype: "f64" });
  const imageSize = 4 * 3 * 2;
  for (let b = 0; b < 40; b++) {
    const crop = Array.from(y.data.subarray(b * imageSize, (b + 1) * imageSize));
    const top = Math.floor(rows[b] * 6);
    const left = Math.floor(columns[b] * 8);
    assert.deepEqual(crop, window(x, 2, b, top, left, size), `image ${b}`);
    // Pixel values are distinct, so no other window of this image matches.
    let matches = 0;
    for (let t = 0; t < 6; t++) {
      for (let l = 0; l < 8; l++) {
        if (window(x, 2, b, t, l, size).join() === crop.join()) matches++;
      }
    }
    assert.equal(matches, 1);
  }
});

Deno.test("randomCrop: a hand-checked crop of a 2 × 2 image padded by 1", () => {
  const x = fromArray([1, 2, 3, 4], [1, 2, 2, 1]);
  // The padded image is [0 0 0 0; 0 1 2 0; 0 3 4 0; 0 0 0 0]: 9 windows of 2 × 2.
  const seen = new Set<string>();
  for (let seed = 0; seed < 200; seed++) {
    seen.add(Array.from(randomCrop(key(seed), x, { size: [2, 2], padding: 1 }).data).join());
  }
  assert.deepEqual(
    [...seen].sort(),
    [
      "0,0,0,1",
      "0,0,1,2",
      "0,0,2,0",
      "0,1,0,3",
      "1,2,3,4",
      "2,0,4,0",
      "0,3,0,0",
      "3,4,0,0",
      "4,0,0,0",
    ].sort(),
  );
});

Deno.test("randomCrop: offsets are uniform over every window", () => {
  // 3 × 3 = 9 offsets over n = 9000 images: each count is Binomial(n, 1/9), mean 1000,
  // σ = √(n·(1/9)·(8/9)) ≈ 29.8; allow 4σ.
  const n = 9000;
  const x = ones([n, 2, 2, 1]);
  const [rowKey, columnKey] = split(key(5));
  const rows = uniformArray(rowKey, n, { dtype: "f64" });
  const columns = uniformArray(columnKey, n, { dtype: "f64" });
  const counts = new Array(9).fill(0);
  const y = randomCrop(key(5), x, { size: [2, 2], padding: 1 });
  for (let b = 0; b < n; b++) {
    const top = Math.floor(rows[b] * 3);
    const left = Math.floor(columns[b] * 3);
    counts[top * 3 + left]++;
    // The window at (top, left) of the padded all-ones image has this many ones.
    const inside = (top === 1 ? 2 : 1) * (left === 1 ? 2 : 1);
    const sum = y.data.subarray(4 * b, 4 * b + 4).reduce((a, v) => a + v, 0);
    assert.equal(sum, inside);
  }
  for (const count of counts) assert(Math.abs(count - 1000) < 4 * 29.8, `counts ${counts}`);
});

Deno.test("randomCrop: determinism, full-size crops are copies, f64 is kept", () => {
  const x = distinct(8, 6, 6, 3);
  const a = randomCrop(key(9), x, { size: [4, 4], padding: 2 });
  assert.deepEqual(randomCrop(key(9), x, { size: [4, 4], padding: 2 }).data, a.data);
  assert.notDeepEqual(randomCrop(key(10), x, { size: [4, 4], padding: 2 }).data, a.data);
  const same = randomCrop(key(9), x, { size: [6, 6] });
  assert.deepEqual(same.data, x.data);
  assert.notEqual(same.data, x.data);
  const wide = fromArray(new Float64Array([1, 2, 3]), [1, 1, 3, 1]);
  assert.equal(randomCrop(key(0), wide, { size: [1, 2] }).dtype, "f64");
});

Deno.test("randomCrop: windows that do not fit and bad padding are errors", () => {
  const x = ones([2, 4, 4, 1]);
  assert.throws(
    () => randomCrop(key(0), x, { size: [7, 2], padding: 1 }),
    new ShapeError(
      "randomCrop: expected a window of at most 6 × 6 (the images of shape [2, 4, 4, 1] padded " +
        "by 1), got size [7, 2]",
    ),
  );
  assert.throws(() => randomCrop(key(0), x, { size: [2, 2.5] }), ShapeError);
  assert.throws(
    () => randomCrop(key(0), x, { size: [2, 2], padding: -1 }),
    new RangeError("randomCrop: padding must be a non-negative integer, got -1"),
  );
});
