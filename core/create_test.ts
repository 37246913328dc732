/**
 * Tests of the constructors: shape inference, dtypes, round trips through
 * `toArray`, copying, immutability and the paths of validation errors.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { ShapeError, ValidationError } from "./errors.ts";
import type { CreateOptions } from "./create.ts";
import { fromArray, full, ones, scalar, tensor, zeros } from "./create.ts";
import type { DType, Tensor } from "./tensor.ts";

const SETTINGS = { seed: 20261128, numRuns: 200 };

/** `tensor` for inputs whose structure the type checker cannot see. */
const tensorOf = tensor as unknown as <D extends DType = "f32">(
  values: unknown,
  options?: CreateOptions<D>,
) => Tensor<number[], D>;

function product(shape: readonly number[]): number {
  return shape.reduce((size, dim) => size * dim, 1);
}

/** Row-major nesting of `values` under `shape`. */
function nest(values: readonly unknown[], shape: readonly number[]): unknown {
  if (shape.length === 0) return values[0];
  const inner = product(shape.slice(1));
  return Array.from(
    { length: shape[0] },
    (_, i) => nest(values.slice(i * inner, (i + 1) * inner), shape.slice(1)),
  );
}

/** Nested arrays of a random shape (rank 0–4, size-0 dims included) filled with `element`. */
function nested(element: fc.Arbitrary<number>, minDim = 0) {
  return fc
    .array(fc.integer({ min: minDim, max: 3 }), { maxLength: 4 })
    .chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        values: fc.array(element, { minLength: product(shape), maxLength: product(shape) }),
      })
    )
    .map(({ shape, values }) => ({ shape, values, nested: nest(values, shape) }));
}

/** The shape nested arrays can express: nothing survives below a 0. */
function visibleShape(shape: readonly number[]): number[] {
  const zero = shape.indexOf(0);
  return zero === -1 ? [...shape] : shape.slice(0, zero + 1);
}

Deno.test("tensor infers the shape; f32 by default, f64 on request", () => {
  const x: Tensor<[2, 3]> = tensor([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(x.shape, [2, 3]);
  assert.equal(x.dtype, "f32");
  assert.ok(x.data instanceof Float32Array);
  assert.deepEqual(Array.from(x.data), [1, 2, 3, 4, 5, 6]);
  const y: Tensor<[2], "f64"> = tensor([0.1, 0.2], { dtype: "f64" });
  assert.ok(y.data instanceof Float64Array);
  assert.deepEqual(Array.from(y.data), [0.1, 0.2]);
  assert.equal(tensor([0.1]).data[0], Math.fround(0.1));
  const s: Tensor<[]> = tensor(7);
  assert.deepEqual([s.shape, s.rank, s.size, s.toArray()], [[], 0, 1, 7]);
  const empty: Tensor<[0]> = tensor([]);
  assert.deepEqual([empty.shape, empty.size], [[0], 0]);
});

Deno.test("tensor(nested).toArray() gives the nested arrays back (f64)", () => {
  fc.assert(
    fc.property(nested(fc.double()), ({ shape, nested }) => {
      const x = tensorOf(nested, { dtype: "f64" });
      assert.deepEqual(x.shape, visibleShape(shape));
      assert.deepEqual(x.toArray(), nested);
    }),
    SETTINGS,
  );
});

Deno.test("tensor(nested).toArray() gives the nested arrays back (f32 values)", () => {
  fc.assert(
    fc.property(nested(fc.float()), ({ shape, values, nested }) => {
      const x = tensorOf(nested);
      assert.equal(x.dtype, "f32");
      assert.deepEqual(x.shape, visibleShape(shape));
      assert.deepEqual(x.toArray(), nested);
      if (!shape.includes(0)) assert.deepEqual(Array.from(x.data), values);
    }),
    SETTINGS,
  );
});

Deno.test("tensor names the path of a non-number element", () => {
  const notANumber = fc.constantFrom<unknown>("1", null, undefined, true, {}, 1n);
  const input = nested(fc.integer(), 1)
    .filter(({ shape }) => shape.length > 0)
    .chain((input) =>
      fc.record({
        input: fc.constant(input),
        at: fc.nat({ max: input.values.length - 1 }),
        bad: notANumber,
      })
    );
  fc.assert(
    fc.property(input, ({ input: { shape, values }, at, bad }) => {
      const broken = nest(values.map((v, i) => i === at ? bad : v), shape);
      const index = shape.map((_, axis) =>
        Math.floor(at / product(shape.slice(axis + 1))) % shape[axis]
      );
      assert.throws(() => tensorOf(broken), (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.equal(error.path, "$" + index.map((i) => `[${i}]`).join(""));
        assert.match(error.message, /expected a number, got /);
        return true;
      });
    }),
    SETTINGS,
  );
});

Deno.test("tensor names the path of a row of the wrong length", () => {
  const input = nested(fc.integer(), 1)
    .filter(({ shape }) => shape.length > 0 && product(shape) > 1)
    .chain((input) =>
      fc.record({
        input: fc.constant(input),
        depth: fc.nat({ max: input.shape.length - 1 }),
        leaf: fc.nat({ max: input.values.length - 1 }),
        grow: fc.boolean(),
      })
    );
  fc.assert(
    fc.property(input, ({ input: { shape, nested }, depth, leaf, grow }) => {
      const index = shape.map((_, axis) =>
        Math.floor(leaf / product(shape.slice(axis + 1))) % shape[axis]
      ).slice(0, depth);
      // The shape is read off the first row at each depth, so break another one.
      fc.pre(index.some((i) => i > 0));
      const copy = structuredClone(nested) as unknown[];
      const row = index.reduce<unknown[]>((array, i) => array[i] as unknown[], copy);
      if (grow) row.push(0);
      else row.pop();
      assert.throws(() => tensorOf(copy), (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.equal(error.path, "$" + index.map((i) => `[${i}]`).join(""));
        assert.match(error.message, /expected an array of length \d+ \(the nested array must be/);
        return true;
      });
    }),
    SETTINGS,
  );
});

Deno.test("tensor: fixed ragged and non-number inputs", () => {
  const cases: [unknown, string][] = [
    [[[1, 2, 3], [4, 5]], "$[1]"],
    [[[1, 2, 3], [4, 5, "x"]], "$[1][2]"],
    [[[1, 2], [3, [4]]], "$[1][1]"],
    [[1, [2]], "$[1]"],
    [[[1], 2], "$[1]"],
    [[[], [1]], "$[1]"],
    [[null], "$[0]"],
    ["x", "$"],
  ];
  for (const [input, path] of cases) {
    assert.throws(
      () => tensorOf(input),
      (error: unknown) => error instanceof ValidationError && error.path === path,
      `${JSON.stringify(input)} → ${path}`,
    );
  }
  assert.throws(
    // @ts-expect-error a ragged literal does not compile
    () => tensor([[1, 2], [3]]),
    { name: "ValidationError", message: /^\$\[1]: expected an array of length 2/ },
  );
  assert.throws(
    () => tensorOf([[1, 2, 3], [4, 5, "x"]]),
    { message: '$[1][2]: expected a number, got the string "x"' },
  );
});

Deno.test("an unknown dtype is a DTypeError (a TypeError)", () => {
  const options = { dtype: "i32" } as unknown as CreateOptions<"f32">;
  assert.throws(() => tensor([1], options), { name: "DTypeError", message: /"i32"/ });
  assert.throws(() => zeros([1], options), TypeError);
});

Deno.test("zeros, ones, full and scalar", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }),
      // -0 is left out: full() fills nothing for a value that equals 0, so -0 gives +0.
      fc.double().filter((value) => !Object.is(value, -0)),
      fc.constantFrom<DType>("f32", "f64"),
      (shape, value, dtype) => {
        const size = product(shape);
        const expected = dtype === "f32" ? Math.fround(value) : value;
        for (
          const [x, element] of [
            [zeros(shape, { dtype }), 0],
            [ones(shape, { dtype }), 1],
            [full(shape, value, { dtype }), expected],
          ] as const
        ) {
          assert.deepEqual([x.shape, x.dtype, x.size], [shape, dtype, size]);
          assert.ok(x.data instanceof (dtype === "f32" ? Float32Array : Float64Array));
          assert.ok(Array.from(x.data).every((v) => Object.is(v, element)));
        }
      },
    ),
    SETTINGS,
  );
  const loss: Tensor<[]> = scalar(0.5);
  assert.deepEqual([loss.shape, loss.toArray(), loss.dtype], [[], 0.5, "f32"]);
  assert.equal(scalar(0.1, { dtype: "f64" }).data[0], 0.1);
  assert.deepEqual(zeros([2]).shape, [2]);
  assert.throws(() => zeros([2, -1]), {
    name: "ShapeError",
    message: "full: dims must be non-negative integers, got -1 at axis 1 of [2, -1]",
  });
  assert.throws(() => full([2], "1" as unknown as number), TypeError);
});

Deno.test("fromArray: the dtype follows the data, and the data is copied", () => {
  const source = fc
    .array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 })
    .chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        values: fc.array(fc.double(), { minLength: product(shape), maxLength: product(shape) }),
      })
    );
  fc.assert(
    fc.property(source, ({ shape, values }) => {
      const f64 = Float64Array.from(values);
      const f32 = Float32Array.from(values);
      const plain = [...values];
      const x = fromArray(f64, shape);
      const y = fromArray(f32, shape);
      const z = fromArray(plain, shape);
      assert.deepEqual([x.dtype, y.dtype, z.dtype], ["f64", "f32", "f32"]);
      assert.deepEqual(x.toArray(), nest(values, shape));
      assert.deepEqual(y.toArray(), nest(Array.from(f32), shape));
      assert.deepEqual(z.toArray(), nest(Array.from(f32), shape));
      f64.fill(42);
      f32.fill(42);
      plain.fill(42);
      assert.deepEqual(Array.from(x.data), values);
      assert.deepEqual(Array.from(y.data), Array.from(Float32Array.from(values)));
      assert.deepEqual(Array.from(z.data), Array.from(Float32Array.from(values)));
    }),
    SETTINGS,
  );
});

Deno.test("fromArray rejects a length mismatch, bad dims and non-numbers", () => {
  assert.throws(() => fromArray([1, 2, 3], [2, 2]), {
    name: "ShapeError",
    message: "Cannot make a tensor of shape [2, 2] from 3 elements: the shape needs 4",
  });
  assert.deepEqual(fromArray(new Float64Array(0), [0, 1, 2]).shape, [0, 1, 2]);
  assert.throws(() => fromArray(new Float32Array(2), [2, 1.5]), ShapeError);
  assert.throws(
    () => fromArray([1, "2", 3] as unknown as number[], [3]),
    (error: unknown) => error instanceof ValidationError && error.path === "$[1]",
  );
});

Deno.test("constructed tensors are frozen", () => {
  for (
    const x of [tensor([[1, 2]]), zeros([2, 2]), scalar(1), fromArray([1, 2], [2]), tensor([])]
  ) {
    assert.ok(Object.isFrozen(x), String(x));
    assert.ok(Object.isFrozen(x.shape), String(x));
  }
});

Deno.test("full keeps the sign of zero", () => {
  assert.ok(Object.is(full([1], -0).data[0], -0));
  assert.ok(Object.is(full([1], 0).data[0], 0));
});
