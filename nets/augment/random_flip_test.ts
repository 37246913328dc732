import assert from "node:assert/strict";
import { fromArray } from "../../core/create.ts";
import { key, split, uniformArray } from "../../core/random.ts";
import { randomUniform } from "../../core/sample.ts";
import { ShapeError } from "../../core/errors.ts";
import type { DType, Tensor } from "../../core/tensor.ts";
import { randomFlip } from "./random_flip.ts";

type Batch = Tensor<[number, number, number, number], DType>;

/** Image `b` of a batch, mirrored left–right and/or top–bottom, as a plain array. */
function image(x: Batch, b: number, mirror = false, upsideDown = false): number[] {
  const [, h, w, c] = x.shape;
  const out: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let col = 0; col < w; col++) {
      const sy = upsideDown ? h - 1 - y : y;
      const sx = mirror ? w - 1 - col : col;
      for (let ch = 0; ch < c; ch++) out.push(x.data[((b * h + sy) * w + sx) * c + ch]);
    }
  }
  return out;
}

// Distinct pixel values, so an image equals its mirror image in no other way.
const distinct = (b: number, h: number, w: number, c: number) =>
  fromArray(Float32Array.from({ length: b * h * w * c }, (_, i) => i + 1), [b, h, w, c]);

Deno.test("randomFlip: each image is itself or its rows reversed (channels kept in order)", () => {
  const x = distinct(64, 3, 4, 2);
  const y = randomFlip(key(0), x);
  const coins = uniformArray(split(key(0))[0], 64);
  for (let b = 0; b < 64; b++) {
    assert.deepEqual(image(y, b), image(x, b, coins[b] < 0.5), `image ${b}`);
  }
  // A hand-checked case: one 1 × 3 image with 2 channels, reversed pixel by pixel.
  const row = fromArray([1, 2, 3, 4, 5, 6], [1, 1, 3, 2]);
  const flips = [0, 1, 2, 3, 4, 5, 6, 7].map((seed) => Array.from(randomFlip(key(seed), row).data));
  assert(flips.every((f) => f.join() === "1,2,3,4,5,6" || f.join() === "5,6,3,4,1,2"));
  assert(flips.some((f) => f[0] === 5) && flips.some((f) => f[0] === 1));
});

Deno.test("randomFlip: vertical flips reverse the order of the rows; both flip independently", () => {
  const x = distinct(64, 3, 2, 1);
  const vertical = randomFlip(key(1), x, { horizontal: false, vertical: true });
  const both = randomFlip(key(1), x, { vertical: true });
  const [hKey, vKey] = split(key(1));
  const hCoins = uniformArray(hKey, 64);
  const vCoins = uniformArray(vKey, 64);
  for (let b = 0; b < 64; b++) {
    assert.deepEqual(image(vertical, b), image(x, b, false, vCoins[b] < 0.5));
    assert.deepEqual(image(both, b), image(x, b, hCoins[b] < 0.5, vCoins[b] < 0.5));
  }
  const none = randomFlip(key(1), x, { horizontal: false });
  assert.deepEqual(none.data, x.data);
  assert.notEqual(none.data, x.data); // a new buffer even when nothing moves
});

Deno.test("randomFlip: about half the images are flipped, each way independently", () => {
  // The count flipped one way is Binomial(n, ½), σ = √n/2 = 50 for n = 10⁴; the count
  // flipped both ways is Binomial(n, ¼), σ = √(3n)/4 ≈ 43. Allow 4σ (a fixed key, so the
  // outcome is fixed; 4σ says a fair coin passes with probability 1 − 6e-5).
  const n = 10000;
  const x = distinct(n, 2, 2, 1); // [a, b; c, d]: each of the 4 outcomes is recognisable
  const y = randomFlip(key(7), x, { vertical: true });
  let horizontal = 0;
  let vertical = 0;
  let both = 0;
  for (let b = 0; b < n; b++) {
    const first = y.data[4 * b] - x.data[4 * b]; // 0: none, 1: mirrored, 2: upside down, 3: both
    assert([0, 1, 2, 3].includes(first), `image ${b}`);
    horizontal += first === 1 || first === 3 ? 1 : 0;
    vertical += first >= 2 ? 1 : 0;
    both += first === 3 ? 1 : 0;
  }
  assert(Math.abs(horizontal - n / 2) < 4 * 50, `horizontal ${horizontal}`);
  assert(Math.abs(vertical - n / 2) < 4 * 50, `vertical ${vertical}`);
  assert(Math.abs(both - n / 4) < 4 * 43.3, `both ${both}`);
});

Deno.test("randomFlip: the same key gives the same batch, another key another one", () => {
  const x = randomUniform(key(3), [32, 5, 5, 3], { dtype: "f64" });
  const a = randomFlip(key(11), x);
  assert.equal(a.dtype, "f64");
  assert.deepEqual(randomFlip(key(11), x).data, a.data);
  assert.notDeepEqual(randomFlip(key(12), x).data, a.data);
  assert.deepEqual(x.data, randomUniform(key(3), [32, 5, 5, 3], { dtype: "f64" }).data);
});

Deno.test("randomFlip: empty batches pass; other ranks are a ShapeError", () => {
  assert.deepEqual(randomFlip(key(0), distinct(0, 3, 3, 1)).shape, [0, 3, 3, 1]);
  assert.throws(
    () => randomFlip(key(0), fromArray([1, 2, 3], [1, 3, 1]) as unknown as Batch),
    new ShapeError(
      "randomFlip: expected a batch of images [batch, height, width, channels], got shape [1, 3, 1]",
    ),
  );
});
