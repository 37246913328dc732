/**
 * Tests of the losses: softmaxCrossEntropy, sigmoidCrossEntropy and
 * meanSquaredError. Forward values against plain float64 loops, closed-form
 * gradients, gradient checks in f64 at first and second order (for logits and
 * labels alike), the stable forms at |logit| = 100 and 1000 in f32 and f64, and
 * the run-time errors for operands that do not fit.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { grad, stopGradient } from "../core/autodiff.ts";
import { fromArray, tensor } from "../core/create.ts";
import { DTypeError, ShapeError } from "../core/errors.ts";
import { randomNormal, randomUniform } from "../core/sample.ts";
import { key, split } from "../core/random.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { gradCheck } from "../props/grad_check.ts";
import { meanSquaredError } from "./mean_squared_error.ts";
import { mul } from "./mul.ts";
import { sigmoidCrossEntropy } from "./sigmoid_cross_entropy.ts";
import { softmax } from "./softmax.ts";
import { softmaxCrossEntropy } from "./softmax_cross_entropy.ts";
import { sum } from "./sum.ts";

const SETTINGS = { seed: 20261128, numRuns: 60 };

/** Tensors whose shapes only the run time knows: the ops' type guards step aside. */
type Loose<D extends DType = DType> = Tensor<number[], D>;
type Pair = { a: Loose<"f64">; b: Loose<"f64"> };
type Scalar = Tensor<[], "f64">;

function product(shape: readonly number[]): number {
  return shape.reduce((size, dim) => size * dim, 1);
}

function loose<D extends DType>(x: Tensor<readonly number[], D>): Loose<D> {
  return x as unknown as Loose<D>;
}

function f64Tensor(values: readonly number[], shape: readonly number[]): Loose<"f64"> {
  return loose(fromArray(Float64Array.from(values), shape));
}

function seeded(seed: number) {
  return split(key(seed), 1)[0];
}

/** Probability rows (positive, summing to 1 over the last axis) of `shape`. */
function probabilityRows(shape: readonly number[], seed: number): Loose<"f64"> {
  const raw = randomUniform(seeded(seed), shape, { dtype: "f64", low: 0.1, high: 1 });
  return loose(softmax(loose(raw)));
}

function assertNear(got: number, want: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(got - want) <= tolerance, `${what}: got ${got}, want ${want}`);
}

// ---- softmaxCrossEntropy ----

/** −Σ_c z·log softmax(x) per row, averaged over rows, in f64 loops. */
function referenceSoftmaxCrossEntropy(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  classes: number,
): number {
  const rows = logits.length / classes;
  let total = 0;
  for (let r = 0; r < rows; r++) {
    let m = -Infinity;
    for (let c = 0; c < classes; c++) m = Math.max(m, logits[r * classes + c]);
    let s = 0;
    for (let c = 0; c < classes; c++) s += Math.exp(logits[r * classes + c] - m);
    const normalizer = m + Math.log(s);
    for (let c = 0; c < classes; c++) {
      total -= labels[r * classes + c] * (logits[r * classes + c] - normalizer);
    }
  }
  return total / rows;
}

Deno.test("softmaxCrossEntropy agrees with plain loops (one-hot and soft labels, rank 1–3)", () => {
  const cases = fc
    .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })
    .chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        logits: fc.array(fc.double({ min: -30, max: 30, noNaN: true }), {
          minLength: product(shape),
          maxLength: product(shape),
        }),
        hot: fc.array(fc.nat({ max: shape[shape.length - 1] - 1 }), {
          minLength: product(shape.slice(0, -1)),
          maxLength: product(shape.slice(0, -1)),
        }),
        soft: fc.boolean(),
      })
    );
  fc.assert(
    fc.property(cases, ({ shape, logits, hot, soft }) => {
      const classes = shape[shape.length - 1];
      const labels = soft
        ? Array.from(probabilityRows(shape, hot.length + classes).data)
        : hot.flatMap((k) => Array.from({ length: classes }, (_, c) => (c === k ? 1 : 0)));
      const loss = softmaxCrossEntropy(f64Tensor(logits, shape), f64Tensor(labels, shape));
      assert.deepEqual(loss.shape, []);
      const want = referenceSoftmaxCrossEntropy(logits, labels, classes);
      assertNear(loss.data[0], want, 1e-13 * Math.max(1, Math.abs(want)), "loss");
    }),
    SETTINGS,
  );
});

Deno.test("softmaxCrossEntropy: the logits' gradient is (softmax − onehot)/B", () => {
  const logits = loose(randomNormal(seeded(31), [5, 4], { dtype: "f64" }));
  const onehot = f64Tensor([0, 1, 2, 3, 1].flatMap((k) => [0, 1, 2, 3].map((c) => +(c === k))), [
    5,
    4,
  ]);
  const g = grad((x: Loose<"f64">) => softmaxCrossEntropy(x, onehot) as Scalar)(logits);
  const p = softmax(logits).data;
  for (let i = 0; i < 20; i++) assertNear(g.data[i], (p[i] - onehot.data[i]) / 5, 1e-16, `${i}`);
});

Deno.test("softmaxCrossEntropy: logits of ±1000 give finite, exact values in f32 and f64", () => {
  for (const dtype of ["f32", "f64"] as const) {
    const logits = tensor([[1000, -1000, 0], [-1000, 1000, 1000]], { dtype });
    const labels = tensor([[0, 1, 0], [1, 0, 0]], { dtype });
    const loss = softmaxCrossEntropy(logits, labels);
    const round = dtype === "f32" ? Math.fround : (v: number) => v;
    assert.equal(loss.data[0], (2000 + round(2000 + round(Math.LN2))) / 2);
    const g = grad((x: typeof logits) => softmaxCrossEntropy(x, labels))(logits);
    assert.deepEqual(g.toArray(), [[0.5, -0.5, 0], [-0.5, 0.25, 0.25]]);
  }
});

Deno.test("softmaxCrossEntropy: labels get gradients too (−logSoftmax/B), unless stopped", () => {
  const logits = f64Tensor([0, 0, 0, Math.log(3)], [2, 2]);
  const labels = f64Tensor([1, 0, 0, 1], [2, 2]);
  const g = grad((z: Loose<"f64">) => softmaxCrossEntropy(logits, z) as Scalar)(labels);
  const want = [Math.LN2 / 2, Math.LN2 / 2, Math.log(4) / 2, Math.log(4 / 3) / 2];
  want.forEach((w, i) => assertNear(g.data[i], w, 1e-16, `${i}`));
  const stopped = grad((z: Loose<"f64">) => softmaxCrossEntropy(logits, stopGradient(z)) as Scalar)(
    labels,
  );
  assert.deepEqual(Array.from(stopped.data), [0, 0, 0, 0]);
});

// ---- sigmoidCrossEntropy ----

/**
 * The exact per-entry loss in f64: log(1 + e^x) − x·z written as
 * max(x, 0) − x·z + log1p(e^−|x|), which has no cancellation inside log1p.
 */
function exactSigmoidLoss(x: number, z: number): number {
  return Math.max(x, 0) - x * z + Math.log1p(Math.exp(-Math.abs(x)));
}

/** The exact ∂/∂x of the per-entry loss: σ(x) − z, with σ from the branch that cannot overflow. */
function exactSigmoidGrad(x: number, z: number): number {
  const sigma = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  return sigma - z;
}

Deno.test("sigmoidCrossEntropy: |logit| up to 100 in f32 and f64, against the exact f64 value", () => {
  const xs = [100, -100, 100, -100, 30, -30, 0.5, -2, 0, 0, 7.25, -0.125];
  const zs = [1, 0, 0, 1, 0.25, 0.75, 1, 0, 0, 1, 0.5, 0.3];
  const n = xs.length;
  for (const dtype of ["f32", "f64"] as const) {
    const unit = dtype === "f32" ? 2 ** -24 : 2 ** -53;
    const x = tensor(xs, { dtype });
    const z = tensor(zs, { dtype });
    const x64 = Array.from(x.data);
    const z64 = Array.from(z.data);
    const [loss, grads] = [
      sigmoidCrossEntropy(x, z),
      grad((p: { x: typeof x; z: typeof z }) => sigmoidCrossEntropy(p.x, p.z))({ x, z }),
    ];
    // The formula's error: each term and sum rounds once in the dtype, so the
    // error is a few units in the last place of the terms' sizes, |x|·(1 + z) + 1.
    let want = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      want += exactSigmoidLoss(x64[i], z64[i]);
      scale += Math.abs(x64[i]) * (1 + Math.abs(z64[i])) + 1;
    }
    assert.ok(Number.isFinite(loss.data[0]));
    assertNear(loss.data[0], want / n, (8 * unit * scale) / n, `${dtype} loss`);
    for (let i = 0; i < n; i++) {
      assert.ok(Number.isFinite(grads.x.data[i]) && Number.isFinite(grads.z.data[i]));
      assertNear(grads.x.data[i], exactSigmoidGrad(x64[i], z64[i]) / n, (4 * unit) / n, `dx ${i}`);
      assertNear(grads.z.data[i], -x64[i] / n, (4 * unit * Math.abs(x64[i])) / n, `dz ${i}`);
    }
    // At |x| = 100 the gradient is exactly ±1 or 0 to the dtype's precision.
    assert.deepEqual(Array.from(grads.x.data.subarray(0, 4)).map((g) => Math.round(g * n)), [
      0,
      0,
      1,
      -1,
    ]);
  }
});

Deno.test("sigmoidCrossEntropy at x = 0: the kink conventions give the exact σ(0) − z", () => {
  // max(x, 0) gives ½ to x at the tie and abs′(0) = 0, so the gradient is ½ − z.
  const x = tensor([0, 0, 0], { dtype: "f64" });
  const z = tensor([0, 1, 0.25], { dtype: "f64" });
  const g = grad((p: typeof x) => sigmoidCrossEntropy(p, z))(x);
  assert.deepEqual(g.toArray(), [0.5 / 3, -0.5 / 3, 0.25 / 3]);
  assert.equal(sigmoidCrossEntropy(x, z).data[0], Math.LN2);
});

Deno.test("sigmoidCrossEntropy agrees with the exact f64 value on random logits and labels", () => {
  const cases = fc
    .array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 })
    .chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        x: fc.array(fc.double({ min: -60, max: 60, noNaN: true }), {
          minLength: product(shape),
          maxLength: product(shape),
        }),
        z: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
          minLength: product(shape),
          maxLength: product(shape),
        }),
      })
    );
  fc.assert(
    fc.property(cases, ({ shape, x, z }) => {
      const loss = sigmoidCrossEntropy(f64Tensor(x, shape), f64Tensor(z, shape));
      let want = 0;
      let scale = 0;
      for (let i = 0; i < x.length; i++) {
        want += exactSigmoidLoss(x[i], z[i]);
        scale += Math.abs(x[i]) * 2 + 1;
      }
      assertNear(loss.data[0], want / x.length, (8 * 2 ** -53 * scale) / x.length, "loss");
    }),
    SETTINGS,
  );
});

// ---- meanSquaredError ----

Deno.test("meanSquaredError: mean over all elements, like torch MSELoss(reduction='mean')", () => {
  const cases = fc
    .array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 })
    .chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        p: fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), {
          minLength: product(shape),
          maxLength: product(shape),
        }),
        t: fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), {
          minLength: product(shape),
          maxLength: product(shape),
        }),
      })
    );
  fc.assert(
    fc.property(cases, ({ shape, p, t }) => {
      let want = 0;
      for (let i = 0; i < p.length; i++) want += (p[i] - t[i]) ** 2;
      want /= p.length;
      const got = meanSquaredError(f64Tensor(p, shape), f64Tensor(t, shape)).data[0];
      assertNear(got, want, 1e-14 * Math.max(1, want), "mse");
    }),
    SETTINGS,
  );
  const [p, t] = [f64Tensor([1, 2, 3, 4], [2, 2]), f64Tensor([0, 2, 5, 4], [2, 2])];
  const g = grad((q: Pair) => meanSquaredError(q.a, q.b) as Scalar)({ a: p, b: t });
  // `+ 0` turns the −0 of the negated zero entries into 0.
  const plain = (t: Loose<"f64">) => Array.from(t.data, (v) => v + 0);
  assert.deepEqual([plain(g.a), plain(g.b)], [[0.5, 0, -1, 0], [
    -0.5,
    0,
    1,
    0,
  ]]);
});

// ---- gradient checks of every loss, logits and labels together ----

const losses: [string, (p: Pair) => Scalar][] = [
  ["softmaxCrossEntropy", (p) => softmaxCrossEntropy(p.a, p.b) as Scalar],
  ["sigmoidCrossEntropy", (p) => sigmoidCrossEntropy(p.a, p.b) as Scalar],
  ["meanSquaredError", (p) => meanSquaredError(p.a, p.b) as Scalar],
];

/** Logits away from 0 (the kinks of max(x, 0) and |x| inside sigmoidCrossEntropy), labels in (0, 1). */
function lossParams(seed: number): Pair {
  const raw = randomNormal(seeded(seed), [3, 2, 4], { dtype: "f64", std: 2 }).data;
  const a = f64Tensor(Array.from(raw, (v) => (Math.abs(v) < 0.05 ? v + 0.1 : v)), [3, 2, 4]);
  return { a, b: probabilityRows([3, 2, 4], seed + 1) };
}

Deno.test("first order: gradCheck of each loss in logits and labels <= 1e-7", () => {
  const params = lossParams(41);
  for (const [name, loss] of losses) {
    const result = gradCheck(loss, params);
    assert.ok(result.relativeError < 1e-7, `${name}: ${JSON.stringify(result)}`);
  }
});

Deno.test("second order: gradCheck of p ↦ Σ v·grad(loss)(p) <= 1e-6", () => {
  // Differences of an analytic gradient in f64 with ε = 1e-6 keep about half
  // the digits, hence 1e-6.
  const params = lossParams(43);
  const v = {
    a: loose(randomNormal(seeded(44), [3, 2, 4], { dtype: "f64" })),
    b: loose(randomNormal(seeded(45), [3, 2, 4], { dtype: "f64" })),
  };
  for (const [name, loss] of losses) {
    const hvp = (p: Pair) => {
      const g = grad(loss)(p);
      return sum(mul(g.a, v.a)) as Scalar;
    };
    const mixed = (p: Pair) => {
      const g = grad(loss)(p);
      return sum(mul(g.b, v.b)) as Scalar;
    };
    for (const f of [hvp, mixed]) {
      const result = gradCheck(f, params);
      assert.ok(result.relativeError < 1e-6, `${name}: ${JSON.stringify(result)}`);
    }
  }
});

// ---- errors ----

Deno.test("operands that do not fit throw ShapeError or DTypeError naming the op and shapes", () => {
  const a = loose(tensor([[1, 2, 3], [4, 5, 6]]));
  const cases: [string, () => unknown][] = [
    ["softmaxCrossEntropy", () => softmaxCrossEntropy(a, loose(tensor([[1, 2], [3, 4]])))],
    ["sigmoidCrossEntropy", () => sigmoidCrossEntropy(a, loose(tensor([1, 2, 3])))],
    ["meanSquaredError", () => meanSquaredError(a, loose(tensor([[1, 2, 3]])))],
  ];
  for (const [op, run] of cases) {
    assert.throws(run, (error: unknown) => {
      assert.ok(error instanceof ShapeError);
      assert.match(error.message, new RegExp(`^Cannot ${op} tensors of shapes \\[2, 3\\] and`));
      return true;
    });
  }
  assert.throws(
    () => softmaxCrossEntropy(loose(tensor(1)), loose(tensor(1))),
    /Cannot softmaxCrossEntropy logits of shape \[\]: they need a class axis/,
  );
  const wide = loose(tensor([[1, 2, 3], [4, 5, 6]], { dtype: "f64" })) as Loose as Loose<"f32">;
  for (const loss of [softmaxCrossEntropy, sigmoidCrossEntropy, meanSquaredError]) {
    assert.throws(() => loss(a, wide), DTypeError);
  }
});
