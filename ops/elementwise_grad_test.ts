/**
 * Gradient tests of the elementwise ops and activations — sqrt, square, pow,
 * abs, maximum, minimum, where, the comparisons, sigmoid, tanh, relu and
 * leakyRelu, with the earlier neg, exp, log, add, sub, mul and div: gradCheck
 * in f64 at first and second order on random inputs away from kinks, exact
 * Hessians where they are known, the conventions at kinks and the edges of
 * domains pinned exactly, where's routing, and gradients in f32.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { grad, valueAndGrad, vjp } from "../core/autodiff.ts";
import { fromArray } from "../core/create.ts";
import type { Shape } from "../core/shape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { gradCheck } from "../props/grad_check.ts";
import { abs } from "./abs.ts";
import { add } from "./add.ts";
import { equal, greater, greaterEqual, less, lessEqual } from "./compare.ts";
import { div } from "./div.ts";
import { exp } from "./exp.ts";
import { leakyRelu } from "./leaky_relu.ts";
import { log } from "./log.ts";
import { maximum } from "./maximum.ts";
import { minimum } from "./minimum.ts";
import { mul } from "./mul.ts";
import { neg } from "./neg.ts";
import { pow } from "./pow.ts";
import { relu } from "./relu.ts";
import { sigmoid } from "./sigmoid.ts";
import { sqrt } from "./sqrt.ts";
import { square } from "./square.ts";
import { sub } from "./sub.ts";
import { sum } from "./sum.ts";
import { tanh } from "./tanh.ts";
import { where } from "./where.ts";

const SETTINGS = { seed: 20261128, numRuns: 30 };

/** Tensors whose shapes only the run time knows: the ops' type guards step aside. */
type Loose<D extends DType = DType> = Tensor<number[], D>;
type Scalar = Tensor<[], "f64">;
type AnyTensor = Tensor<Shape, DType>;

function f64(values: readonly number[], shape: readonly number[]): Loose<"f64"> {
  return fromArray(Float64Array.from(values), shape) as unknown as Loose<"f64">;
}

function f32(values: readonly number[], shape: readonly number[]): Loose<"f32"> {
  return fromArray(Float32Array.from(values), shape) as unknown as Loose<"f32">;
}

function assertClose(got: ArrayLike<number>, want: readonly number[], tolerance: number): void {
  assert.equal(got.length, want.length);
  for (let i = 0; i < want.length; i++) {
    const ok = Object.is(got[i], want[i]) ||
      Math.abs(got[i] - want[i]) <= tolerance * Math.max(1, Math.abs(want[i]));
    assert.ok(ok, `entry ${i}: got ${got[i]}, want ${want[i]}`);
  }
}

function referenceSigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

// ---- gradient checks (f64, random inputs away from kinks and inside each domain) ----

/**
 * Six values spread evenly over [low, high] (on a grid of 1e-6: fast-check's
 * doubles crowd near 0), each at least 0.05 away from every kink, and one at
 * least 0.5 from 0, since a gradient that vanishes everywhere leaves the
 * relative error meaningless.
 */
function sample(low: number, high: number, kinks: readonly number[] = []) {
  const value = fc.integer({ min: low * 1e6, max: high * 1e6 }).map((v) => v / 1e6);
  return fc
    .array(value, { minLength: 6, maxLength: 6 })
    .filter((xs) =>
      xs.every((x) => kinks.every((k) => Math.abs(x - k) > 0.05)) &&
      xs.some((x) => Math.abs(x) >= 0.5)
    );
}

const weights = f64([0.3, -1.2, 0.7, 2.1, -0.4, 1.5], [2, 3]);
const directionValues = [-0.8, 0.5, 1.1, 0.2, -1.7, 0.9];

/** Parameters by name: `{ x }` for one operand, `{ a, b }` for two. */
type Params = Record<string, Loose<"f64">>;

/** `op` summed against fixed weights, so every entry of the output matters. */
function weighted(op: (p: Params) => Tensor<Shape, "f64">): (p: Params) => Scalar {
  return (p) => sum(mul(op(p), weights)) as Scalar;
}

/** `p ↦ Σ v·∇f(p)` with a fixed `v`: its gradient is a Hessian–vector product. */
function hessianProbe(f: (p: Params) => Scalar): (p: Params) => Scalar {
  return (p) => {
    const gradient = grad(f)(p);
    let total: Scalar | undefined;
    for (const leaf of Object.values(gradient)) {
      const v = f64(directionValues.slice(0, leaf.size), leaf.shape);
      const term = sum(mul(leaf, v)) as Scalar;
      total = total === undefined ? term : add(total, term);
    }
    return total as Scalar;
  };
}

interface GradCase {
  name: string;
  /** The parameters, built from two samples of six values. */
  params: (xs: number[], ys: number[]) => Params;
  f: (p: Params) => Scalar;
  /** Where each sample is drawn. */
  domains: [fc.Arbitrary<number[]>, fc.Arbitrary<number[]>];
  /** Whether the second derivative is non-zero (smooth ops get a direct second-order check). */
  smooth: boolean;
}

const anywhere = sample(-3, 3);
const awayFromZero = sample(-3, 3, [0]);
const positive = sample(0.2, 3);
const conditionValues = [1, 0, 0, 1, 0, 1];
const matrix = (xs: number[]) => ({ x: f64(xs, [2, 3]) });

/** A matrix and a broadcast column, for the arithmetic ops. */
const matrixAndColumn = (xs: number[], ys: number[]) => ({
  a: f64(xs, [2, 3]),
  b: f64(ys.slice(0, 2), [2, 1]),
});

/**
 * The cases; operands of the binary ops and where broadcast. The first seven
 * are the earlier primitives (neg, exp, log, add, sub, mul, div), checked
 * here alongside the rest.
 */
const gradCases: GradCase[] = [
  {
    name: "neg",
    params: matrix,
    f: weighted((p) => neg(p.x)),
    domains: [anywhere, anywhere],
    smooth: false,
  },
  {
    name: "exp",
    params: matrix,
    f: weighted((p) => exp(p.x)),
    domains: [anywhere, anywhere],
    smooth: true,
  },
  {
    name: "log",
    params: matrix,
    f: weighted((p) => log(p.x)),
    domains: [positive, anywhere],
    smooth: true,
  },
  {
    name: "add ([2, 3] and [2, 1])",
    params: matrixAndColumn,
    f: weighted((p) => add(p.a, p.b)),
    domains: [anywhere, anywhere],
    smooth: false,
  },
  {
    name: "sub ([2, 3] and [2, 1])",
    params: matrixAndColumn,
    f: weighted((p) => sub(p.a, p.b)),
    domains: [anywhere, anywhere],
    smooth: false,
  },
  {
    name: "mul ([2, 3] and [2, 1])",
    params: matrixAndColumn,
    f: weighted((p) => mul(p.a, p.b)),
    domains: [anywhere, anywhere],
    smooth: true,
  },
  {
    name: "div ([2, 3] and [2, 1], divisor positive)",
    params: matrixAndColumn,
    f: weighted((p) => div(p.a, p.b)),
    domains: [anywhere, sample(0.5, 3)],
    smooth: true,
  },
  {
    name: "sqrt",
    params: matrix,
    f: weighted((p) => sqrt(p.x)),
    domains: [positive, anywhere],
    smooth: true,
  },
  {
    name: "square",
    params: matrix,
    f: weighted((p) => square(p.x)),
    domains: [anywhere, anywhere],
    smooth: true,
  },
  {
    name: "pow (base [2, 3], exponent [3])",
    params: (xs, ys) => ({ a: f64(xs, [2, 3]), b: f64(ys.slice(0, 3), [3]) }),
    f: weighted((p) => pow(p.a, p.b)),
    domains: [positive, anywhere],
    smooth: true,
  },
  {
    name: "pow (number exponent)",
    params: matrix,
    f: weighted((p) => pow(p.x, 3)),
    domains: [anywhere, anywhere],
    smooth: true,
  },
  {
    name: "pow (number base)",
    params: matrix,
    f: weighted((p) => pow(1.7, p.x)),
    domains: [anywhere, anywhere],
    smooth: true,
  },
  {
    name: "sigmoid",
    params: (xs) => ({ x: f64(xs.map((x) => 3 * x), [2, 3]) }),
    f: weighted((p) => sigmoid(p.x)),
    domains: [anywhere, anywhere],
    smooth: true,
  },
  {
    name: "tanh",
    params: matrix,
    f: weighted((p) => tanh(p.x)),
    domains: [anywhere, anywhere],
    smooth: true,
  },
  {
    name: "abs",
    params: matrix,
    f: weighted((p) => abs(p.x)),
    domains: [awayFromZero, anywhere],
    smooth: false,
  },
  {
    name: "relu",
    params: matrix,
    f: weighted((p) => relu(p.x)),
    domains: [awayFromZero, anywhere],
    smooth: false,
  },
  {
    name: "leakyRelu slope 0.2",
    params: matrix,
    f: weighted((p) => leakyRelu(p.x, { slope: 0.2 })),
    domains: [awayFromZero, anywhere],
    smooth: false,
  },
  {
    name: "maximum (a [2, 3], b [3]; a − b away from 0)",
    params: (xs) => ({ a: f64(xs, [2, 3]), b: f64([-1.5, 0, 1.5], [3]) }),
    f: weighted((p) => maximum(p.a, p.b)),
    domains: [sample(-3, 3, [-1.5, 0, 1.5]), anywhere],
    smooth: false,
  },
  {
    name: "minimum (a [3], b [2, 3]; a − b away from 0)",
    params: (_, ys) => ({ a: f64([1, -0.5, 2], [3]), b: f64(ys, [2, 3]) }),
    f: weighted((p) => minimum(p.a, p.b)),
    domains: [anywhere, sample(-3, 3, [1, -0.5, 2])],
    smooth: false,
  },
  {
    name: "where (condition [2, 3], a [3], b [2, 1])",
    params: (xs, ys) => ({ a: f64(xs.slice(0, 3), [3]), b: f64(ys.slice(0, 2), [2, 1]) }),
    f: weighted((p) => where(f64(conditionValues, [2, 3]), p.a, p.b)),
    domains: [anywhere, anywhere],
    smooth: false,
  },
];

Deno.test("first order: gradCheck relative error <= 1e-7 on random inputs", () => {
  for (const { name, params, f, domains } of gradCases) {
    fc.assert(
      fc.property(domains[0], domains[1], (xs, ys) => {
        const result = gradCheck(f, params(xs, ys));
        assert.ok(result.relativeError <= 1e-7, `${name}: ${JSON.stringify(result)}`);
      }),
      SETTINGS,
    );
  }
});

Deno.test("second order: gradCheck of p ↦ Σ v·grad(f)(p) <= 1e-6", () => {
  // Differences of an analytic gradient in f64 with ε = 1e-6 keep about half
  // the digits, hence 1e-6 rather than 1e-7. The piecewise-linear ops (abs,
  // relu, leakyRelu, maximum, minimum, where) and the linear ones (neg, add,
  // sub) have a zero second derivative away from kinks (pinned exactly
  // below), so each goes through exp first: the check then runs their rules
  // under grad of grad.
  for (const { name, params, f, domains, smooth } of gradCases) {
    const curved = smooth ? f : (p: Params) => exp(mul(f(p), 0.3)) as Scalar;
    fc.assert(
      fc.property(domains[0], domains[1], (xs, ys) => {
        const result = gradCheck(hessianProbe(curved), params(xs, ys));
        assert.ok(result.relativeError <= 1e-6, `${name}: ${JSON.stringify(result)}`);
      }),
      { ...SETTINGS, numRuns: 15 },
    );
  }
});

Deno.test("grad of grad of sigmoid and tanh matches σ″ = σ(1−σ)(1−2σ) and tanh″ = −2t(1−t²)", () => {
  const xs = [-6, -1.3, -0.2, 0, 0.7, 4.5];
  const x = f64(xs, [6]);
  const slope = (op: (p: Loose<"f64">) => Loose<"f64">) => (p: Loose<"f64">) =>
    sum(grad((q: Loose<"f64">) => sum(op(q)) as Scalar)(p)) as Scalar;
  const sigmoidCurvature = grad(slope((p) => sigmoid(p)))(x);
  const tanhCurvature = grad(slope((p) => tanh(p)))(x);
  assertClose(
    sigmoidCurvature.data,
    xs.map((v) => {
      const s = referenceSigmoid(v);
      return s * (1 - s) * (1 - 2 * s);
    }),
    1e-15,
  );
  assertClose(
    tanhCurvature.data,
    xs.map((v) => -2 * Math.tanh(v) * (1 - Math.tanh(v) ** 2)),
    1e-15,
  );
});

Deno.test("piecewise-linear ops have a zero Hessian: grad of grad gives exactly 0", () => {
  const x = f64([-2.5, -0.3, 0.4, 1.7, -1.1, 2.2], [2, 3]);
  const other = f64([0.1, -0.2, 0.3], [3]);
  const condition = f64(conditionValues, [2, 3]);
  const ops: [string, (p: Loose<"f64">) => Tensor<Shape, "f64">][] = [
    ["abs", (p) => abs(p)],
    ["relu", (p) => relu(p)],
    ["leakyRelu", (p) => leakyRelu(p, { slope: 0.2 })],
    ["maximum", (p) => maximum(p, other)],
    ["minimum", (p) => minimum(other, p)],
    ["where", (p) => where(condition, p, mul(other, 2))],
  ];
  for (const [name, op] of ops) {
    const f = (p: Loose<"f64">) => sum(mul(op(p), weights)) as Scalar;
    const hessianRow = grad((p: Loose<"f64">) => sum(mul(grad(f)(p), x)) as Scalar)(x);
    assert.deepEqual(Array.from(hessianRow.data), new Array(6).fill(0), name);
  }
});

// ---- conventions at kinks and at the edges of domains, pinned exactly ----

/** The gradient of `Σ op(x)` at `values`, in f64. */
function slopes(op: (x: Loose<"f64">) => Tensor<Shape, "f64">, values: number[]): number[] {
  const g = grad((p: Loose<"f64">) => sum(op(p)) as Scalar)(f64(values, [values.length]));
  return Array.from(g.data);
}

Deno.test("kinks: relu′(0) = 0, abs′(0) = 0, leakyRelu′(0) = slope", () => {
  assert.deepEqual(slopes((x) => relu(x), [-1, 0, -0, 2]), [0, 0, 0, 1]);
  assert.deepEqual(slopes((x) => abs(x), [-1, 0, -0, 2]), [-1, 0, 0, 1]);
  assert.deepEqual(slopes((x) => leakyRelu(x, { slope: 0.2 }), [-1, 0, -0, 2]), [0.2, 0.2, 0.2, 1]);
  assert.deepEqual(slopes((x) => leakyRelu(x), [-1, 0, 2]), [0.01, 0.01, 1]);
  assert.deepEqual(slopes((x) => leakyRelu(x, { slope: -0.5 }), [-1, 0, 2]), [-0.5, -0.5, 1]);
  assert.deepEqual(slopes((x) => leakyRelu(x, { slope: 0 }), [-1, 0, 2]), [0, 0, 1]);
});

Deno.test("kinks: maximum(x, x) and minimum(x, x) give ½ to each side", () => {
  const x = f64([-1, 0, 2.5], [3]);
  for (const op of [maximum, minimum]) {
    const [value, gradients] = valueAndGrad((p: Params) => sum(op(p.a, p.b)) as Scalar)({
      a: x,
      b: x,
    });
    assert.equal(value.data[0], 1.5);
    assert.deepEqual(Array.from(gradients.a.data), [0.5, 0.5, 0.5]);
    assert.deepEqual(Array.from(gradients.b.data), [0.5, 0.5, 0.5]);
    // One tensor on both sides: ½ + ½.
    assert.deepEqual(slopes((p) => op(p, p), [-1, 0, 2.5]), [1, 1, 1]);
  }
  // Ties against a number, and a tie broadcast against a row: each tied entry gives ½.
  assert.deepEqual(slopes((p) => maximum(p, 0), [-1, 0, 3]), [0, 0.5, 1]);
  assert.deepEqual(slopes((p) => minimum(p, 0), [-1, 0, 3]), [1, 0.5, 0]);
  const [, pullback] = vjp(
    (p: Params) => maximum(p.a, p.b),
    { a: f64([1, 2, 3], [3]), b: f64([1, 5], [2, 1]) },
  );
  const back = pullback(f64([1, 1, 1, 1, 1, 1], [2, 3]) as never);
  assert.deepEqual(Array.from(back.a.data), [0.5, 1, 1]);
  assert.deepEqual(Array.from(back.b.data), [0.5, 3]);
  // NaN on either side: NaN out, no gradient to either side.
  const nan = valueAndGrad((p: Params) => sum(maximum(p.a, p.b)) as Scalar)({
    a: f64([NaN, 1], [2]),
    b: f64([1, NaN], [2]),
  });
  assert.deepEqual([Array.from(nan[1].a.data), Array.from(nan[1].b.data)], [[0, 0], [0, 0]]);
});

Deno.test("edges of domains follow IEEE: sqrt′(0), pow at base 0, ln of a negative base", () => {
  assert.deepEqual(slopes((x) => sqrt(x), [0, 4]), [Infinity, 0.25]);
  // pow's base gradient b·0^(b−1) at a = 0: 0 for b = 2, 1 for b = 1, ∞ for b = ½.
  assert.deepEqual(slopes((x) => pow(x, 2), [0, 0]), [0, 0]);
  assert.deepEqual(slopes((x) => pow(x, 1), [0]), [1]);
  assert.deepEqual(slopes((x) => pow(x, 0.5), [0]), [Infinity]);
  // The exponent's gradient aᵇ·ln a: NaN at a = 0 (0·(−∞)) and for a < 0; fine for a > 0.
  const exponent = (base: number[]) => slopes((b) => pow(f64(base, [base.length]), b), [2, 2, 2]);
  assert.deepEqual(exponent([0, -2, Math.E]).map((v, i) => (i === 2 ? Math.round(v) : v)), [
    NaN,
    NaN,
    Math.round(Math.E ** 2),
  ]);
  // A negative base with an integer exponent is fine for the base's gradient.
  assert.deepEqual(slopes((x) => pow(x, 3), [-2]), [12]);
  assert.deepEqual(slopes((x) => square(x), [-3, 0]), [-6, 0]);
});

Deno.test("saturation: sigmoid and tanh keep finite gradients at large |x|", () => {
  const g = slopes((x) => sigmoid(x), [-1000, -40, 0, 40, 1000]);
  assert.ok(g.every((v) => Number.isFinite(v) && v >= 0));
  assert.equal(g[2], 0.25);
  assert.deepEqual(slopes((x) => tanh(x), [-1000, 0, 1000]), [0, 1, 0]);
});

// ---- comparisons and where: constants, routing ----

Deno.test("comparisons are constants to every transform: nothing flows through them", () => {
  const x = f64([-1, 0, 2, 3], [4]);
  for (const compare of [greater, greaterEqual, less, lessEqual, equal]) {
    const direct = grad((p: Loose<"f64">) => sum(compare(p, 0)) as Scalar)(x);
    assert.deepEqual(Array.from(direct.data), [0, 0, 0, 0]);
  }
  const masked = grad((p: Loose<"f64">) => sum(mul(greater(p, 0), p)) as Scalar)(x);
  assert.deepEqual(Array.from(masked.data), [0, 0, 1, 1]);
  const both = grad((p: Params) => sum(mul(lessEqual(p.a, p.b), p.a)) as Scalar)({
    a: f64([1, 2], [2]),
    b: f64([[2], [1]].flat(), [2, 1]),
  });
  assert.deepEqual(Array.from(both.a.data), [2, 1]);
  assert.deepEqual(Array.from(both.b.data), [0, 0]);
});

Deno.test("where routes the cotangent by the condition, summed back over broadcasting", () => {
  const condition = f64([1, 0, 0, 1, NaN, 0], [2, 3]);
  const [y, pullback] = vjp(
    (p: Params) => where(p.c, p.a, p.b),
    { c: condition, a: f64([10, 20, 30], [3]), b: f64([-1, -2], [2, 1]) },
  );
  assert.deepEqual(y.toArray(), [[10, -1, -1], [10, 20, -2]]);
  const back = pullback(f64([1, 2, 3, 4, 5, 6], [2, 3]) as never);
  assert.deepEqual(Array.from(back.a.data), [5, 5, 0]);
  assert.deepEqual(Array.from(back.b.data), [5, 6]);
  assert.deepEqual(Array.from(back.c.data), [0, 0, 0, 0, 0, 0]);
  // Grad of grad runs through where's own rule: d/dx Σ where(c, x², 0)′ = 2 where c holds.
  const inner = (p: Loose<"f64">) => sum(where(f64([1, 0], [2]), square(p), 0)) as Scalar;
  const curvature = grad((p: Loose<"f64">) => sum(grad(inner)(p)) as Scalar)(f64([3, 4], [2]));
  assert.deepEqual(Array.from(curvature.data), [2, 0]);
});

// ---- f32 ----

Deno.test("f32: values and gradients stay f32 and agree with f64 to f32 precision", () => {
  const values = [-2.2, -0.7, 0.3, 0.9, 1.6, 2.8];
  const ops: [string, (p: Loose) => Tensor<Shape, DType>][] = [
    ["sqrt", (p) => sqrt(abs(p))],
    ["square", (p) => square(p)],
    ["pow", (p) => pow(abs(p), p)],
    ["abs", (p) => abs(p)],
    ["maximum", (p) => maximum(p, 0.5)],
    ["minimum", (p) => minimum(0.5, p)],
    ["where", (p) => where(greater(p, 0), p, square(p))],
    ["sigmoid", (p) => sigmoid(p)],
    ["tanh", (p) => tanh(p)],
    ["relu", (p) => relu(p)],
    ["leakyRelu", (p) => leakyRelu(p, { slope: 0.1 })],
  ];
  for (const [name, op] of ops) {
    const f = (p: Loose) => sum(mul(op(p), 1.5)) as Tensor<[], DType>;
    const [narrowValue, narrow] = valueAndGrad(f)(f32(values, [2, 3]));
    const [wideValue, wide] = valueAndGrad(f)(f64(values, [2, 3]));
    assert.ok(narrow.data instanceof Float32Array && narrowValue.dtype === "f32", name);
    assertClose(narrowValue.data, Array.from(wideValue.data), 1e-6);
    assertClose(narrow.data, Array.from(wide.data), 1e-6);
  }
});
