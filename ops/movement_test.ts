/**
 * Tests of `slice`, `pad` and `stack`: forward values against explicit index
 * mappings written with plain loops (f32 and f64), the adjoint identity
 * `⟨slice(x), y⟩ = ⟨x, pad(y)⟩`, gradients against two-sided differences,
 * second order, errors, and the types the ops infer.
 *
 * Second order: the three ops are linear, so their own second derivatives
 * vanish. What must hold is that their gradient rules (written with `pad`,
 * `slice` and `reshape`) are themselves differentiable. So the tests check
 * that grad of grad runs and gives the exact answer: zero for a linear loss,
 * `Aᵀ·A·v` for the quadratic loss `½‖A·x‖²` (A the op), and a gradient check of
 * grad-of-grad through a non-linear `exp` on top of the op.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { grad } from "../core/autodiff.ts";
import { assertShape } from "../core/assert_shape.ts";
import { fromArray, scalar, tensor, zeros } from "../core/create.ts";
import { DTypeError, ShapeError } from "../core/errors.ts";
import { key, split } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";
import type { Equal } from "../core/_type_assert.ts";
import { expectType } from "../core/_type_assert.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { gradCheck } from "../props/grad_check.ts";
import { exp } from "./exp.ts";
import { mul } from "./mul.ts";
import { pad } from "./pad.ts";
import { slice } from "./slice.ts";
import { stack } from "./stack.ts";
import { sum } from "./sum.ts";

const SETTINGS = { seed: 20261128, numRuns: 60 };
const keys = split(key(20261128), 16);
const f64 = { dtype: "f64" } as const;

/** A fixed random weighting, so that every output entry matters to the checked scalar. */
function weigh<const S extends readonly number[]>(shape: S, seed: number) {
  return randomNormal(split(key(seed), 1)[0], shape, f64);
}

// ---- index arithmetic for the references ----

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((total, dim) => total * dim, 1);
}

/** The multi-index of a row-major flat position. */
function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = flat % shape[axis];
    flat = Math.floor(flat / shape[axis]);
  }
  return index;
}

/** The row-major flat position of a multi-index. */
function ravel(index: readonly number[], shape: readonly number[]): number {
  let flat = 0;
  for (let axis = 0; axis < shape.length; axis++) flat = flat * shape[axis] + index[axis];
  return flat;
}

/** Distinct values, exact in f32: entry `i` is `i + 0.25`. */
function counting(n: number, start = 0): number[] {
  return Array.from({ length: n }, (_, i) => start + i + 0.25);
}

function make<D extends DType>(values: number[], shape: readonly number[], dtype: D) {
  const data = dtype === "f64" ? Float64Array.from(values) : Float32Array.from(values);
  return fromArray(data, shape) as unknown as Tensor<number[], D>;
}

/** `y[i] = x[begin + i]` over every index `i` of the output. */
function referenceSlice(
  x: readonly number[],
  shape: readonly number[],
  begin: readonly number[],
  outShape: readonly number[],
): number[] {
  const out: number[] = [];
  for (let flat = 0; flat < sizeOf(outShape); flat++) {
    const index = unravel(flat, outShape).map((i, axis) => i + begin[axis]);
    out.push(x[ravel(index, shape)]);
  }
  return out;
}

/** `y[j] = x[j - before]` where that lies inside `x`, else `value`. */
function referencePad(
  x: readonly number[],
  shape: readonly number[],
  paddings: readonly (readonly [number, number])[],
  value: number,
): number[] {
  const outShape = shape.map((dim, axis) => paddings[axis][0] + dim + paddings[axis][1]);
  const out: number[] = [];
  for (let flat = 0; flat < sizeOf(outShape); flat++) {
    const index = unravel(flat, outShape).map((j, axis) => j - paddings[axis][0]);
    const inside = index.every((i, axis) => i >= 0 && i < shape[axis]);
    out.push(inside ? x[ravel(index, shape)] : value);
  }
  return out;
}

/** `y[…, k, …] = parts[k][…]` with `k` at `axis` of the output. */
function referenceStack(parts: readonly number[][], shape: readonly number[], axis: number) {
  const outShape = [...shape.slice(0, axis), parts.length, ...shape.slice(axis)];
  const out: number[] = [];
  for (let flat = 0; flat < sizeOf(outShape); flat++) {
    const index = unravel(flat, outShape);
    const [k] = index.splice(axis, 1);
    out.push(parts[k][ravel(index, shape)]);
  }
  return out;
}

// ---- arbitraries ----

const shapes = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 });
const dtypes = fc.constantFrom<DType>("f32", "f64");

const slices = shapes.chain((shape) =>
  fc.record({
    shape: fc.constant(shape),
    boxes: fc.tuple(...shape.map((dim) =>
      fc.integer({ min: 0, max: dim }).chain((start) =>
        fc.tuple(
          fc.constant(start),
          fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: dim - start })),
        )
      )
    )),
    dtype: dtypes,
  })
);

const pads = shapes.chain((shape) =>
  fc.record({
    shape: fc.constant(shape),
    paddings: fc.tuple(
      ...shape.map(() => fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }))),
    ),
    value: fc.constantFrom(0, 1.5, -2),
    dtype: dtypes,
  })
);

const stacks = fc
  .tuple(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }), fc.integer({ min: 1, max: 3 }))
  .chain(([shape, count]) =>
    fc.record({
      shape: fc.constant(shape),
      count: fc.constant(count),
      axis: fc.integer({ min: -(shape.length + 1), max: shape.length }),
      dtype: dtypes,
    })
  );

// ---- forward values ----

Deno.test("slice: y[i] = x[begin + i], in f32 and f64", () => {
  fc.assert(
    fc.property(slices, ({ shape, boxes, dtype }) => {
      const begin = boxes.map(([start]) => start);
      const size = boxes.map(([, length]) => length);
      const values = counting(sizeOf(shape));
      const x = make(values, shape, dtype);
      const y = slice(x, begin, size);
      const outShape = shape.map((dim, a) => (size[a] === -1 ? dim - begin[a] : size[a]));
      assert.deepEqual(y.shape, outShape);
      assert.equal(y.dtype, dtype);
      assert.deepEqual(Array.from(y.data), referenceSlice(values, shape, begin, outShape));
      assert.deepEqual(Array.from(x.data), values, "the input is unchanged");
    }),
    SETTINGS,
  );
});

Deno.test("pad: y[before + i] = x[i], every other entry the value, in f32 and f64", () => {
  fc.assert(
    fc.property(pads, ({ shape, paddings, value, dtype }) => {
      const values = counting(sizeOf(shape));
      const x = make(values, shape, dtype);
      const y = pad(x, paddings, { value });
      assert.deepEqual(y.shape, shape.map((dim, a) => paddings[a][0] + dim + paddings[a][1]));
      assert.equal(y.dtype, dtype);
      assert.deepEqual(Array.from(y.data), referencePad(values, shape, paddings, value));
    }),
    SETTINGS,
  );
});

Deno.test("stack: y[…, k, …] = tensors[k][…], in f32 and f64", () => {
  fc.assert(
    fc.property(stacks, ({ shape, count, axis, dtype }) => {
      const n = sizeOf(shape);
      const parts = Array.from({ length: count }, (_, k) => counting(n, 100 * k));
      // One dtype per draw; the cast tells the compiler, which sees the union f32 | f64.
      const tensors = parts.map((values) => make(values, shape, dtype)) as Tensor<number[]>[];
      const y = stack(tensors, axis);
      const at = axis < 0 ? axis + shape.length + 1 : axis;
      assert.deepEqual(y.shape, [...shape.slice(0, at), count, ...shape.slice(at)]);
      assert.equal(y.dtype, dtype);
      assert.deepEqual(Array.from(y.data), referenceStack(parts, shape, at));
    }),
    SETTINGS,
  );
});

Deno.test("slice and pad are adjoint: ⟨slice(x), y⟩ = ⟨x, pad(y)⟩ exactly", () => {
  fc.assert(
    fc.property(slices, ({ shape, boxes }) => {
      const begin = boxes.map(([start]) => start);
      const size = boxes.map(([, length]) => length);
      const x = make(counting(sizeOf(shape)), shape, "f64");
      const sliced = slice(x, begin, size);
      const outShape = sliced.shape as readonly number[];
      const y = make(counting(sizeOf(outShape), 7), outShape, "f64");
      const paddings = shape.map((dim, a) => [begin[a], dim - begin[a] - outShape[a]] as const);
      const padded = pad(y, paddings);
      const left = sum(mul(sliced, y)).data[0];
      const right = sum(mul(x, padded)).data[0];
      assert.equal(left, right);
    }),
    SETTINGS,
  );
});

Deno.test("edge cases: scalars, empty boxes, stacking one tensor, the default axis", () => {
  const s = scalar(3.5);
  const same: Tensor<[]> = slice(s, [], []);
  assert.equal(same.data[0], 3.5);
  const padded: Tensor<[]> = pad(s, []);
  assert.equal(padded.data[0], 3.5);
  const column: Tensor<[2]> = stack([s, scalar(4.5)]);
  assert.deepEqual(column.toArray(), [3.5, 4.5]);
  const x = tensor([[1, 2, 3], [4, 5, 6]]);
  const none: Tensor<[0, 3]> = slice(x, [2, 0], [-1, -1]);
  assert.equal(none.size, 0);
  const framedNothing: Tensor<[2, 2]> = pad(zeros([0, 2]), [[1, 1], [0, 0]], { value: 9 });
  assert.deepEqual(framedNothing.toArray(), [[9, 9], [9, 9]]);
  const one: Tensor<[1, 2, 3]> = stack([x]);
  assert.deepEqual(one.toArray(), [[[1, 2, 3], [4, 5, 6]]]);
  const middle: Tensor<[2, 2, 3]> = stack([x, x], 1);
  assert.deepEqual(middle.toArray(), [[[1, 2, 3], [1, 2, 3]], [[4, 5, 6], [4, 5, 6]]]);
  const negInf = pad(tensor([1, 2]), [[1, 0]], { value: -Infinity });
  assert.deepEqual(negInf.toArray(), [-Infinity, 1, 2]);
});

/** Slices, pads and stacks with rows of 20 to 40 elements, checked against the references. */
function longRows<D extends DType>(dtype: D): void {
  const shape = [3, 2, 40];
  const values = counting(240);
  const x = make(values, shape, dtype);
  const y = slice(x, [1, 0, 5], [2, -1, 30]);
  assert.deepEqual(Array.from(y.data), referenceSlice(values, shape, [1, 0, 5], [2, 2, 30]));
  const paddings = [[1, 0], [0, 2], [3, 20]] as const;
  const padded = pad(x, paddings, { value: -1 });
  assert.deepEqual(Array.from(padded.data), referencePad(values, shape, paddings, -1));
  const other = counting(240, 1000);
  for (const axis of [0, 1, 2, 3]) {
    const stacked = stack([x, make(other, shape, dtype)], axis);
    assert.deepEqual(Array.from(stacked.data), referenceStack([values, other], shape, axis));
  }
}

Deno.test("long rows (copied with TypedArray.set) match the references too", () => {
  longRows("f32");
  longRows("f64");
});

// ---- gradients ----

Deno.test("first order: gradients match two-sided differences (relative error <= 1e-7)", () => {
  const x = randomNormal(keys[0], [3, 4, 5], f64);
  const a = randomNormal(keys[1], [2, 3], f64);
  const b = randomNormal(keys[2], [2, 3], f64);
  const results = {
    slice: gradCheck(
      (p: typeof x) => sum(mul(slice(p, [1, 0, 2], [2, -1, 3]), weigh([2, 4, 3], 1))),
      x,
    ),
    pad: gradCheck(
      (p: typeof x) => sum(mul(pad(p, [[1, 0], [0, 2], [2, 1]]), weigh([4, 6, 8], 2))),
      x,
    ),
    stack: gradCheck(
      (p: { a: typeof a; b: typeof b }) => sum(mul(stack([p.a, p.b, p.a], 1), weigh([2, 3, 3], 3))),
      { a, b },
    ),
    // Through exp, so the cotangent reaching each op depends on the input.
    chain: gradCheck(
      (p: typeof x) =>
        sum(
          mul(
            exp(slice(pad(p, [[0, 1], [1, 1], [0, 0]], { value: 0.5 }), [1, 0, 0], [3, 5, 4])),
            weigh([3, 5, 4], 4),
          ),
        ),
      x,
    ),
  };
  for (const [name, result] of Object.entries(results)) {
    assert.ok(result.relativeError <= 1e-7, `${name}: ${JSON.stringify(result)}`);
  }
});

Deno.test("second order, linear loss: grad of grad runs and is exactly zero", () => {
  const x = randomNormal(keys[3], [3, 4], f64);
  const v = weigh([3, 4], 5);
  const losses = [
    (p: typeof x) => sum(mul(slice(p, [1, 1], [2, 2]), weigh([2, 2], 6))),
    (p: typeof x) => sum(mul(pad(p, [[1, 1], [0, 2]]), weigh([5, 6], 7))),
    (p: typeof x) => sum(mul(stack([p, p], -1), weigh([3, 4, 2], 8))),
  ];
  for (const loss of losses) {
    const hessianV = grad((p: typeof x) => sum(mul(grad(loss)(p), v)))(x);
    assert.deepEqual(hessianV.shape, [3, 4]);
    assert.ok(hessianV.data.every((entry) => entry === 0), String(hessianV.data));
  }
});

Deno.test("second order, quadratic loss ½‖A·x‖²: grad of grad gives Aᵀ·A·v exactly", () => {
  const shape = [3, 4] as const;
  const x = make(counting(12), shape, "f64") as unknown as Tensor<[3, 4], "f64">;
  const vValues = Array.from({ length: 12 }, (_, i) => (i % 5) - 2);
  const v = make(vValues, shape, "f64") as unknown as Tensor<[3, 4], "f64">;
  const hessianTimesV = (op: (p: Tensor<[3, 4], "f64">) => Tensor<number[], "f64">) => {
    const loss = (p: Tensor<[3, 4], "f64">) => sum(mul(mul(op(p), op(p)), 0.5));
    return Array.from(grad((p: Tensor<[3, 4], "f64">) => sum(mul(grad(loss)(p), v)))(x).data);
  };
  // slice: Aᵀ·A = pad ∘ slice keeps v inside the box and zeroes it outside.
  const inBox = referenceSlice(vValues, shape, [1, 1], [2, 2]);
  const box = referencePad(inBox, [2, 2], [[1, 0], [1, 1]], 0);
  assert.deepEqual(hessianTimesV((p) => slice(p, [1, 1], [2, 2])), box);
  // pad (affine with value 3; the Hessian ignores the constant): slice ∘ pad = identity.
  assert.deepEqual(hessianTimesV((p) => pad(p, [[1, 1], [0, 2]], { value: 3 })), vValues);
  // stack([p, p, p]): each copy adds v once.
  assert.deepEqual(hessianTimesV((p) => stack([p, p, p], 1)), vValues.map((e) => 3 * e));
});

Deno.test("second order through exp: gradient check of grad-of-grad (relative error <= 1e-6)", () => {
  const x = randomNormal(keys[4], [2, 3], f64);
  const v = weigh([2, 3], 9);
  const ops = {
    slice: (p: typeof x) => sum(mul(exp(slice(p, [0, 1], [-1, 2])), weigh([2, 2], 10))),
    pad: (p: typeof x) => sum(mul(exp(pad(p, [[1, 0], [1, 1]])), weigh([3, 5], 11))),
    stack: (p: typeof x) => sum(mul(exp(stack([p, mul(p, 2)], 0)), weigh([2, 2, 3], 12))),
  };
  for (const [name, loss] of Object.entries(ops)) {
    const gradDotV = (p: typeof x) => sum(mul(grad(loss)(p), v));
    const result = gradCheck(gradDotV, x);
    // Differences of an exact gradient in f64 with ε = 1e-6 keep about 9 digits.
    assert.ok(result.relativeError <= 1e-6, `${name}: ${JSON.stringify(result)}`);
  }
});

Deno.test("f32: gradients stay f32 and route the cotangent", () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]);
  const g = grad((p: typeof x) => sum(slice(pad(p, [[1, 0], [0, 1]]), [1, 1], [2, 3])))(x);
  assert.equal(g.dtype, "f32");
  assert.deepEqual(g.toArray(), [[0, 1, 1], [0, 1, 1]]);
  const parts = { a: tensor([1, 2]), b: tensor([3, 4]) };
  const weights = tensor([[10, 20], [30, 40]]);
  const gs = grad((p: typeof parts) => sum(mul(stack([p.a, p.b], -1), weights)))(parts);
  assert.deepEqual(gs.a.toArray(), [10, 30]);
  assert.deepEqual(gs.b.toArray(), [20, 40]);
});

// ---- errors and types ----

Deno.test("wrong shapes and dtypes: compile errors and run-time errors that name the fault", () => {
  const x = zeros([10, 4]);
  // @ts-expect-error begin has one entry for rank 2
  assert.throws(() => slice(x, [3], [2, 2]), {
    name: "ShapeError",
    message: "Cannot slice a tensor of shape [10, 4] with begin [3] and size [2, 2]: " +
      "begin needs one entry per axis: got 1 for rank 2",
  });
  // @ts-expect-error a negative begin
  assert.throws(() => slice(x, [0, -1], [2, 2]), /begin -1 is negative at axis 1$/);
  // @ts-expect-error begin 3 + size 8 exceeds dim 10
  assert.throws(() => slice(x, [3, 0], [8, 2]), {
    name: "ShapeError",
    message: "Cannot slice a tensor of shape [10, 4] with begin [3, 0] and size [8, 2]: " +
      "begin 3 + size 8 exceeds dim 10 at axis 0",
  });
  // @ts-expect-error size has three entries
  assert.throws(() => slice(x, [0, 0], [1, 1, 1]), /size needs one entry per axis/);
  // @ts-expect-error one pair for rank 2
  assert.throws(() => pad(x, [[1, 1]]), {
    name: "ShapeError",
    message: "Cannot pad a tensor of shape [10, 4] with paddings [[1, 1]]: " +
      "paddings needs one [before, after] pair per axis: got 1 for rank 2",
  });
  // @ts-expect-error a negative padding
  assert.throws(() => pad(x, [[0, 0], [0, -1]]), /padding -1 at the end of axis 1 is negative$/);
  // @ts-expect-error a string is not a padding value
  assert.throws(() => pad(x, [[0, 0], [0, 1]], { value: "1" }), TypeError);
  // @ts-expect-error dims 4 and 5 differ
  assert.throws(() => stack([x, zeros([10, 5])]), {
    name: "ShapeError",
    message: "Cannot stack tensors of shapes [10, 4] and [10, 5]: dims 4 and 5 differ at axis 1",
  });
  // @ts-expect-error axis 3 is out of range for the result's rank 3
  assert.throws(() => stack([x, x], 3), {
    name: "ShapeError",
    message: "Cannot stack tensors of shape [10, 4]: axis 3 is out of range for rank 3",
  });
  // @ts-expect-error nothing to stack
  assert.throws(() => stack([]), ShapeError);
  // @ts-expect-error f32 and f64 do not mix
  assert.throws(() => stack([x, zeros([10, 4], f64)]), {
    name: "DTypeError",
    message: "Cannot stack tensors of dtypes f32 and f64: convert one of them first",
  });
  assert.throws(() => stack([x, zeros([10, 4], f64)] as Tensor<[10, 4]>[]), DTypeError);
});

function typeTests(): void {
  const x = zeros([8, 28, 28, 3]);
  const crop = slice(x, [0, 2, 2, 0], [-1, 24, 24, -1]);
  expectType<Equal<typeof crop, Tensor<[8, 24, 24, 3]>>>();
  const framed = pad(x, [[0, 0], [2, 2], [2, 2], [0, 0]], { value: 1 });
  expectType<Equal<typeof framed, Tensor<[8, 32, 32, 3]>>>();
  const pair = stack([x, x], -1);
  expectType<Equal<typeof pair, Tensor<[8, 28, 28, 3, 2]>>>();
  const doubles = stack([zeros([2], f64), zeros([2], f64)]);
  expectType<Equal<typeof doubles, Tensor<[2, 2], "f64">>>();
  const wide = slice(zeros([5, 6]) as Tensor<number[]>, [1, 1], [2, -1]);
  expectType<Equal<typeof wide, Tensor<[2, number]>>>();
  const loaded = assertShape(zeros([32, 784]) as Tensor<number[]>, ["B", 784]);
  const head = slice(loaded, [0, 0], [-1, 10]);
  expectType<Equal<typeof head, Tensor<["B", 10]>>>();
  const named = stack([loaded, loaded], 1);
  expectType<Equal<typeof named, Tensor<["B", 2, 784]>>>();
  const other = assertShape(zeros([16, 784]) as Tensor<number[]>, ["N", 784]);
  // @ts-expect-error "B" and "N" never unify
  assert.throws(() => stack([loaded, other]), ShapeError);
}

/** Generic batch dims pass through when their axis is taken whole or left unpadded. */
function genericOps<B extends number, N extends number>(
  images: Tensor<[B, 28, 28, 1]>,
  others: Tensor<[N, 28, 28, 1]>,
): Tensor<[B, 2, 24, 24, 1]> {
  const crops = slice(images, [0, 2, 2, 0], [-1, 24, 24, -1]);
  expectType<Equal<typeof crops, Tensor<[B, 24, 24, 1]>>>();
  const framed = pad(images, [[0, 0], [2, 2], [2, 2], [0, 0]]);
  expectType<Equal<typeof framed, Tensor<[B, 32, 32, 1]>>>();
  // @ts-expect-error B and N are different batch dims
  assert.throws(() => stack([images, others]), ShapeError);
  // @ts-expect-error the literal axis still overruns next to a generic batch
  assert.throws(() => slice(images, [0, 5, 0, 0], [-1, 24, -1, -1]), ShapeError);
  // @ts-expect-error cutting into a generic dim needs its value (deferred; see core/shapes/slice.ts)
  slice(images, [1, 0, 0, 0], [-1, -1, -1, -1]);
  return stack([crops, slice(framed, [0, 4, 4, 0], [-1, 24, 24, -1])], 1);
}

/** A generic dtype flows through all three ops (stack reads it with an unconstrained infer). */
function genericDType<D extends DType>(
  a: Tensor<[2, 3], D>,
  b: Tensor<[2, 3], D>,
): Tensor<[2, 4, 3], D> {
  const pair = stack([slice(a, [0, 0], [-1, -1]), pad(b, [[0, 0], [0, 0]])], 1);
  expectType<Equal<typeof pair, Tensor<[2, 2, 3], D>>>();
  return pad(pair, [[0, 0], [1, 1], [0, 0]]);
}

Deno.test("typed ops run and agree with their inferred types", () => {
  typeTests();
  assert.deepEqual(genericDType(zeros([2, 3], f64), zeros([2, 3], f64)).shape, [2, 4, 3]);
  const out = genericOps(zeros([3, 28, 28, 1]), zeros([2, 28, 28, 1]));
  assert.deepEqual(out.shape, [3, 2, 24, 24, 1]);
});
