/**
 * Two oracles independent of shapeflow, from mathjs: forward values of
 * matmul, transpose and dot against `math.multiply`, `math.transpose` and
 * `math.dot`; and symbolic derivatives — fast-check builds random scalar
 * expressions from our elementwise ops over two variables, mathjs
 * differentiates the same expression written as a string, and our `grad`
 * must agree to 1e-9 relative. The expressions use add, sub, mul, div, neg,
 * exp, log, sqrt, square, pow, sigmoid and tanh.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import * as math from "mathjs";
import { grad } from "../core/autodiff.ts";
import { fromArray, scalar } from "../core/create.ts";
import type { Tensor } from "../core/tensor.ts";
import { add } from "../ops/add.ts";
import { sub } from "../ops/sub.ts";
import { mul } from "../ops/mul.ts";
import { div } from "../ops/div.ts";
import { neg } from "../ops/neg.ts";
import { exp } from "../ops/exp.ts";
import { log } from "../ops/log.ts";
import { sqrt } from "../ops/sqrt.ts";
import { square } from "../ops/square.ts";
import { pow } from "../ops/pow.ts";
import { sigmoid } from "../ops/sigmoid.ts";
import { tanh } from "../ops/tanh.ts";
import { matmul } from "../ops/matmul.ts";
import { transpose } from "../ops/transpose.ts";
import { dot } from "../ops/dot.ts";
import { tensorArbitrary } from "./arbitraries.ts";

const SETTINGS = { seed: 20261128, numRuns: 100 };

type Scalar = Tensor<[], "f64">;
type Matrix = Tensor<number[], "f64">;

function rows(x: Matrix): number[][] {
  const [m, n] = x.shape;
  return Array.from({ length: m }, (_, i) => Array.from(x.data.subarray(i * n, (i + 1) * n)));
}

/**
 * `|actual − expected| ≤ relative·(|actual| + |expected|)`, or within
 * `1e-12·magnitude` where the value is a cancellation of terms of that size.
 */
function assertClose(
  actual: number,
  expected: number,
  relative: number,
  magnitude: number,
  what: string,
): void {
  const scale = Math.abs(actual) + Math.abs(expected);
  assert.ok(
    Math.abs(actual - expected) <= Math.max(relative * scale, 1e-12 * magnitude, 1e-300),
    `${what}: ${actual} against ${expected} (terms of size ${magnitude})`,
  );
}

// ---- forward values ----

const matrices = fc
  .tuple(
    fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 1, max: 5 }),
  )
  .chain(([m, k, n]) => fc.tuple(tensorArbitrary([m, k]), tensorArbitrary([k, n])));

Deno.test("matmul agrees with math.multiply", () => {
  fc.assert(
    fc.property(matrices, ([a, b]) => {
      const ours = rows(matmul(a as Matrix, b as Matrix) as Matrix);
      const theirs = math.multiply(rows(a as Matrix), rows(b as Matrix)) as number[][];
      ours.forEach((row, i) =>
        row.forEach((v, j) => assertClose(v, theirs[i][j], 1e-14, 0, `[${i}, ${j}]`))
      );
    }),
    SETTINGS,
  );
});

Deno.test("batched matmul agrees with math.multiply batch by batch", () => {
  const batched = fc
    .tuple(
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 4 }),
    )
    .chain(([batch, m, n]) => fc.tuple(tensorArbitrary([batch, m, n]), tensorArbitrary([n, m])));
  fc.assert(
    fc.property(batched, ([a, b]) => {
      const [batch, m, n] = a.shape;
      const product = matmul(a as Matrix, b as Matrix) as Matrix;
      for (let t = 0; t < batch; t++) {
        const slice = fromArray(a.data.slice(t * m * n, (t + 1) * m * n), [m, n]) as Matrix;
        const theirs = math.multiply(rows(slice), rows(b as Matrix)) as number[][];
        theirs.forEach((row, i) =>
          row.forEach((v, j) => assertClose(product.data[(t * m + i) * m + j], v, 1e-14, 0, `${t}`))
        );
      }
    }),
    SETTINGS,
  );
});

Deno.test("transpose agrees with math.transpose", () => {
  fc.assert(
    fc.property(matrices, ([a]) => {
      assert.deepEqual(rows(transpose(a as Matrix) as Matrix), math.transpose(rows(a as Matrix)));
    }),
    SETTINGS,
  );
});

Deno.test("dot agrees with math.dot", () => {
  const vectors = fc
    .integer({ min: 1, max: 12 })
    .chain((n) => fc.tuple(tensorArbitrary([n]), tensorArbitrary([n])));
  fc.assert(
    fc.property(vectors, ([a, b]) => {
      const theirs = math.dot(Array.from(a.data), Array.from(b.data));
      assertClose(dot(a, b).data[0], theirs, 1e-14, 0, "dot");
    }),
    SETTINGS,
  );
});

// ---- symbolic derivatives ----

/**
 * A value with the magnitudes of its derivatives' terms: forward mode in
 * absolute values (`|a'|·|b| + |a|·|b'|` for a product, and so on). Where a
 * derivative cancels (`e^(−2y)·(2y − 1)` at y = ½), float64 leaves an error
 * of about `ε·magnitude`, not `ε·|derivative|`: the comparison allows for it.
 */
interface Magnitudes {
  readonly v: number;
  readonly dx: number;
  readonly dy: number;
}

/** A scalar expression, as a mathjs string and as a function of our ops. */
interface Expression {
  readonly text: string;
  readonly build: (x: Scalar, y: Scalar) => Scalar;
  /** Its value in plain float64 arithmetic, with its derivatives' magnitudes. */
  readonly value: (x: number, y: number) => Magnitudes;
}

const variables: Expression[] = [
  { text: "x", build: (x) => x, value: (x) => ({ v: x, dx: 1, dy: 0 }) },
  { text: "y", build: (_, y) => y, value: (_, y) => ({ v: y, dx: 0, dy: 1 }) },
];

function constant(c: number): Expression {
  return {
    text: `${c}`,
    build: () => scalar(c, { dtype: "f64" }),
    value: () => ({ v: c, dx: 0, dy: 0 }),
  };
}

/** Chain rule in magnitudes: `f(a)` with `|f'(a)|`. */
function chain(a: Magnitudes, v: number, slope: number): Magnitudes {
  return { v, dx: Math.abs(slope) * a.dx, dy: Math.abs(slope) * a.dy };
}

type Unary = (e: Expression) => Expression;
type Binary = (a: Expression, b: Expression) => Expression;

function unary(
  name: string,
  op: (t: Scalar) => Scalar,
  f: (a: Magnitudes) => Magnitudes,
  text = (inner: string) => `${name}(${inner})`,
): Unary {
  return (e) => ({
    text: text(e.text),
    build: (x, y) => op(e.build(x, y)),
    value: (x, y) => f(e.value(x, y)),
  });
}

function binary(
  symbol: string,
  op: (a: Scalar, b: Scalar) => Scalar,
  f: (a: Magnitudes, b: Magnitudes) => Magnitudes,
): Binary {
  return (a, b) => ({
    text: `(${a.text}) ${symbol} (${b.text})`,
    build: (x, y) => op(a.build(x, y), b.build(x, y)),
    value: (x, y) => f(a.value(x, y), b.value(x, y)),
  });
}

/** `|∂(a∘b)|` bounds for the four arithmetic operations. */
const sumRule = (a: Magnitudes, b: Magnitudes, v: number) => ({
  v,
  dx: a.dx + b.dx,
  dy: a.dy + b.dy,
});
const productRule = (a: Magnitudes, b: Magnitudes) => ({
  v: a.v * b.v,
  dx: a.dx * Math.abs(b.v) + Math.abs(a.v) * b.dx,
  dy: a.dy * Math.abs(b.v) + Math.abs(a.v) * b.dy,
});
const quotientRule = (a: Magnitudes, b: Magnitudes) => ({
  v: a.v / b.v,
  dx: a.dx / Math.abs(b.v) + (Math.abs(a.v) * b.dx) / b.v ** 2,
  dy: a.dy / Math.abs(b.v) + (Math.abs(a.v) * b.dy) / b.v ** 2,
});

const expOf = unary("exp", (t) => exp(t), (a) => chain(a, Math.exp(a.v), Math.exp(a.v)));
const sigmoidOf = unary(
  "sigmoid",
  (t) => sigmoid(t),
  // The rule computes s·(1 − s): a difference of terms of size s and s², which
  // loses relative digits as s → 1. The magnitude is that of the terms.
  (a) => {
    const s = 1 / (1 + Math.exp(-a.v));
    return chain(a, s, s * (1 + s));
  },
  // mathjs has no sigmoid: the same function, written out.
  (inner) => `1 / (1 + exp(-(${inner})))`,
);
const squareOf = unary(
  "square",
  (t) => square(t),
  (a) => chain(a, a.v * a.v, 2 * a.v),
  (inner) => `(${inner})^2`,
);
const sqrtOf = unary("sqrt", (t) => sqrt(t), (a) => chain(a, Math.sqrt(a.v), 0.5 / Math.sqrt(a.v)));

/** Ops on any real argument. */
const realUnary: Unary[] = [
  unary("neg", (t) => neg(t), (a) => ({ ...a, v: -a.v }), (inner) => `-(${inner})`),
  expOf,
  squareOf,
  sigmoidOf,
  // 1 − tanh²: terms of size 1 and tanh², as for the sigmoid.
  unary("tanh", (t) => tanh(t), (a) => chain(a, Math.tanh(a.v), 1 + Math.tanh(a.v) ** 2)),
];

/** Ops that need a positive argument: the generator passes them a positive expression. */
const positiveUnary: Unary[] = [
  unary("log", (t) => log(t), (a) => chain(a, Math.log(a.v), 1 / a.v)),
  sqrtOf,
];

/** `a^b` for a positive base `a` (the exponent's gradient needs ln a). */
const power = binary("^", (a, b) => pow(a, b), (a, b) => {
  const v = a.v ** b.v;
  const toBase = Math.abs(b.v * a.v ** (b.v - 1));
  const toExponent = Math.abs(v * Math.log(a.v));
  return { v, dx: toBase * a.dx + toExponent * b.dx, dy: toBase * a.dy + toExponent * b.dy };
});

const plus = binary("+", (a, b) => add(a, b), (a, b) => sumRule(a, b, a.v + b.v));
const times = binary("*", (a, b) => mul(a, b), productRule);

const realBinary: Binary[] = [
  plus,
  binary("-", (a, b) => sub(a, b), (a, b) => sumRule(a, b, a.v - b.v)),
  times,
];

/** Division, whose divisor the generator keeps positive. */
const divide = binary("/", (a, b) => div(a, b), quotientRule);

/**
 * Expressions over x, y ∈ [0.5, 2]. Two grammars: `positive` (values > 0 by
 * construction, for log, sqrt and divisors) and `real`.
 */
const expressions = fc.letrec<{ real: Expression; positive: Expression }>((tie) => ({
  positive: fc.oneof(
    { depthSize: "small", maxDepth: 5, withCrossShrink: true },
    fc.constantFrom(...variables),
    fc.double({ min: 0.5, max: 3, noNaN: true }).map((c) => constant(Number(c.toFixed(3)))),
    tie("real").map(expOf),
    tie("real").map(sigmoidOf),
    tie("positive").map(sqrtOf),
    fc.tuple(tie("positive"), tie("real")).map(([a, b]) => power(a, b)),
    fc.tuple(tie("positive"), tie("positive")).map(([a, b]) => plus(a, b)),
    fc.tuple(tie("positive"), tie("positive")).map(([a, b]) => times(a, b)),
    fc.tuple(tie("positive"), tie("positive")).map(([a, b]) => divide(a, b)),
  ),
  real: fc.oneof(
    { depthSize: "small", maxDepth: 5, withCrossShrink: true },
    fc.constantFrom(...variables),
    tie("positive"),
    fc.tuple(fc.constantFrom(...realUnary), tie("real")).map(([op, e]) => op(e)),
    fc.tuple(fc.constantFrom(...positiveUnary), tie("positive")).map(([op, e]) => op(e)),
    fc.tuple(fc.constantFrom(...realBinary), tie("real"), tie("real")).map(([op, a, b]) =>
      op(a, b)
    ),
    fc.tuple(tie("real"), tie("positive")).map(([a, b]) => divide(a, b)),
  ),
})).real;

const point = fc.tuple(
  fc.double({ min: 0.5, max: 2, noNaN: true }),
  fc.double({ min: 0.5, max: 2, noNaN: true }),
);

Deno.test("grad agrees with mathjs's symbolic derivative on random expressions", () => {
  fc.assert(
    fc.property(expressions, point, (expression, [x, y]) => {
      const { v, dx: xScale, dy: yScale } = expression.value(x, y);
      // Skip points where the expression leaves the comfortable range of f64.
      fc.pre(Number.isFinite(v) && Math.abs(v) < 1e8 && xScale < 1e8 && yScale < 1e8);
      // ... and where a derivative sinks toward underflow (sigmoid(300)′ ≈ 1e-131).
      fc.pre((xScale === 0 || xScale > 1e-100) && (yScale === 0 || yScale > 1e-100));
      const dx = math.derivative(expression.text, "x", { simplify: false }).evaluate({ x, y });
      const dy = math.derivative(expression.text, "y", { simplify: false }).evaluate({ x, y });
      // mathjs's own formula can overflow where ours does not (exp(z)² for large z).
      fc.pre(Number.isFinite(dx) && Number.isFinite(dy));
      const ours = grad((p: { x: Scalar; y: Scalar }) => expression.build(p.x, p.y))({
        x: scalar(x, { dtype: "f64" }),
        y: scalar(y, { dtype: "f64" }),
      });
      const where = `${expression.text} at x=${x}, y=${y}`;
      assertClose(ours.x.data[0], dx, 1e-9, xScale, `d/dx ${where}`);
      assertClose(ours.y.data[0], dy, 1e-9, yScale, `d/dy ${where}`);
    }),
    { ...SETTINGS, numRuns: 1000 },
  );
});
