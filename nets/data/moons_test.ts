import assert from "node:assert/strict";
import { key } from "../../core/random.ts";
import { moonsDataset } from "./moons.ts";

Deno.test("moonsDataset: shapes and class balance (an odd size gives class 1 the extra point)", () => {
  const moons = moonsDataset(key(3), { size: 301 });
  assert.deepEqual(moons.images.shape, [301, 2]);
  assert.deepEqual(moons.onehot.shape, [301, 2]);
  assert.equal(moons.labels.filter((label) => label === 0).length, 150);
  assert.equal(moons.labels.filter((label) => label === 1).length, 151);
  assert.equal(moonsDataset(key(3)).size, 300);
});

Deno.test("moonsDataset without noise: points on the two half circles, ends included", () => {
  const moons = moonsDataset(key(0), { size: 20, noise: 0 });
  const d = moons.images.data;
  for (let i = 0; i < 20; i++) {
    const [x, y] = [d[2 * i], d[2 * i + 1]];
    const [cx, cy] = moons.labels[i] === 0 ? [0, 0] : [1, 0.5];
    assert(Math.abs(Math.hypot(x - cx, y - cy) - 1) < 1e-6, `point ${i}`);
    assert(moons.labels[i] === 0 ? y >= -1e-6 : y <= 0.5 + 1e-6, `point ${i} on the wrong half`);
  }
  // t = 0 and t = π on each moon.
  assert.deepEqual(Array.from(d.subarray(0, 2)), [1, 0]);
  assert(Math.abs(d[18] + 1) < 1e-6 && Math.abs(d[19]) < 1e-6);
  assert.deepEqual(Array.from(d.subarray(20, 22)), [0, 0.5]);
  assert(Math.abs(d[38] - 2) < 1e-6 && Math.abs(d[39] - 0.5) < 1e-6);
});

Deno.test("moonsDataset is a function of the key; noise moves points about noise far", () => {
  const a = moonsDataset(key(3));
  assert.deepEqual(a.images.data, moonsDataset(key(3)).images.data);
  assert.notDeepEqual(a.images.data, moonsDataset(key(4)).images.data);
  const clean = moonsDataset(key(3), { noise: 0 }).images.data;
  let squares = 0;
  for (let i = 0; i < clean.length; i++) squares += (a.images.data[i] - clean[i]) ** 2;
  const std = Math.sqrt(squares / clean.length);
  // 600 draws of N(0, 0.2²): the sample σ is within a few percent of 0.2.
  assert(Math.abs(std - 0.2) < 0.03, `noise std ${std}`);
});

Deno.test("moonsDataset rejects a bad size or noise", () => {
  assert.throws(() => moonsDataset(key(0), { size: 1 }), /integer >= 2, got 1/);
  assert.throws(() => moonsDataset(key(0), { size: 2.5 }), RangeError);
  assert.throws(() => moonsDataset(key(0), { noise: NaN }), /noise/);
});
