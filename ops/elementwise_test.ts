/**
 * The elementwise ops and activations: values against `Math`, gradients
 * against two-sided differences in f64 (first and second order), the
 * conventions at kinks, broadcasting, plain-number operands, and f32.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { grad } from "../core/autodiff.ts";
import { fromArray, tensor } from "../core/create.ts";
import { DTypeError, ShapeError } from "../core/errors.ts";
import type { Shape } from "../core/shape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { gradCheck } from "../props/grad_check.ts";
import { add } from "./add.ts";
import { sub } from "./sub.ts";
import { mul } from "./mul.ts";
import { div } from "./div.ts";
import { neg } from "./neg.ts";
import { exp } from "./exp.ts";
import { log } from "./log.ts";
import { sqrt } from "./sqrt.ts";
import { square } from "./square.ts";
import { pow } from "./pow.ts";
import { abs } from "./abs.ts";
import { maximum } from "./maximum.ts";
import { minimum } from "./minimum.ts";
import { where } from "./where.ts";
import { equal, greater, greaterEqual, less, lessEqual } from "./compare.ts";
import { sigmoid } from "./sigmoid.ts";
import { tanh } from "./tanh.ts";
import { relu } from "./relu.ts";
import { leakyRelu } from "./leaky_relu.ts";
import { sum } from "./sum.ts";

type F64 = Tensor<[6], "f64">;
type AnyTensor = Tensor<Shape, DType>;
const SETTINGS = { seed: 20261128, numRuns: 25 };

/** Six values in [low, high], moved at least 0.05 away from each of `kinks`. */
function values(low: number, high: number, kinks: number[] = []) {
  const away = (x: number) => {
    for (const k of kinks) if (Math.abs(x - k) < 0.05) return x < k ? k - 0.05 : k + 0.05;
    return x;
  };
  // Steps of 1/128 keep magnitudes well above the point where a difference quotient
  // and an exact gradient both vanish into rounding (tiny doubles make the
  // relative error 0/0-like and meaningless).
  const steps = fc.integer({ min: Math.ceil(low * 128), max: Math.floor(high * 128) });
  return fc
    .array(steps, { minLength: 6, maxLength: 6 })
    .map((xs) => fromArray(Float64Array.from(xs, (i) => away(i / 128)), [6]));
}

const weights = fromArray(Float64Array.from([0.3, -1.2, 0.7, 2.1, -0.4, 1.5]), [6]);

const unary: [
  string,
  (x: AnyTensor) => AnyTensor,
  (x: number) => number,
  number,
  number,
  number[],
][] = [
  ["neg", neg, (x) => -x, -3, 3, []],
  ["exp", exp, Math.exp, -3, 3, []],
  ["log", log, Math.log, 0.1, 5, []],
  ["sqrt", sqrt, Math.sqrt, 0.1, 5, []],
  ["square", square, (x) => x * x, -3, 3, []],
  ["abs", abs, Math.abs, -3, 3, [0]],
  ["sigmoid", sigmoid, (x) => 1 / (1 + Math.exp(-x)), -6, 6, []],
  ["tanh", tanh, Math.tanh, -3, 3, []],
  ["relu", relu, (x) => Math.max(x, 0), -3, 3, [0]],
  ["leakyRelu", (x) => leakyRelu(x), (x) => (x > 0 ? x : 0.01 * x), -3, 3, [0]],
];

for (const [name, op, reference, low, high, kinks] of unary) {
  Deno.test(`${name}: values, and first- and second-order gradients`, () => {
    fc.assert(
      fc.property(values(low, high, kinks), (x) => {
        const y = op(x);
        x.data.forEach((v, i) => {
          assert.ok(
            Math.abs(y.data[i] - reference(v)) <= 1e-15 * Math.max(1, Math.abs(reference(v))),
          );
        });
        const first = gradCheck((p: F64) => sum(mul(op(p), weights)) as Tensor<[], "f64">, x);
        assert.ok(first.relativeError < 1e-7, `${name}: ${JSON.stringify(first.worst)}`);
        const second = gradCheck(
          (p: F64) =>
            sum(mul(grad((q: F64) => sum(mul(op(q), weights)) as Tensor<[], "f64">)(p), weights)),
          x,
        );
        // Differences of an exact gradient (ε = 1e-6, f64) keep about nine digits. For abs,
        // relu and leakyRelu the second derivative is zero away from the kink: both sides vanish.
        assert.ok(
          second.relativeError < 1e-6,
          `${name} (second order): ${JSON.stringify(second.worst)}`,
        );
      }),
      SETTINGS,
    );
  });
}

const binary: [
  string,
  (a: AnyTensor, b: AnyTensor) => AnyTensor,
  (a: number, b: number) => number,
  number,
  number,
][] = [
  ["add", add, (a, b) => a + b, -3, 3],
  ["sub", sub, (a, b) => a - b, -3, 3],
  ["mul", mul, (a, b) => a * b, -3, 3],
  ["div", div, (a, b) => a / b, 0.5, 3],
  ["pow", pow, Math.pow, 0.5, 2],
  ["maximum", maximum, Math.max, -3, 3],
  ["minimum", minimum, Math.min, -3, 3],
];

for (const [name, op, reference, low, high] of binary) {
  Deno.test(`${name}: values with broadcasting, and first- and second-order gradients`, () => {
    fc.assert(
      fc.property(values(low, high), values(low, high), (a, b) => {
        const column = fromArray(b.data.slice(0, 2), [2, 1]);
        const y = op(a, column);
        assert.deepEqual(y.shape, [2, 6]);
        for (let r = 0; r < 2; r++) {
          for (let c = 0; c < 6; c++) {
            const expected = reference(a.data[c], column.data[r]);
            assert.ok(
              Math.abs(y.data[r * 6 + c] - expected) <= 1e-15 * Math.max(1, Math.abs(expected)),
            );
          }
        }
        if (name === "maximum" || name === "minimum") {
          if (a.data.some((v, i) => Math.abs(v - b.data[i]) < 0.05)) return;
        }
        type Pair = { a: F64; b: F64 };
        const loss = (p: Pair) => sum(mul(op(p.a, p.b), weights)) as Tensor<[], "f64">;
        const first = gradCheck(loss, { a, b });
        assert.ok(first.relativeError < 1e-7, `${name}: ${JSON.stringify(first.worst)}`);
        const second = gradCheck((p: Pair) => sum(mul(grad(loss)(p).a, weights)), { a, b });
        assert.ok(
          second.relativeError < 1e-6,
          `${name} (second order): ${JSON.stringify(second.worst)}`,
        );
      }),
      SETTINGS,
    );
  });
}

Deno.test("kinks: relu′(0) = 0, abs′(0) = 0, leakyRelu′(0) = slope, maximum(x, x) splits ½/½", () => {
  const zero = tensor([0], { dtype: "f64" });
  assert.equal(grad((p: Tensor<[1], "f64">) => sum(relu(p)))(zero).data[0], 0);
  assert.equal(grad((p: Tensor<[1], "f64">) => sum(abs(p)))(zero).data[0], 0);
  assert.equal(
    grad((p: Tensor<[1], "f64">) => sum(leakyRelu(p, { slope: 0.2 })))(zero).data[0],
    0.2,
  );
  const x = tensor([1.5, -2], { dtype: "f64" });
  const both = grad((p: { a: Tensor<[2], "f64">; b: Tensor<[2], "f64"> }) =>
    sum(maximum(p.a, p.b))
  )({ a: x, b: x });
  assert.deepEqual(Array.from(both.a.data), [0.5, 0.5]);
  assert.deepEqual(Array.from(both.b.data), [0.5, 0.5]);
  const self = grad((p: Tensor<[2], "f64">) => sum(minimum(p, p)))(x);
  assert.deepEqual(Array.from(self.data), [1, 1]);
});

Deno.test("plain numbers act as scalars on either side", () => {
  const x = tensor([1, 2, 4], { dtype: "f64" });
  assert.deepEqual(sub(10, x).toArray(), [9, 8, 6]);
  assert.deepEqual(div(x, 2).toArray(), [0.5, 1, 2]);
  assert.deepEqual(pow(2, x).toArray(), [2, 4, 16]);
  assert.deepEqual(Array.from(grad((p: typeof x) => sum(div(1, p)))(x).data), [-1, -0.25, -0.0625]);
});

Deno.test("comparisons give 0/1 masks and carry no gradient", () => {
  const a = tensor([1, 2, 3]);
  assert.deepEqual(greater(a, 2).toArray(), [0, 0, 1]);
  assert.deepEqual(greaterEqual(a, 2).toArray(), [0, 1, 1]);
  assert.deepEqual(less(a, 2).toArray(), [1, 0, 0]);
  assert.deepEqual(lessEqual(2, a).toArray(), [0, 1, 1]);
  assert.deepEqual(equal(a, tensor([[2], [3]])).toArray(), [[0, 1, 0], [0, 0, 1]]);
  const g = grad((p: Tensor<[3], "f64">) => sum(mul(p, greater(p, 0))))(
    tensor([-1, 0, 2], { dtype: "f64" }),
  );
  assert.deepEqual(Array.from(g.data), [0, 0, 1]);
});

Deno.test("where: chooses with broadcasting; the gradient follows the choice", () => {
  const condition = tensor([[1], [0]], { dtype: "f64" });
  const a = tensor([1, 2, 3], { dtype: "f64" });
  const b = tensor([[10, 20, 30], [40, 50, 60]], { dtype: "f64" });
  assert.deepEqual(where(condition, a, b).toArray(), [[1, 2, 3], [40, 50, 60]]);
  const g = grad((p: { a: typeof a; b: typeof b }) => sum(where(condition, p.a, p.b)))({ a, b });
  assert.deepEqual(Array.from(g.a.data), [1, 1, 1]);
  assert.deepEqual(g.b.toArray(), [[0, 0, 0], [1, 1, 1]]);
});

Deno.test("sigmoid and tanh stay finite at large |x|; f32 works throughout", () => {
  const big = tensor([-1000, -50, 0, 50, 1000]);
  assert.ok(sigmoid(big).data.every(Number.isFinite));
  assert.deepEqual(Array.from(tanh(big).data), [-1, -1, 0, 1, 1]);
  const g = grad((p: Tensor<[5]>) => sum(sigmoid(p)))(big);
  assert.equal(g.dtype, "f32");
  assert.ok(Math.abs(g.data[2] - 0.25) < 1e-7);
});

Deno.test("errors: shapes that do not broadcast, mixed dtypes, a non-finite slope", () => {
  assert.throws(() => add(tensor([1, 2]) as AnyTensor, tensor([1, 2, 3]) as AnyTensor), ShapeError);
  assert.throws(
    () => mul(tensor([1, 2]) as AnyTensor, tensor([1, 2], { dtype: "f64" }) as AnyTensor),
    DTypeError,
  );
  assert.throws(() => leakyRelu(tensor([1]), { slope: NaN }), RangeError);
});
