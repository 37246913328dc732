/**
 * Tests of mean, max, logsumexp, softmax and logSoftmax: forward values
 * against plain float64 loops over every axis subset (rank 0–3, size-0 and
 * size-1 dims, keepdims both ways), gradient checks in f64 at first and
 * second order, exact tests of max's tie convention, and the stable forms at
 * large logits in f32 and f64.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { grad, stopGradient, vjp } from "../core/autodiff.ts";
import { fromArray, tensor } from "../core/create.ts";
import { ShapeError } from "../core/errors.ts";
import { randomNormal } from "../core/sample.ts";
import { key, split } from "../core/random.ts";
import type { Shape } from "../core/shape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { gradCheck } from "../props/grad_check.ts";
import { exp } from "./exp.ts";
import { logSoftmax } from "./log_softmax.ts";
import { logsumexp } from "./logsumexp.ts";
import { max } from "./max.ts";
import { mean } from "./mean.ts";
import { mul } from "./mul.ts";
import { softmax } from "./softmax.ts";
import { sum } from "./sum.ts";

const SETTINGS = { seed: 20261128, numRuns: 60 };

/** Tensors whose shapes only the run time knows: the ops' type guards step aside. */
type Loose<D extends DType = DType> = Tensor<number[], D>;

const f64 = { dtype: "f64" } as const;

function loose<D extends DType>(x: Tensor<readonly number[], D>): Loose<D> {
  return x as unknown as Loose<D>;
}

function f64Tensor(values: readonly number[], shape: readonly number[]): Loose<"f64"> {
  return loose(fromArray(Float64Array.from(values), shape));
}

function product(shape: readonly number[]): number {
  return shape.reduce((size, dim) => size * dim, 1);
}

/** A fixed random normal tensor (a weighting, or an input of a gradient check). */
function normal(shape: readonly number[], seed: number): Loose<"f64"> {
  return loose(randomNormal(split(key(seed), 1)[0], shape, f64));
}

// ---- plain-loop references ----

/**
 * Groups the entries of `values` (shape `shape`) by the output entry they
 * reduce into, and applies `reduce` to each group. Returns the output values
 * (row-major over the kept dims) and the output shape.
 */
function referenceReduce(
  values: readonly number[],
  shape: readonly number[],
  axes: readonly number[],
  keepdims: boolean,
  reduce: (group: number[]) => number,
): { values: number[]; shape: number[] } {
  const kept = shape.map((dim, axis) => (axes.includes(axis) ? 1 : dim));
  const groups: number[][] = Array.from({ length: product(kept) }, () => []);
  for (let flat = 0; flat < values.length; flat++) {
    let rest = flat;
    let out = 0;
    let stride = 1;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      const index = rest % shape[axis];
      rest = Math.floor(rest / shape[axis]);
      if (!axes.includes(axis)) {
        out += index * stride;
        stride *= shape[axis];
      }
    }
    groups[out].push(values[flat]);
  }
  const outShape = keepdims ? kept : shape.filter((_, axis) => !axes.includes(axis));
  return { values: groups.map(reduce), shape: outShape };
}

function referenceMean(group: number[]): number {
  let total = 0;
  for (const v of group) total += v;
  return total / group.length;
}

function referenceMax(group: number[]): number {
  let best = -Infinity;
  for (const v of group) if (v > best) best = v;
  return best;
}

function referenceLogSumExp(group: number[]): number {
  const m = referenceMax(group);
  if (!Number.isFinite(m)) return m;
  let total = 0;
  for (const v of group) total += Math.exp(v - m);
  return m + Math.log(total);
}

/** log-softmax over one axis, slice by slice. */
function referenceLogSoftmax(values: readonly number[], shape: readonly number[], axis: number) {
  const out = new Array<number>(values.length);
  const inner = product(shape.slice(axis + 1));
  const length = shape[axis];
  const outer = product(shape.slice(0, axis));
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const at = (k: number) => (o * length + k) * inner + i;
      const slice = Array.from({ length }, (_, k) => values[at(k)]);
      const normalizer = referenceLogSumExp(slice);
      for (let k = 0; k < length; k++) out[at(k)] = values[at(k)] - normalizer;
    }
  }
  return out;
}

function assertAllClose(got: ArrayLike<number>, want: readonly number[], tolerance: number): void {
  assert.equal(got.length, want.length);
  for (let i = 0; i < want.length; i++) {
    const ok = Object.is(got[i], want[i]) ||
      Math.abs(got[i] - want[i]) <= tolerance * Math.max(1, Math.abs(want[i]));
    assert.ok(ok, `entry ${i}: got ${got[i]}, want ${want[i]}`);
  }
}

// ---- forward values ----

/** A shape of rank 0–3 (dims 0–3), values, and an axis subset written with mixed signs. */
const reductionCase = fc
  .array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      values: fc.array(fc.double({ min: -20, max: 20, noNaN: true }), {
        minLength: product(shape),
        maxLength: product(shape),
      }),
      picks: fc.array(fc.constantFrom("skip", "positive", "negative"), {
        minLength: shape.length,
        maxLength: shape.length,
      }),
      all: fc.boolean(),
      keepdims: fc.boolean(),
    })
  )
  .map(({ shape, values, picks, all, keepdims }) => {
    const written: number[] = [];
    picks.forEach((pick, axis) => {
      if (pick !== "skip") written.push(pick === "positive" ? axis : axis - shape.length);
    });
    const axes = all
      ? shape.map((_, axis) => axis)
      : picks.flatMap((pick, axis) => pick === "skip" ? [] : [axis]);
    return { shape, values, axis: all ? undefined : written.reverse(), axes, keepdims };
  });

Deno.test("mean, max and logsumexp agree with plain loops over every axis subset", () => {
  fc.assert(
    fc.property(reductionCase, ({ shape, values, axis, axes, keepdims }) => {
      const x = f64Tensor(values, shape);
      const options = axis === undefined ? { keepdims } : { axis, keepdims };
      const cases = [
        { got: mean(x, options), reduce: referenceMean, tolerance: 1e-14 },
        { got: max(x, options), reduce: referenceMax, tolerance: 0 },
        { got: logsumexp(x, options), reduce: referenceLogSumExp, tolerance: 1e-14 },
      ];
      for (const { got, reduce, tolerance } of cases) {
        const want = referenceReduce(values, shape, axes, keepdims, reduce);
        assert.deepEqual(got.shape, want.shape);
        assert.equal(got.dtype, "f64");
        assertAllClose(got.data, want.values, tolerance);
      }
    }),
    SETTINGS,
  );
});

Deno.test("softmax and logSoftmax agree with plain loops along each axis", () => {
  const softmaxCase = fc
    .array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 })
    .chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        values: fc.array(fc.double({ min: -50, max: 50, noNaN: true }), {
          minLength: product(shape),
          maxLength: product(shape),
        }),
        axis: fc.integer({ min: -shape.length, max: shape.length - 1 }),
      })
    );
  fc.assert(
    fc.property(softmaxCase, ({ shape, values, axis }) => {
      const x = f64Tensor(values, shape);
      const resolved = axis < 0 ? axis + shape.length : axis;
      const want = referenceLogSoftmax(values, shape, resolved);
      const logs = logSoftmax(x, { axis });
      const probabilities = softmax(x, { axis });
      assert.deepEqual([logs.shape, probabilities.shape], [shape, shape]);
      assertAllClose(logs.data, want, 1e-14);
      assertAllClose(probabilities.data, want.map(Math.exp), 1e-13);
    }),
    SETTINGS,
  );
});

Deno.test("softmax and logSoftmax default to the last axis", () => {
  const x = normal([2, 3, 4], 11);
  assert.deepEqual(softmax(x).data, softmax(x, { axis: -1 }).data);
  assert.deepEqual(logSoftmax(x).data, logSoftmax(x, { axis: 2 }).data);
  const rows = sum(softmax(x), { axis: -1 });
  assertAllClose(rows.data, new Array(6).fill(1), 1e-15);
});

Deno.test("stable forms: large logits stay finite and exact in f32 and f64", () => {
  for (const dtype of ["f32", "f64"] as const) {
    const round = dtype === "f32" ? Math.fround : (v: number) => v;
    const ln2 = round(Math.LN2);
    const x = tensor([[1000, 1000, -1000], [-1e4, 0, 1e4]], { dtype });
    assert.deepEqual(logsumexp(x, { axis: 1 }).toArray(), [round(1000 + ln2), 1e4]);
    const p = softmax(x);
    assert.equal(p.dtype, dtype);
    assert.deepEqual(p.toArray(), [[0.5, 0.5, 0], [0, 0, 1]]);
    assert.deepEqual(logSoftmax(x).toArray(), [[-ln2, -ln2, round(-2000 - ln2)], [-2e4, -1e4, 0]]);
  }
});

Deno.test("edge cases: empty reductions, −Infinity slices, rank 0", () => {
  const empty = f64Tensor([], [2, 0]);
  assert.deepEqual(mean(empty, { axis: 1 }).toArray(), [NaN, NaN]);
  assert.deepEqual(max(empty, { axis: 1 }).toArray(), [-Infinity, -Infinity]);
  assert.deepEqual(logsumexp(empty, { axis: 1 }).toArray(), [-Infinity, -Infinity]);
  assert.deepEqual(mean(empty, { axis: 0 }).shape, [0]);
  const masked = f64Tensor([-Infinity, -Infinity, 0, -Infinity], [2, 2]);
  assert.deepEqual(logsumexp(masked, { axis: 1 }).toArray(), [-Infinity, 0]);
  assert.deepEqual(Array.from(softmax(masked).data.subarray(2)), [1, 0]);
  const seven = tensor(7, f64);
  assert.equal(mean(seven).data[0], 7);
  assert.equal(max(seven).data[0], 7);
  assert.equal(logsumexp(seven).data[0], 7);
  assert.deepEqual(grad((p: typeof seven) => max(p))(seven).data[0], 1);
});

Deno.test("a bad axis throws a ShapeError naming the op, the shape and the axis", () => {
  const x = normal([2, 3], 12);
  const cases: [string, () => unknown][] = [
    ["mean", () => mean(x, { axis: 2 })],
    ["max", () => max(x, { axis: -3 })],
    ["logsumexp", () => logsumexp(x, { axis: [0, 0] })],
    ["softmax", () => softmax(x, { axis: 5 })],
    ["logSoftmax", () => logSoftmax(x, { axis: [1, -1] })],
  ];
  for (const [op, run] of cases) {
    assert.throws(run, (error: unknown) => {
      assert.ok(error instanceof ShapeError && error instanceof TypeError);
      assert.match(error.message, new RegExp(`^Cannot ${op} a tensor of shape \\[2, 3\\]: axis`));
      return true;
    });
  }
});

// ---- max: the tie convention, pinned exactly ----

Deno.test("max: ties split the gradient evenly among the tied entries", () => {
  const vector = tensor([1, 3, 3, 2], f64);
  assert.deepEqual(grad((p: typeof vector) => max(p))(vector).toArray(), [0, 0.5, 0.5, 0]);
  const triple = tensor([5, 5, 5], f64);
  assert.deepEqual(grad((p: typeof triple) => max(p))(triple).toArray(), [1 / 3, 1 / 3, 1 / 3]);
  const matrix = tensor([[1, 4, 4], [2, 9, 0], [7, 7, 7]], f64);
  const [rows, pullback] = vjp((p: typeof matrix) => max(p, { axis: 1 }), matrix);
  assert.deepEqual(rows.toArray(), [4, 9, 7]);
  assert.deepEqual(pullback(tensor([2, 10, 3], f64)).toArray(), [[0, 1, 1], [0, 10, 0], [
    1,
    1,
    1,
  ]]);
  const [columns, back] = vjp(
    (p: typeof matrix) => max(p, { axis: 0, keepdims: true }),
    matrix,
  );
  assert.deepEqual(columns.toArray(), [[7, 9, 7]]);
  assert.deepEqual(back(tensor([[1, 1, 1]], f64)).toArray(), [[0, 0, 0], [0, 1, 0], [
    1,
    0,
    1,
  ]]);
  const f32 = tensor([[0, 0], [1, 0]]);
  assert.deepEqual(grad((p: typeof f32) => max(p))(f32).toArray(), [[0, 0], [1, 0]]);
});

Deno.test("max: second derivative is zero; the rule is linear in the cotangent", () => {
  const x = tensor([[0.3, -1.2, 2.5], [1.1, 0.4, -0.7]], f64);
  // max is piecewise linear: grad of grad of max alone is exactly zero.
  const hessianRow = grad((p: typeof x) => sum(mul(grad((q: typeof x) => max(q))(p), x)))(x);
  assert.deepEqual(hessianRow.toArray(), [[0, 0, 0], [0, 0, 0]]);
  const curved = (p: typeof x) => sum(exp(max(p, { axis: 0 })));
  const v = normal([2, 3], 13) as unknown as typeof x;
  const result = gradCheck((p: typeof x) => sum(mul(grad(curved)(p), v)), x);
  // Differences of an exact gradient in f64 with ε = 1e-6 keep about half the digits.
  assert.ok(result.relativeError < 1e-6, JSON.stringify(result));
});

// ---- gradient checks (f64; random inputs, ties have probability 0) ----

type Param = Loose<"f64">;
type Output = Tensor<Shape, "f64">;

const weights = normal([3, 4, 5], 21);

/** `x ↦ Σ w·op(x)` with a fixed random `w` of the op's output shape, so every entry matters. */
function weighted(op: (x: Param) => Output): (x: Param) => Tensor<[], "f64"> {
  return (x) => {
    const y = op(x);
    const w = f64Tensor(Array.from(weights.data.subarray(0, y.size)), y.shape as number[]);
    return sum(mul(y, w)) as unknown as Tensor<[], "f64">;
  };
}

const ops: [string, (x: Param) => Output][] = [
  ["mean over all", (x) => mean(x)],
  ["mean over [0, 2]", (x) => mean(x, { axis: [0, 2] })],
  ["mean over -1 keepdims", (x) => mean(x, { axis: -1, keepdims: true })],
  ["max over all", (x) => max(x)],
  ["max over 1", (x) => max(x, { axis: 1 })],
  ["max over [0, -1] keepdims", (x) => max(x, { axis: [0, -1], keepdims: true })],
  ["logsumexp over all", (x) => logsumexp(x)],
  ["logsumexp over 1", (x) => logsumexp(x, { axis: 1 })],
  ["logsumexp over [0, 2] keepdims", (x) => logsumexp(x, { axis: [0, 2], keepdims: true })],
  ["softmax", (x) => softmax(x)],
  ["softmax over 0", (x) => softmax(x, { axis: 0 })],
  ["softmax over [1, 2]", (x) => softmax(x, { axis: [1, 2] })],
  ["logSoftmax", (x) => logSoftmax(x)],
  ["logSoftmax over 1", (x) => logSoftmax(x, { axis: 1 })],
];

Deno.test("first order: gradCheck relative error <= 1e-7", () => {
  const x = normal([2, 3, 4], 22);
  for (const [name, op] of ops) {
    const result = gradCheck(weighted(op), x);
    assert.ok(result.relativeError < 1e-7, `${name}: ${JSON.stringify(result)}`);
  }
});

Deno.test("second order: gradCheck of p ↦ Σ v·grad(f)(p) <= 1e-6", () => {
  // Differences of an analytic gradient in f64 with ε = 1e-6 keep about half
  // the digits, hence 1e-6. mean and max are (piecewise) linear, so each goes
  // through exp first: the check then exercises their rules under grad of
  // grad; max's own second derivative is zero (tested above).
  const x = normal([2, 3, 4], 23);
  const v = normal([2, 3, 4], 24);
  const curved: [string, (x: Param) => Output][] = [
    ["exp∘mean over [0, 2]", (p) => exp(mean(p, { axis: [0, 2] }))],
    ["exp∘max over 1", (p) => exp(max(p, { axis: 1 }))],
    ...ops.filter(([name]) => !name.startsWith("mean") && !name.startsWith("max")),
  ];
  for (const [name, op] of curved) {
    const f = weighted(op);
    const result = gradCheck((p: Param) => sum(mul(grad(f)(p), v)) as Tensor<[], "f64">, x);
    assert.ok(result.relativeError < 1e-6, `${name}: ${JSON.stringify(result)}`);
  }
});

Deno.test("logsumexp: its gradient is the softmax over the same axes", () => {
  const x = normal([2, 3, 4], 25);
  for (const axis of [0, 1, -1] as const) {
    const g = grad((p: Param) => sum(logsumexp(p, { axis })) as Tensor<[], "f64">)(x);
    assertAllClose(g.data, Array.from(softmax(x, { axis }).data), 1e-15);
  }
  const all = grad((p: Param) => logsumexp(p) as Tensor<[], "f64">)(x);
  assertAllClose(all.data, Array.from(softmax(x, { axis: [0, 1, 2] }).data), 1e-15);
});

Deno.test("the shift is a constant: stopGradient inputs give no gradient, outputs keep dtype", () => {
  const x = normal([3, 4], 26);
  const g = grad((p: Param) => sum(logSoftmax(stopGradient(p))) as Tensor<[], "f64">)(x);
  assert.deepEqual(Array.from(g.data), new Array(12).fill(0));
  const f32 = tensor([[1, 2], [3, 4]]);
  for (const y of [mean(f32), max(f32), logsumexp(f32), softmax(f32), logSoftmax(f32)]) {
    assert.ok(y.data instanceof Float32Array);
  }
});
