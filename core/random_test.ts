import assert from "node:assert/strict";
import fc from "fast-check";
import { threefry2x32 } from "./_threefry.ts";
import { DTypeError } from "./errors.ts";
import { foldIn, key, normalArray, randomBits, split, uniformArray } from "./random.ts";
import type { PRNGKey } from "./random.ts";
import type { DType } from "./tensor.ts";

/** Sample size of the statistical checks. */
const N = 20000;
/** Fixed-seed fast-check runs; the statistical checks use a few seeds each. */
const RUNS = { seed: 42, numRuns: 10 };
const seeds = fc.maxSafeInteger();
const dtypes = fc.constantFrom<DType>("f32", "f64");

function block(k0: number, k1: number, x0: number, x1: number): number[] {
  const out = new Uint32Array(2);
  threefry2x32(k0, k1, x0, x1, out, 0);
  return [...out];
}

function mean(xs: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i];
  return sum / xs.length;
}

function variance(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += (xs[i] - m) ** 2;
  return sum / (xs.length - 1);
}

/** Pearson correlation of two equally long samples. */
function correlation(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Standard normal CDF via Abramowitz–Stegun 7.1.26 (error < 1.5e-7, far below the KS bound). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

Deno.test("threefry2x32 matches the Random123 known-answer vectors", () => {
  assert.deepEqual(block(0, 0, 0, 0), [0x6b200159, 0x99ba4efe]);
  assert.deepEqual(
    block(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff),
    [0x1cb996fc, 0xbb002be7],
  );
  assert.deepEqual(
    block(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3),
    [0xc4923a9c, 0x483df7a0],
  );
});

// Reference values printed by jax 0.10.2 with jax_enable_x64 on and its default
// jax_threefry_partitionable; for example `jax.random.split(jax.random.PRNGKey(42), 3)`.
Deno.test("key, split, foldIn, randomBits and uniformArray agree with jax.random", () => {
  assert.deepEqual(key(0).words, [0, 0]);
  assert.deepEqual(key(42).words, [0, 0x2a]);
  assert.deepEqual(key(-1).words, [0xffffffff, 0xffffffff]);
  assert.deepEqual(key(2 ** 40 + 5).words, [0x100, 0x5]);
  assert.deepEqual(key(-(2 ** 40) - 5).words, [0xfffffeff, 0xfffffffb]);
  assert.deepEqual(key(Number.MAX_SAFE_INTEGER).words, [0x1fffff, 0xffffffff]);
  assert.deepEqual(split(key(0)).map((k) => k.words), [
    [0x6b200159, 0x99ba4efe],
    [0x375f238f, 0xcddb151d],
  ]);
  assert.deepEqual(split(key(42), 3).map((k) => k.words), [
    [0x6d3e048f, 0x1022172d],
    [0x03d7b32d, 0xadd083f4],
    [0x92fb20ea, 0x0f38d913],
  ]);
  assert.deepEqual(foldIn(key(42), 7).words, [0x97d0552f, 0x51bf719f]);
  assert.deepEqual(
    [...randomBits(key(42), 5)],
    [0x7d1c13a2, 0xae0730d9, 0x9dc3f9f9, 0x8f9ec1d7, 0x735d7315],
  );
  assert.deepEqual(
    [...uniformArray(key(42), 4)],
    [0.48870956897735596, 0.6797971725463867, 0.6162714958190918, 0.5610160827636719],
  );
  assert.deepEqual(
    [...uniformArray(key(42), 4, { dtype: "f64" })],
    [0.4267275666499091, 0.015010069515314584, 0.5741444178995352, 0.7298188969046309],
  );
});

Deno.test("keys are frozen pairs of uint32 words", () => {
  const k = key(-12345);
  assert.ok(Object.isFrozen(k) && Object.isFrozen(k.words));
  assert.throws(() => {
    (k.words as unknown as number[])[0] = 1;
  }, TypeError);
  for (const child of split(k, 4)) {
    assert.equal(child.kind, "PRNGKey");
    assert.ok(child.words.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32));
  }
});

Deno.test("same key, same numbers; split is deterministic and its children are distinct", () => {
  fc.assert(
    fc.property(seeds, fc.integer({ min: 1, max: 16 }), (seed, n) => {
      const k = key(seed);
      assert.deepEqual(randomBits(k, 64), randomBits(key(seed), 64));
      const children = split(k, n);
      assert.deepEqual(children, split(key(seed), n));
      const distinct = new Set([k, ...children].map((c) => c.words.join(",")));
      assert.equal(distinct.size, n + 1);
      assert.notDeepEqual(randomBits(children[0], 8), randomBits(k, 8));
    }),
    { seed: 42, numRuns: 200 },
  );
});

Deno.test("different seeds give different keys and different bits", () => {
  fc.assert(
    fc.property(seeds, seeds, (a, b) => {
      fc.pre(a !== b);
      assert.notDeepEqual(key(a).words, key(b).words);
      assert.notDeepEqual(randomBits(key(a), 4), randomBits(key(b), 4));
    }),
    { seed: 42, numRuns: 200 },
  );
});

Deno.test("draws are counter-based: a longer draw extends a shorter one", () => {
  fc.assert(
    fc.property(seeds, fc.nat(50), fc.integer({ min: 1, max: 5 }), dtypes, (seed, n, m, dtype) => {
      const k = key(seed);
      assert.deepEqual(randomBits(k, n + m).subarray(0, n), randomBits(k, n));
      assert.deepEqual(
        uniformArray(k, n + m, { dtype }).subarray(0, n),
        uniformArray(k, n, { dtype }),
      );
      assert.deepEqual(
        normalArray(k, n + m, { dtype }).subarray(0, n),
        normalArray(k, n, { dtype }),
      );
    }),
    { seed: 42, numRuns: 100 },
  );
});

// U(0, 1) has mean 1/2 and variance 1/12, so the mean of N draws has standard
// error √(1/12/N) ≈ 0.0020. The sample variance has standard error
// √((μ₄ − σ⁴)/N) with μ₄ = 1/80, σ⁴ = 1/144, ≈ 0.00053. Five standard errors
// leave a false-alarm chance below 1e-6 per check.
Deno.test("uniform: mean and variance within five standard errors", () => {
  fc.assert(
    fc.property(seeds, dtypes, (seed, dtype) => {
      const xs = uniformArray(key(seed), N, { dtype });
      assert.ok(Math.abs(mean(xs) - 0.5) < 5 * Math.sqrt(1 / 12 / N), `mean ${mean(xs)}`);
      const varianceError = Math.sqrt((1 / 80 - 1 / 144) / N);
      assert.ok(Math.abs(variance(xs) - 1 / 12) < 5 * varianceError, `variance ${variance(xs)}`);
    }),
    RUNS,
  );
});

// 20 equal bins of N draws: χ² has 19 degrees of freedom; P(χ² > 50.8) = 1e-4.
Deno.test("uniform: binned counts pass a chi-square test", () => {
  fc.assert(
    fc.property(seeds, dtypes, (seed, dtype) => {
      const bins = new Array<number>(20).fill(0);
      for (const x of uniformArray(key(seed), N, { dtype })) bins[Math.floor(x * 20)]++;
      const expected = N / 20;
      const chiSquare = bins.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
      assert.ok(chiSquare < 50.8, `chi-square ${chiSquare}`);
    }),
    RUNS,
  );
});

// N(0, 1): the mean has standard error 1/√N ≈ 0.0071; the sample variance
// √(2/N) ≈ 0.010 (μ₄ = 3). Kolmogorov–Smirnov: P(√N · D > 2.23) = 1e-4.
Deno.test("normal: mean 0, variance 1 and a Kolmogorov–Smirnov test", () => {
  fc.assert(
    fc.property(seeds, dtypes, (seed, dtype) => {
      const zs = normalArray(key(seed), N, { dtype });
      assert.ok(Math.abs(mean(zs)) < 5 / Math.sqrt(N), `mean ${mean(zs)}`);
      assert.ok(Math.abs(variance(zs) - 1) < 5 * Math.sqrt(2 / N), `variance ${variance(zs)}`);
      const sorted = Float64Array.from(zs).sort();
      let distance = 0;
      for (let i = 0; i < N; i++) {
        const cdf = normalCdf(sorted[i]);
        distance = Math.max(distance, (i + 1) / N - cdf, cdf - i / N);
      }
      assert.ok(Math.sqrt(N) * distance < 2.23, `KS distance ${distance}`);
    }),
    RUNS,
  );
});

// Under independence a sample correlation has standard error ≈ 1/√N.
Deno.test("independence: split children, neighbours and Box–Muller pairs are uncorrelated", () => {
  const bound = 5 / Math.sqrt(N);
  fc.assert(
    fc.property(seeds, dtypes, (seed, dtype) => {
      const [a, b] = split(key(seed));
      const xs = uniformArray(a, N, { dtype });
      assert.ok(Math.abs(correlation(xs, uniformArray(b, N, { dtype }))) < bound);
      assert.ok(Math.abs(correlation(xs.subarray(1), xs.subarray(0, N - 1))) < bound);
      const zs = normalArray(a, 2 * N, { dtype });
      const cosines = zs.filter((_, i) => i % 2 === 0);
      const sines = zs.filter((_, i) => i % 2 === 1);
      assert.ok(Math.abs(correlation(cosines, sines)) < bound);
      assert.ok(Math.abs(correlation(zs, normalArray(b, 2 * N, { dtype }))) < bound * Math.SQRT1_2);
    }),
    RUNS,
  );
});

// Each bit is a fair coin: the share of ones has standard error 0.5/√N ≈ 0.0035.
Deno.test("randomBits: every bit position is set about half the time", () => {
  fc.assert(
    fc.property(seeds, (seed) => {
      const bits = randomBits(key(seed), N);
      for (let position = 0; position < 32; position++) {
        let ones = 0;
        for (let i = 0; i < N; i++) ones += (bits[i] >>> position) & 1;
        assert.ok(Math.abs(ones / N - 0.5) < 5 * 0.5 / Math.sqrt(N), `bit ${position}: ${ones}`);
      }
    }),
    RUNS,
  );
});

function assertInRange(xs: Float32Array | Float64Array, low: number, high: number): void {
  for (const x of xs) assert.ok(x >= low && x < high, `${x} outside [${low}, ${high})`);
}

Deno.test("uniform: low <= x < high for any finite bounds, after float32 rounding too", () => {
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
  fc.assert(
    fc.property(seeds, finite, finite, dtypes, (seed, a, b, dtype) => {
      fc.pre(a !== b);
      const [low, high] = a < b ? [a, b] : [b, a];
      let xs: Float32Array | Float64Array;
      try {
        xs = uniformArray(key(seed), 200, { dtype, low, high });
      } catch (error) {
        // Only a float32 range too narrow to hold a float32 may be refused.
        assert.ok(error instanceof RangeError && dtype === "f32");
        const inside = (x: number) => x >= low && x < high;
        const roundings = [low, high, low / 2 + high / 2].map(Math.fround);
        assert.ok(!roundings.some(inside), `refused [${low}, ${high})`);
        return;
      }
      assertInRange(xs, low, high);
      if (dtype === "f32") assert.ok(xs.every((x) => Math.fround(x) === x));
    }),
    { seed: 42, numRuns: 500 },
  );
  // Two float32 values lie in [1 − 2⁻²³, 1); rounding sends the top half of
  // draws to 1, which must come back below it.
  const narrow = uniformArray(key(3), 1000, { low: 1 - 2 ** -23, high: 1 });
  assert.deepEqual(new Set(narrow), new Set([1 - 2 ** -23, 1 - 2 ** -24]));
  const full = uniformArray(key(4), N, {
    dtype: "f64",
    low: -Number.MAX_VALUE,
    high: Number.MAX_VALUE,
  });
  assertInRange(full, -Number.MAX_VALUE, Number.MAX_VALUE);
  assert.ok(Math.abs(mean(full.map((x) => x / Number.MAX_VALUE))) < 0.05);
});

Deno.test("normal: always finite, whatever the key", () => {
  fc.assert(
    fc.property(seeds, dtypes, (seed, dtype) => {
      for (const z of normalArray(key(seed), 2000, { dtype })) {
        assert.ok(Number.isFinite(z) && Math.abs(z) < 8.6);
      }
    }),
    { seed: 42, numRuns: 50 },
  );
});

Deno.test("empty draws", () => {
  assert.equal(randomBits(key(0), 0).length, 0);
  assert.equal(uniformArray(key(0), 0, { dtype: "f64" }).length, 0);
  assert.equal(normalArray(key(0), 0).length, 0);
  assert.equal(normalArray(key(0), 1, { dtype: "f64" }).length, 1);
});

Deno.test("options default to f32 over [0, 1); uniform bounds default independently", () => {
  const k = key(7);
  const plain: Float32Array = uniformArray(k, 64);
  assert.ok(plain instanceof Float32Array);
  assert.deepEqual(plain, uniformArray(k, 64, {}));
  assert.deepEqual(plain, uniformArray(k, 64, { dtype: "f32", low: 0, high: 1 }));
  assert.deepEqual(uniformArray(k, 64, { low: 0.5 }), uniformArray(k, 64, { low: 0.5, high: 1 }));
  assert.deepEqual(uniformArray(k, 64, { high: 2 }), uniformArray(k, 64, { low: 0, high: 2 }));
  const wide: Float64Array = uniformArray(k, 64, { dtype: "f64" });
  assert.ok(wide instanceof Float64Array);
  const normal: Float32Array = normalArray(k, 64);
  assert.ok(normal instanceof Float32Array);
  assert.deepEqual(normal, normalArray(k, 64, { dtype: "f32" }));
  assert.ok(normalArray(k, 64, { dtype: "f64" }) instanceof Float64Array);
});

Deno.test("bad arguments throw errors that say what was expected and what came", () => {
  const k = key(0);
  const rangeError = (pattern: RegExp) => (error: unknown) =>
    error instanceof RangeError && pattern.test(error.message);
  for (const seed of [1.5, NaN, Infinity, 2 ** 53]) {
    assert.throws(() => key(seed), rangeError(/^key: seed must be a safe integer, got /));
  }
  assert.throws(() => key(1.5), { message: "key: seed must be a safe integer, got 1.5" });
  for (const n of [0, -1, 1.5, NaN]) {
    assert.throws(() => split(k, n), rangeError(/split: n must be a positive safe integer, got/));
  }
  for (const data of [-1, 2 ** 32, 0.5]) {
    assert.throws(() => foldIn(k, data), rangeError(/foldIn: data must be an integer in/));
  }
  assert.throws(() => randomBits(k, -1), {
    name: "RangeError",
    message: "randomBits: count must be a non-negative safe integer, got -1",
  });
  assert.throws(() => uniformArray(k, 2.5), rangeError(/count .* got 2\.5$/));
  assert.throws(() => normalArray(k, NaN, { dtype: "f64" }), rangeError(/count .* got NaN$/));
  assert.throws(
    () => uniformArray(k, 3, { dtype: "f64", low: 1, high: 1 }),
    rangeError(/low and high must be finite with low < high, got low = 1, high = 1$/),
  );
  assert.throws(
    () => uniformArray(k, 3, { dtype: "f64", high: Infinity }),
    rangeError(/high = Infinity$/),
  );
  assert.throws(
    () => uniformArray(k, 3, { low: 1 + 2 ** -40, high: 1 + 2 ** -39 }),
    rangeError(/expected a range that holds a float32, got low = 1.0000000000009095, high = /),
  );
  assert.throws(
    () => normalArray(k, 3, { dtype: "i32" as DType }),
    (error: unknown) => error instanceof DTypeError && /got "i32"$/.test(error.message),
  );
  assert.throws(
    () => split({ kind: "PRNGKey", words: [1.5, 0] } as unknown as PRNGKey),
    {
      name: "TypeError",
      message:
        'split: expected a PRNGKey made by key(seed), got {"kind":"PRNGKey","words":[1.5,0]}',
    },
  );
});
