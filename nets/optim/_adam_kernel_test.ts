import assert from "node:assert/strict";
import { adamKernel, residentLimit } from "./_adam_kernel.ts";

/** A reproducible f32 array of `n` values in (−scale, scale). */
function values(n: number, seed: number, scale: number): Float32Array {
  const out = new Float32Array(n);
  let state = seed;
  for (let i = 0; i < n; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out[i] = (state / 2147483648 - 0.5) * 2 * scale;
  }
  return out;
}

const COEFFICIENTS = (step: number) => ({
  beta1: 0.9,
  beta2: 0.999,
  stepScale: -1e-3 / (1 - 0.9 ** step),
  vScale: 1 / (1 - 0.999 ** step),
  epsilon: 1e-8,
});

function inputs(n: number): Float32Array[] {
  return [values(n, 1, 3), values(n, 2, 0.5), values(n, 3, 1).map(Math.abs)];
}

function run(n: number, simd: boolean, step: number): Float32Array[] {
  const [g, m, v] = inputs(n);
  const out = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  adamKernel(g, m, v, out[0], out[1], out[2], COEFFICIENTS(step), { simd });
  return out;
}

Deno.test("adamKernel: the SIMD module agrees with the plain loop on f32 leaves", () => {
  // 1027 elements: whole vectors and a ragged tail of three; steps 1 and 50.
  const n = 1027;
  const [g, m] = inputs(n);
  // f32 arithmetic against f64 arithmetic rounded once: each operation adds at
  // most half an ulp (2^-24 relative) of its own magnitude. m′ and v′ take two
  // products and a sum, so 4 ulps of the terms' magnitudes bound them (m′ may
  // cancel, so the bound is on β1|m| + (1−β1)|g|, not on |m′|); the update
  // carries m′'s error through s/(√(v′·vs) + ε), plus 8 ulps of its own.
  const ulp = 2 ** -24;
  for (const step of [1, 50]) {
    const c = COEFFICIENTS(step);
    const fast = run(n, true, step);
    const plain = run(n, false, step);
    for (let i = 0; i < n; i++) {
      const mError = 4 * ulp * (c.beta1 * Math.abs(m[i]) + (1 - c.beta1) * Math.abs(g[i]));
      const vError = 4 * ulp * plain[2][i];
      const denominator = Math.sqrt(plain[2][i] * c.vScale) + c.epsilon;
      const uError = Math.abs(c.stepScale) * mError / denominator + 8 * ulp * Math.abs(plain[0][i]);
      for (
        const [k, name, bound] of [[0, "u", uError], [1, "m", mError], [2, "v", vError]] as const
      ) {
        assert.ok(
          Math.abs(fast[k][i] - plain[k][i]) <= bound,
          `${name}[${i}] at step ${step}: loop ${plain[k][i]}, SIMD ${fast[k][i]}, bound ${bound}`,
        );
      }
    }
  }
});

Deno.test("adamKernel: a large leaf after a small one (the module's memory grows)", () => {
  const small = run(300, true, 3);
  const large = run(70_001, true, 3);
  const plain = run(70_001, false, 3);
  assert.equal(small[0].length, 300);
  assert.ok(large[0].every((x) => Number.isFinite(x)));
  // Every element written: the last one too (ragged tail), and close to the loop's.
  assert.ok(large[1][70_000] !== 0);
  assert.ok(Math.abs(large[2][70_000] - plain[2][70_000]) <= 4 * 2 ** -24 * plain[2][70_000]);
});

/** A chain of whole steps on one leaf; `copies` hands each step fresh copies of its inputs. */
function chain(steps: number, copies: boolean, n = 1000): Float32Array[] {
  let [m, v, p] = [new Float32Array(n), new Float32Array(n), values(n, 7, 1)];
  for (let t = 1; t <= steps; t++) {
    const g = values(n, 100 + t, 2);
    const out = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
    const inputs = copies ? [m.slice(), v.slice(), p.slice()] : [m, v, p];
    adamKernel(g, inputs[0], inputs[1], out[0], out[1], out[2], COEFFICIENTS(t), {
      params: inputs[2],
    });
    [p, m, v] = out;
  }
  return [p, m, v];
}

Deno.test("adamKernel: arrays kept in the module's memory give what copies give, bit for bit", () => {
  assert.deepEqual(chain(5, false), chain(5, true));
});

Deno.test("adamKernel: an older state passed again is copied, not read from memory", () => {
  const n = 512;
  const g = values(n, 9, 1);
  const step = (m: Float32Array, v: Float32Array, t: number): Float32Array[] => {
    const out = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
    adamKernel(g, m, v, out[0], out[1], out[2], COEFFICIENTS(t));
    return out;
  };
  const first = step(values(n, 1, 0.1), values(n, 2, 0.1).map(Math.abs), 1);
  const second = step(first[1], first[2], 2);
  // first's moments: their regions now hold second's, so they must be copied in again.
  assert.deepEqual(step(first[1], first[2], 2), second);
  // One array as both moments: two regions, not one.
  const shared = values(n, 3, 0.1).map(Math.abs);
  const [a, b] = [0, 1].map(() => [new Float32Array(n), new Float32Array(n), new Float32Array(n)]);
  adamKernel(g, shared, shared, a[0], a[1], a[2], COEFFICIENTS(2));
  adamKernel(g, a[1], a[1], b[0], b[1], b[2], COEFFICIENTS(3));
  const expected = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  adamKernel(g, a[1].slice(), a[1].slice(), expected[0], expected[1], expected[2], COEFFICIENTS(3));
  assert.deepEqual(b, expected);
});

Deno.test("adamKernel: two models interleaved, and a memory limit that forgets regions", () => {
  const expected = [chain(4, true, 700), chain(4, true, 1300)];
  const previous = residentLimit(1 << 28);
  try {
    // Interleaved chains: each keeps its own regions.
    const interleaved = interleave();
    assert.deepEqual(interleaved, expected);
    // A limit of a few regions: calls forget and copy, and the results do not change.
    residentLimit(6 * 1300 * 4);
    assert.deepEqual(interleave(), expected);
  } finally {
    residentLimit(previous);
  }
});

/** Two chains (700 and 1300 elements), four steps each, alternating. */
function interleave(): Float32Array[][] {
  const states = [700, 1300].map((
    n,
  ) => [new Float32Array(n), new Float32Array(n), values(n, 7, 1)]);
  for (let t = 1; t <= 4; t++) {
    for (const state of states) {
      const n = state[0].length;
      const out = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
      const [m, v, p] = state;
      adamKernel(values(n, 100 + t, 2), m, v, out[0], out[1], out[2], COEFFICIENTS(t), {
        params: p,
      });
      [state[2], state[0], state[1]] = out;
    }
  }
  return states.map(([m, v, p]) => [p, m, v]);
}
