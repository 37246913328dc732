import assert from "node:assert/strict";
import { fromArray } from "../core/create.ts";
import { ShapeError } from "../core/errors.ts";
import { key, split } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import { treeZip } from "../core/tree.ts";
import { grad } from "../core/autodiff.ts";
import { mul } from "../ops/mul.ts";
import { sub } from "../ops/sub.ts";
import { sigmoidCrossEntropy } from "../ops/sigmoid_cross_entropy.ts";
import type { Initializer } from "./init.ts";
import { glorot, he, scaledNormal, xavier, zeros } from "./init.ts";
import { mlp } from "./mlp.ts";
import type { MlpParams } from "./mlp.ts";

function moments(data: ArrayLike<number>): { mean: number; std: number } {
  let total = 0;
  let squares = 0;
  for (let i = 0; i < data.length; i++) {
    total += data[i];
    squares += data[i] * data[i];
  }
  return { mean: total / data.length, std: Math.sqrt(squares / data.length) };
}

// For n independent N(0, σ²) draws, s² = Σx²/n has variance 2σ⁴/n, so s has
// a standard error of σ/√(2n) (delta method) and the sample mean one of σ/√n.
// With n = 256·512 = 131072 that is 0.195 % of σ for s and 0.28 % for the mean;
// the tests allow 4 standard errors, which a correct sampler exceeds with
// probability about 6e-5 per check (and the keys are fixed, so the outcome is
// reproducible).
const [nOut, nIn] = [256, 512];
const n = nOut * nIn;
const cases: [string, Initializer, number][] = [
  ["scaledNormal(0.01)", scaledNormal(), 0.01],
  ["scaledNormal(0.5)", scaledNormal(0.5), 0.5],
  ["he", he, Math.sqrt(2 / nIn)],
  ["xavier", xavier, Math.sqrt(1 / nIn)],
  ["glorot", glorot, Math.sqrt(2 / (nIn + nOut))],
];
for (const [name, init, target] of cases) {
  Deno.test(`${name}: sample std within 4 standard errors of ${target.toPrecision(4)}`, () => {
    for (const seed of [0, 1, 2]) {
      for (const dtype of ["f32", "f64"] as const) {
        const w = init(key(seed), [nOut, nIn], { dtype });
        assert.deepEqual(w.shape, [nOut, nIn]);
        assert.equal(w.dtype, dtype);
        const { mean, std } = moments(w.data);
        const stdError = target / Math.sqrt(2 * n);
        assert(
          Math.abs(std - target) < 4 * stdError,
          `seed ${seed} ${dtype}: std ${std} vs ${target} (tolerance ${4 * stdError})`,
        );
        assert(Math.abs(mean) < 4 * target / Math.sqrt(n), `seed ${seed}: mean ${mean}`);
      }
    }
  });
}

Deno.test("initialisers: the same key gives the same weights, different keys differ", () => {
  for (const init of [he, xavier, glorot, scaledNormal(0.1)]) {
    assert.deepEqual(init(key(4), [3, 5]).data, init(key(4), [3, 5]).data);
    assert.notDeepEqual(init(key(4), [3, 5]).data, init(key(5), [3, 5]).data);
  }
});

Deno.test("zeros: all zeros of the asked shape and dtype; shape and scale checks", () => {
  const w: Tensor<[3, 4], "f64"> = zeros(key(0), [3, 4], { dtype: "f64" });
  assert(w.data.every((value) => value === 0) && w.dtype === "f64");
  assert.throws(
    () => he(key(0), [3] as unknown as [number, number]),
    new ShapeError("he: expected a weight shape [nOut, nIn], got [3]"),
  );
  assert.throws(() => glorot(key(0), [3, -1]), ShapeError);
  assert.throws(() => scaledNormal(-1), RangeError);
  assert.throws(() => scaledNormal(Infinity), RangeError);
  assert.equal(he(key(0), [0, 3]).size, 0);
});

// ---- the symmetry problem ----

/** A tiny 2-D dataset: 16 points, class 1 inside the unit circle. */
function circleData(): { x: Tensor<[16, 2], "f64">; y: Tensor<[16, 1], "f64"> } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < 16; i++) {
    const [a, b] = [Math.sin(1.7 * i + 0.3) * 1.6, Math.cos(2.3 * i) * 1.6];
    xs.push(a, b);
    ys.push(a * a + b * b < 1 ? 1 : 0);
  }
  return {
    x: fromArray(Float64Array.from(xs), [16, 2]),
    y: fromArray(Float64Array.from(ys), [16, 1]),
  };
}

function train(init: Initializer, steps: number): MlpParams<[2, 4, 1], "f64"> {
  const net = mlp([2, 4, 1], { activation: "sigmoid", init, dtype: "f64" });
  const { x, y } = circleData();
  type P = MlpParams<[2, 4, 1], "f64">;
  const cost = (params: P): Tensor<[], "f64"> => sigmoidCrossEntropy(net.apply(params, x), y);
  const gradient = grad(cost);
  let params = net.init(split(key(7))[0]);
  for (let step = 0; step < steps; step++) {
    const g = gradient(params);
    params = treeZip(params, g, (w, dw) => sub(w, mul(dw, 0.5)));
  }
  return params;
}

Deno.test("zeros init: after gradient descent every hidden unit is still the same", () => {
  const [hidden, output] = train(zeros, 20);
  const w1 = hidden.w.toArray(); // [4, 2]: one row per hidden unit
  const b1 = Array.from(hidden.b.data);
  const w2 = Array.from(output.w.data); // [1, 4]: one column per hidden unit
  // The weights did move (the symmetry is not the trivial all-zero case) ...
  assert(w1[0].some((value) => value !== 0) && w2[0] !== 0);
  // ... but every unit moved the same way, bit for bit.
  for (let unit = 1; unit < 4; unit++) {
    assert.deepEqual(w1[unit], w1[0], `W[1] row ${unit}`);
    assert.equal(b1[unit], b1[0], `b[1][${unit}]`);
    assert.equal(w2[unit], w2[0], `W[2] column ${unit}`);
  }
});

Deno.test("He init: the hidden units differ and stay different", () => {
  const [hidden, output] = train(he, 20);
  const w1 = hidden.w.toArray();
  for (let unit = 1; unit < 4; unit++) {
    assert.notDeepEqual(w1[unit], w1[0]);
    assert.notEqual(output.w.data[unit], output.w.data[0]);
  }
});
