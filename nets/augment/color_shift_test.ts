import assert from "node:assert/strict";
import { fromArray, zeros } from "../../core/create.ts";
import { key, uniformArray } from "../../core/random.ts";
import { randomUniform } from "../../core/sample.ts";
import { colorShift } from "./color_shift.ts";

Deno.test("colorShift: one uniform shift per image and channel, the key's draw", () => {
  const x = randomUniform(key(0), [10, 3, 4, 3], { dtype: "f64" });
  const y = colorShift(key(1), x, { maxShift: 0.2 });
  const shifts = uniformArray(key(1), 30, { low: -0.2, high: 0.2, dtype: "f64" });
  for (let i = 0; i < x.size; i++) {
    const b = Math.floor(i / 36);
    assert.equal(y.data[i], x.data[i] + shifts[b * 3 + (i % 3)]);
  }
  assert.equal(y.dtype, "f64");
});

Deno.test("colorShift: shifts lie in [−maxShift, maxShift) with mean ≈ 0 and variance ≈ m²/3", () => {
  // n = 3·10⁴ uniform shifts on [−m, m): the mean has σ = m/√(3n) ≈ 0.0033·m and the
  // mean square (variance m²/3) has σ = m²·√(4/45/n) ≈ 0.0017·m²; allow 4σ.
  const n = 30000;
  const m = 0.5;
  const y = colorShift(key(2), zeros([n / 3, 1, 1, 3]), { maxShift: m });
  let sum = 0;
  let squares = 0;
  for (const v of y.data) {
    assert(v >= -m && v < m);
    sum += v;
    squares += v * v;
  }
  assert(Math.abs(sum / n) < 4 * m / Math.sqrt(3 * n), `mean ${sum / n}`);
  assert(Math.abs(squares / n - m * m / 3) < 4 * m * m * Math.sqrt(4 / 45 / n), `${squares / n}`);
});

Deno.test("colorShift: determinism; maxShift 0 copies; bad maxShift is a RangeError", () => {
  const x = fromArray(new Float64Array([1, 2, 3, 4, 5, 6]), [1, 2, 1, 3]);
  const a = colorShift(key(3), x, { maxShift: 1 });
  assert.deepEqual(colorShift(key(3), x, { maxShift: 1 }).data, a.data);
  assert.notDeepEqual(colorShift(key(4), x, { maxShift: 1 }).data, a.data);
  // Both pixels of the image move by the same vector (up to one rounding of each sum).
  for (const c of [0, 1, 2]) assert(Math.abs(a.data[c + 3] - a.data[c] - 3) < 1e-15 * 8);
  const copy = colorShift(key(3), x, { maxShift: 0 });
  assert.deepEqual(copy.data, x.data);
  assert.notEqual(copy.data, x.data);
  for (const bad of [-1, Number.NaN, Infinity]) {
    assert.throws(
      () => colorShift(key(0), x, { maxShift: bad }),
      new RangeError(`colorShift: maxShift must be a finite number >= 0, got ${bad}`),
    );
  }
});
