/**
 * Value tests of the elementwise ops and activations — sqrt, square, pow,
 * abs, maximum, minimum, where, the comparisons, sigmoid, tanh, relu and
 * leakyRelu: forward values against plain loops (broadcasting, number
 * operands, size-0 dims, NaN and infinities, f32 and f64) and the errors.
 * Their gradients are tested in `elementwise_grad_test.ts`.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { grad } from "../core/autodiff.ts";
import { fromArray } from "../core/create.ts";
import { DTypeError, ShapeError } from "../core/errors.ts";
import type { Shape } from "../core/shape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { abs } from "./abs.ts";
import { equal, greater, greaterEqual, less, lessEqual } from "./compare.ts";
import { leakyRelu } from "./leaky_relu.ts";
import { maximum } from "./maximum.ts";
import { minimum } from "./minimum.ts";
import { pow } from "./pow.ts";
import { relu } from "./relu.ts";
import { sigmoid } from "./sigmoid.ts";
import { sqrt } from "./sqrt.ts";
import { square } from "./square.ts";
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

function product(shape: readonly number[]): number {
  return shape.reduce((size, dim) => size * dim, 1);
}

/** The values of `values` (shape `from`) broadcast to `to`, by plain index arithmetic. */
function broadcastValues(
  values: readonly number[],
  from: readonly number[],
  to: readonly number[],
) {
  const out: number[] = [];
  for (let flat = 0; flat < product(to); flat++) {
    let rest = flat;
    let source = 0;
    let stride = 1;
    for (let axis = to.length - 1; axis >= 0; axis--) {
      const index = rest % to[axis];
      rest = Math.floor(rest / to[axis]);
      const fromAxis = axis - (to.length - from.length);
      if (fromAxis >= 0) {
        if (from[fromAxis] !== 1) source += index * stride;
        stride *= from[fromAxis];
      }
    }
    out.push(values[source]);
  }
  return out;
}

/** The broadcast shape of `shapes`, by the numpy rule read off dim by dim. */
function broadcastShapeOf(shapes: readonly (readonly number[])[]): number[] {
  const rank = Math.max(0, ...shapes.map((shape) => shape.length));
  return Array.from({ length: rank }, (_, axis) => {
    const dims = shapes.map((shape) => shape[axis - (rank - shape.length)] ?? 1);
    return dims.find((dim) => dim !== 1) ?? 1;
  });
}

function assertClose(got: ArrayLike<number>, want: readonly number[], tolerance: number): void {
  assert.equal(got.length, want.length);
  for (let i = 0; i < want.length; i++) {
    const ok = Object.is(got[i], want[i]) ||
      Math.abs(got[i] - want[i]) <= tolerance * Math.max(1, Math.abs(want[i]));
    assert.ok(ok, `entry ${i}: got ${got[i]}, want ${want[i]}`);
  }
}

// ---- forward values ----

/** A shape of rank 0–3 with dims 0–3, and values for it drawn from `value`. */
function shaped(value: fc.Arbitrary<number>) {
  return fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }).chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      values: fc.array(value, { minLength: product(shape), maxLength: product(shape) }),
    })
  );
}

/** `shape` as seen by an operand that broadcasts to it: leading dims dropped, some dims 1. */
function operandShape(shape: readonly number[]) {
  return fc.record({
    drop: fc.integer({ min: 0, max: shape.length }),
    ones: fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
  }).map(({ drop, ones }) => shape.map((dim, axis) => (ones[axis] ? 1 : dim)).slice(drop));
}

/** `count` operands of shapes that broadcast together to a shape of rank 0–3. */
function broadcastCase(count: number, value: fc.Arbitrary<number>) {
  return fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }).chain((shape) =>
    fc.tuple(...Array.from({ length: count }, () => operandShape(shape))).chain((shapes) =>
      fc.record({
        shape: fc.constant(shape),
        operands: fc.tuple(
          ...shapes.map((operand) =>
            fc.record({
              shape: fc.constant(operand),
              values: fc.array(value, {
                minLength: product(operand),
                maxLength: product(operand),
              }),
            })
          ),
        ),
      })
    )
  );
}

const finite = fc.double({ min: -30, max: 30, noNaN: true });
/** Small integers and halves: comparisons and maximum see plenty of ties. */
const tied = fc.integer({ min: -4, max: 4 }).map((v) => v / 2);

function referenceSigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

const unaryCases: {
  name: string;
  op: (x: Loose) => Loose;
  reference: (x: number) => number;
  domain: (x: number) => number;
}[] = [
  { name: "sqrt", op: (x) => sqrt(x), reference: Math.sqrt, domain: Math.abs },
  { name: "square", op: (x) => square(x), reference: (x) => x * x, domain: (x) => x },
  { name: "abs", op: (x) => abs(x), reference: Math.abs, domain: (x) => x },
  { name: "sigmoid", op: (x) => sigmoid(x), reference: referenceSigmoid, domain: (x) => x },
  { name: "tanh", op: (x) => tanh(x), reference: Math.tanh, domain: (x) => x },
  { name: "relu", op: (x) => relu(x), reference: (x) => (x > 0 ? x : 0), domain: (x) => x },
  {
    name: "leakyRelu",
    op: (x) => leakyRelu(x),
    reference: (x) => (x > 0 ? x : x * 0.01),
    domain: (x) => x,
  },
  {
    name: "leakyRelu slope 0.3",
    op: (x) => leakyRelu(x, { slope: 0.3 }),
    reference: (x) => (x > 0 ? x : x * 0.3),
    domain: (x) => x,
  },
];

Deno.test("unary ops agree with plain loops in f64 and f32, at every shape", () => {
  fc.assert(
    fc.property(shaped(finite), ({ shape, values }) => {
      for (const { name, op, reference, domain } of unaryCases) {
        const inputs = values.map(domain);
        const y = op(f64(inputs, shape));
        assert.deepEqual([y.shape, y.dtype], [shape, "f64"], name);
        assertClose(y.data, inputs.map(reference), 4e-16);
        // f32: the kernel computes in double and rounds once on the store.
        const narrow = inputs.map(Math.fround);
        const z = op(f32(inputs, shape));
        assert.ok(z.data instanceof Float32Array, name);
        const slope = name === "leakyRelu" ? Math.fround(0.01) : Math.fround(0.3);
        const want = narrow.map((x) =>
          Math.fround(name.startsWith("leakyRelu") ? (x > 0 ? x : x * slope) : reference(x))
        );
        assertClose(z.data, want, name === "sigmoid" ? 1.2e-7 : 0);
      }
    }),
    SETTINGS,
  );
});

Deno.test("unary ops at the edges: NaN, ±Infinity, −0 and large inputs", () => {
  const x = f64([NaN, Infinity, -Infinity, -0, -1000, 1000], [6]);
  assert.deepEqual(Array.from(sqrt(x).data), [NaN, Infinity, NaN, -0, NaN, Math.sqrt(1000)]);
  assert.deepEqual(Array.from(sigmoid(x).data), [NaN, 1, 0, 0.5, 0, 1]);
  assert.deepEqual(Array.from(tanh(x).data), [NaN, 1, -1, -0, -1, 1]);
  assert.deepEqual(Array.from(abs(x).data), [NaN, Infinity, Infinity, 0, 1000, 1000]);
  // NaN propagates through relu, as in PyTorch and JAX; −0 becomes +0.
  assert.deepEqual(Array.from(relu(x).data), [NaN, Infinity, 0, 0, 0, 1000]);
  assert.deepEqual(Array.from(leakyRelu(x).data), [NaN, Infinity, -Infinity, -0, -10, 1000]);
});

const binaryCases: {
  name: string;
  op: (a: Loose | number, b: Loose | number) => AnyTensor;
  reference: (a: number, b: number) => number;
}[] = [
  { name: "pow", op: (a, b) => pow(a as Loose, b as Loose), reference: Math.pow },
  {
    name: "maximum",
    op: (a, b) => maximum(a as Loose, b as Loose),
    reference: (a, b) => (a >= b ? a : b),
  },
  {
    name: "minimum",
    op: (a, b) => minimum(a as Loose, b as Loose),
    reference: (a, b) => (a <= b ? a : b),
  },
  { name: "greater", op: (a, b) => greater(a as Loose, b as Loose), reference: (a, b) => +(a > b) },
  {
    name: "greaterEqual",
    op: (a, b) => greaterEqual(a as Loose, b as Loose),
    reference: (a, b) => +(a >= b),
  },
  { name: "less", op: (a, b) => less(a as Loose, b as Loose), reference: (a, b) => +(a < b) },
  {
    name: "lessEqual",
    op: (a, b) => lessEqual(a as Loose, b as Loose),
    reference: (a, b) => +(a <= b),
  },
  { name: "equal", op: (a, b) => equal(a as Loose, b as Loose), reference: (a, b) => +(a === b) },
];

Deno.test("binary ops broadcast and agree with plain loops, tensors or numbers on either side", () => {
  fc.assert(
    fc.property(broadcastCase(2, tied), fc.constantFrom(-1.5, 0, 2), (testCase, number) => {
      const [a, b] = testCase.operands;
      const shape = broadcastShapeOf([a.shape, b.shape]);
      for (const { name, op, reference } of binaryCases) {
        const left = broadcastValues(a.values, a.shape, shape);
        const right = broadcastValues(b.values, b.shape, shape);
        const y = op(f64(a.values, a.shape), f64(b.values, b.shape));
        assert.deepEqual(y.shape, shape, name);
        assertClose(y.data, left.map((v, i) => reference(v, right[i])), 1e-15);
        const z = op(f32(a.values, a.shape), f32(b.values, b.shape));
        assert.ok(z.data instanceof Float32Array, name);
        assertClose(z.data, left.map((v, i) => Math.fround(reference(v, right[i]))), 0);
        const withNumber = op(f64(a.values, a.shape), number);
        assert.deepEqual(withNumber.shape, a.shape, name);
        assertClose(withNumber.data, a.values.map((v) => reference(v, number)), 1e-15);
        const numberFirst = op(number, f32(b.values, b.shape));
        assert.ok(numberFirst.data instanceof Float32Array, name);
        assertClose(numberFirst.data, b.values.map((v) => Math.fround(reference(number, v))), 0);
      }
    }),
    SETTINGS,
  );
});

Deno.test("binary ops with NaN: maximum and minimum propagate it, comparisons say 0", () => {
  const a = f64([NaN, 1, NaN], [3]);
  const b = f64([1, NaN, NaN], [3]);
  assert.deepEqual(Array.from(maximum(a, b).data), [NaN, NaN, NaN]);
  assert.deepEqual(Array.from(minimum(a, b).data), [NaN, NaN, NaN]);
  for (const compare of [greater, greaterEqual, less, lessEqual, equal]) {
    assert.deepEqual(Array.from(compare(a, b).data), [0, 0, 0]);
  }
  assert.deepEqual(Array.from(pow(f64([0, 0, -8, 2], [4]), f64([0, -1, 1 / 3, NaN], [4])).data), [
    1,
    Infinity,
    NaN,
    NaN,
  ]);
});

Deno.test("where selects with broadcasting among all three operands", () => {
  const selector = fc.constantFrom(0, 1, -0.5, -0, NaN, 3);
  fc.assert(
    fc.property(
      broadcastCase(3, finite),
      fc.array(selector, { minLength: 64, maxLength: 64 }),
      (testCase, picks) => {
        const [c, a, b] = testCase.operands;
        const conditionValues = c.values.map((_, i) => picks[i % picks.length]);
        const shapes = broadcastShapeOf([c.shape, a.shape, b.shape]);
        const chosen = broadcastValues(conditionValues, c.shape, shapes);
        const left = broadcastValues(a.values, a.shape, shapes);
        const right = broadcastValues(b.values, b.shape, shapes);
        const want = chosen.map((v, i) => (v !== 0 ? left[i] : right[i]));
        const y = where(
          f64(conditionValues, c.shape),
          f64(a.values, a.shape),
          f64(b.values, b.shape),
        );
        assert.deepEqual(y.shape, shapes);
        assert.deepEqual(Array.from(y.data), want);
        // The condition may have the other dtype; the result follows a and b.
        const z = where(
          f64(conditionValues, c.shape),
          f32(a.values, a.shape),
          f32(b.values, b.shape),
        );
        assert.ok(z.data instanceof Float32Array);
        assert.deepEqual(Array.from(z.data), want.map(Math.fround));
        // A number on either side acts as a scalar of the other operand's dtype.
        const withNumber = where(f32(conditionValues, c.shape), f32(a.values, a.shape), 7);
        const leftShape = broadcastShapeOf([c.shape, a.shape]);
        const leftChosen = broadcastValues(conditionValues, c.shape, leftShape);
        const leftValues = broadcastValues(a.values, a.shape, leftShape);
        assert.deepEqual(withNumber.shape, leftShape);
        assert.deepEqual(
          Array.from(withNumber.data),
          leftChosen.map((v, i) => (v !== 0 ? Math.fround(leftValues[i]) : 7)),
        );
        const numberFirst = where(f64(conditionValues, c.shape), -7, f64(b.values, b.shape));
        const rightShape = broadcastShapeOf([c.shape, b.shape]);
        const rightChosen = broadcastValues(conditionValues, c.shape, rightShape);
        const rightValues = broadcastValues(b.values, b.shape, rightShape);
        assert.deepEqual(numberFirst.shape, rightShape);
        assert.deepEqual(
          Array.from(numberFirst.data),
          rightChosen.map((v, i) => (v !== 0 ? -7 : rightValues[i])),
        );
      },
    ),
    SETTINGS,
  );
});

Deno.test("where: the unselected side never leaks, not even NaN or Infinity", () => {
  const condition = f64([1, 0, 1], [3]);
  const y = where(condition, f64([1, NaN, Infinity], [3]), f64([NaN, 2, NaN], [3]));
  assert.deepEqual(Array.from(y.data), [1, 2, Infinity]);
  const g = grad((p: Loose<"f64">) => sum(where(condition, p, 0)) as Scalar)(
    f64([Infinity, NaN, 3], [3]),
  );
  assert.deepEqual(Array.from(g.data), [1, 0, 1]);
});

// ---- errors ----

Deno.test("errors: shapes that do not broadcast, mixed dtypes, bad slopes and operands", () => {
  const twoByThree = f64([1, 2, 3, 4, 5, 6], [2, 3]);
  const four = f64([1, 2, 3, 4], [4]);
  const shapeCases: [string, () => unknown][] = [
    ["pow", () => pow(twoByThree, four)],
    ["maximum", () => maximum(twoByThree, four)],
    ["minimum", () => minimum(four, twoByThree)],
    ["greater", () => greater(twoByThree, four)],
    ["greaterEqual", () => greaterEqual(twoByThree, four)],
    ["less", () => less(twoByThree, four)],
    ["lessEqual", () => lessEqual(twoByThree, four)],
    ["equal", () => equal(twoByThree, four)],
  ];
  for (const [op, run] of shapeCases) {
    assert.throws(run, (error: unknown) => {
      assert.ok(error instanceof ShapeError && error instanceof TypeError, op);
      assert.match(error.message, new RegExp(`^Cannot ${op} tensors of shapes \\[(2, 3|4)\\]`));
      assert.match(error.message, /dimension (3|4) does not broadcast against (4|3) at axis 1/);
      return true;
    });
  }
  assert.throws(
    () => where(twoByThree, four, 0),
    (error: unknown) =>
      error instanceof ShapeError &&
      error.message === "Cannot where tensors of shapes [2, 3] and [4] (the condition and a): " +
          "dimension 3 does not broadcast against 4 at axis 1 of the result",
  );
  assert.throws(
    () => where(f64([1, 0], [2, 1]), four, f64([1, 2, 3], [1, 3])),
    (error: unknown) =>
      error instanceof ShapeError &&
      error.message === "Cannot where tensors of shapes [4] and [1, 3] (a and b): " +
          "dimension 4 does not broadcast against 3 at axis 1 of the result",
  );
  assert.throws(() => where(f64([1], [1]), twoByThree, f64([1, 2], [2, 1, 1, 2])), ShapeError);
  // Typed loosely (either dtype), so that the mix reaches the run-time check.
  const narrow: Loose = f32([1, 2], [2]);
  const wide: Loose = f64([1, 2], [2]);
  for (
    const run of [
      () => pow(narrow, wide),
      () => maximum(wide, narrow),
      () => minimum(narrow, wide),
      () => less(narrow, wide),
      () => equal(wide, narrow),
      () => where(wide, narrow, wide),
    ]
  ) {
    assert.throws(run, DTypeError);
  }
  // The condition's dtype is free: it is only tested against 0.
  assert.deepEqual(Array.from(where(narrow, wide, 0).data), [1, 2]);
  for (const slope of [NaN, Infinity, -Infinity]) {
    assert.throws(() => leakyRelu(wide, { slope }), RangeError);
  }
  assert.throws(() => greater(1 as never, 2 as never), TypeError);
  assert.throws(() => where(wide, 1 as never, 2 as never), TypeError);
  assert.throws(() => where(1 as never, wide, wide), TypeError);
  assert.throws(() => where(wide, "1" as never, wide), TypeError);
});
