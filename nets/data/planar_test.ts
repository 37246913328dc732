import assert from "node:assert/strict";
import { key } from "../../core/random.ts";
import { planarDataset } from "./planar.ts";

Deno.test("planarDataset: 400 points in [400, 2], 200 per class, class 0 first", () => {
  const flower = planarDataset(key(1));
  assert.deepEqual(flower.images.shape, [400, 2]);
  assert.equal(flower.images.dtype, "f32");
  assert.equal(flower.size, 400);
  assert.deepEqual(Array.from(flower.labels.subarray(0, 200)), new Array(200).fill(0));
  assert.deepEqual(Array.from(flower.labels.subarray(200)), new Array(200).fill(1));
  assert.deepEqual(flower.onehot.shape, [400, 2]);
  assert.deepEqual(Array.from(flower.onehot.data.subarray(198 * 2, 202 * 2)), [
    1,
    0,
    1,
    0,
    0,
    1,
    0,
    1,
  ]);
});

Deno.test("planarDataset is a function of the key", () => {
  const a = planarDataset(key(1));
  const b = planarDataset(key(1));
  const c = planarDataset(key(2));
  assert.deepEqual(a.images.data, b.images.data);
  assert.notDeepEqual(a.images.data, c.images.data);
  assert(a.images.data.every(Number.isFinite));
});

Deno.test("planarDataset without noise: every point lies on the petals r = ±4·sin(4θ)", () => {
  const flower = planarDataset(key(0), { size: 100, noise: 0 });
  for (let i = 0; i < 100; i++) {
    const [x, y] = [flower.images.data[2 * i], flower.images.data[2 * i + 1]];
    const theta = Math.atan2(x, y); // x = r·sin t, y = r·cos t; sin 4θ is the same for t and t ± π
    // f32 points: |error| ≲ 4 · 2⁻²³ per coordinate, times the slope 16 of 4·sin(4θ) near its zeros.
    assert(Math.abs(Math.hypot(x, y) - 4 * Math.abs(Math.sin(4 * theta))) < 1e-4, `point ${i}`);
  }
  // Noise-free angles are evenly spaced over [0, 3.12] (class 0) and [3.12, 6.24] (class 1):
  // the first point of class 0 is at t = 0, where r = 0.
  assert.equal(Math.hypot(flower.images.data[0], flower.images.data[1]), 0);
});

Deno.test("planarDataset: the noise widens the petals by about its standard deviation", () => {
  const flower = planarDataset(key(3), { size: 2000, noise: 0.2 });
  let sum = 0;
  for (let i = 0; i < 2000; i++) {
    const [x, y] = [flower.images.data[2 * i], flower.images.data[2 * i + 1]];
    sum += Math.abs(Math.hypot(x, y) - 4 * Math.abs(Math.sin(4 * Math.atan2(x, y))));
  }
  const meanGap = sum / 2000;
  // Not zero (there is noise) and far below the petal size 4.
  assert(meanGap > 0.02 && meanGap < 0.5, `mean distance to the curve ${meanGap}`);
});

Deno.test("planarDataset rejects a bad size, noise or radius", () => {
  assert.throws(() => planarDataset(key(0), { size: 401 }), /even integer >= 2, got 401/);
  assert.throws(() => planarDataset(key(0), { size: 0 }), RangeError);
  assert.throws(() => planarDataset(key(0), { noise: -1 }), /noise must be .* got -1/);
  assert.throws(() => planarDataset(key(0), { radius: Infinity }), /radius/);
});
