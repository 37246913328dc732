import assert from "node:assert/strict";
import { key } from "../../core/random.ts";
import { circlesDataset } from "./circles.ts";

Deno.test("circlesDataset: shapes and class balance", () => {
  const rings = circlesDataset(key(1));
  assert.deepEqual(rings.images.shape, [300, 2]);
  assert.deepEqual(rings.onehot.shape, [300, 2]);
  assert.equal(rings.labels.filter((label) => label === 0).length, 150);
  assert.equal(circlesDataset(key(1), { size: 7 }).labels.filter((l) => l === 1).length, 4);
});

Deno.test("circlesDataset without noise: radius 1 for class 0, factor for class 1", () => {
  const rings = circlesDataset(key(0), { size: 40, noise: 0, factor: 0.5 });
  const d = rings.images.data;
  for (let i = 0; i < 40; i++) {
    const expected = rings.labels[i] === 0 ? 1 : 0.5;
    assert(Math.abs(Math.hypot(d[2 * i], d[2 * i + 1]) - expected) < 1e-6, `point ${i}`);
  }
  // Evenly spaced angles over [0, 2π): the 20 points of a ring are 18° apart.
  const angle = (i: number) => Math.atan2(d[2 * i + 1], d[2 * i]);
  assert(Math.abs(angle(1) - angle(0) - Math.PI / 10) < 1e-6);
  assert(Math.abs(angle(21) - angle(20) - Math.PI / 10) < 1e-6);
});

Deno.test("circlesDataset is a function of the key", () => {
  const a = circlesDataset(key(1));
  assert.deepEqual(a.images.data, circlesDataset(key(1)).images.data);
  assert.notDeepEqual(a.images.data, circlesDataset(key(2)).images.data);
});

Deno.test("circlesDataset rejects a bad size, noise or factor", () => {
  assert.throws(() => circlesDataset(key(0), { size: 0 }), /integer >= 2, got 0/);
  assert.throws(() => circlesDataset(key(0), { noise: -0.1 }), /noise/);
  assert.throws(() => circlesDataset(key(0), { factor: 1 }), /factor must be in \(0, 1\), got 1/);
});
