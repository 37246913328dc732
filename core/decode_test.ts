/**
 * Tests of decoding tensors from outside data: nested arrays of unknown shape
 * and the `{ dtype, shape, data }` JSON form, with the paths of the failures.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Either } from "fp-ts/Either";
import { ValidationError } from "./errors.ts";
import { tensor } from "./create.ts";
import { decodeTensor, decodeTensorJSON, encodeTensorJSON } from "./decode.ts";
import type { TensorJSON } from "./decode.ts";
import { Tensor } from "./tensor.ts";
import type { DType } from "./tensor.ts";

const SETTINGS = { seed: 20261128, numRuns: 200 };

function product(shape: readonly number[]): number {
  return shape.reduce((size, dim) => size * dim, 1);
}

function nest(values: readonly unknown[], shape: readonly number[]): unknown {
  if (shape.length === 0) return values[0];
  const inner = product(shape.slice(1));
  return Array.from(
    { length: shape[0] },
    (_, i) => nest(values.slice(i * inner, (i + 1) * inner), shape.slice(1)),
  );
}

/** The error of a `Left`; fails the test on a `Right`. */
function leftOf<R>(result: Either<ValidationError, R>): ValidationError {
  assert.equal(result._tag, "Left");
  if (result._tag !== "Left") throw new Error("unreachable");
  assert.ok(result.left instanceof ValidationError);
  return result.left;
}

/** The value of a `Right`; fails the test on a `Left`. */
function rightOf<R>(result: Either<ValidationError, R>): R {
  if (result._tag === "Left") assert.fail(`expected Right, got ${result.left.message}`);
  return result.right;
}

/** The value at `$[i][j]…` in `input`, or `undefined` when a step is missing. */
function at(input: unknown, path: string): { found: boolean; value?: unknown } {
  let value = input;
  for (const [, index] of path.slice(1).matchAll(/\[(\d+)]/g)) {
    if (!Array.isArray(value) || Number(index) >= value.length) return { found: false };
    value = value[Number(index)];
  }
  return { found: true, value };
}

const shape = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 });

const nestedNumbers = shape.chain((dims) =>
  fc.array(fc.double(), { minLength: product(dims), maxLength: product(dims) })
    .map((values) => nest(values, dims))
);

/** Nested arrays with one element swapped for a random JSON value, or cut short. */
const damaged = nestedNumbers.chain((input) =>
  fc.tuple(fc.jsonValue(), fc.nat(), fc.boolean()).map(([junk, pick, cut]) => {
    const copy = structuredClone(input);
    const rows: unknown[][] = [];
    const collect = (value: unknown) => {
      if (Array.isArray(value)) {
        rows.push(value);
        value.forEach(collect);
      }
    };
    collect(copy);
    const nonEmpty = rows.filter((row) => row.length > 0);
    if (nonEmpty.length === 0) return junk;
    const row = nonEmpty[pick % nonEmpty.length];
    if (cut) row.pop();
    else row[pick % row.length] = junk;
    return copy;
  })
);

Deno.test("decodeTensor never throws: Right gives the input back, Left names an existing element", () => {
  const input = fc.oneof(nestedNumbers, damaged, fc.jsonValue());
  fc.assert(
    fc.property(input, (u) => {
      const result = decodeTensor(u, { dtype: "f64" });
      if (result._tag === "Right") {
        assert.equal(result.right.dtype, "f64");
        assert.deepEqual(result.right.toArray(), u);
      } else {
        const error = leftOf(result);
        assert.match(error.path, /^\$(\[\d+])*$/);
        const { found, value } = at(u, error.path);
        assert.ok(found, `${error.path} is not in the input`);
        if (typeof value === "number") assert.match(error.message, /expected an array of length/);
        assert.ok(error.message.startsWith(`${error.path}: expected `), error.message);
      }
    }),
    SETTINGS,
  );
});

Deno.test("decodeTensor: f32 by default, f64 on request, the expected shape accepted", () => {
  const x = rightOf(decodeTensor(JSON.parse("[[1, 2], [3, 4.1]]"), { shape: [2, 2] }));
  assert.deepEqual([x.shape, x.dtype, Array.from(x.data)], [
    [2, 2],
    "f32",
    [1, 2, 3, Math.fround(4.1)],
  ]);
  const y = rightOf(decodeTensor([0.1], { dtype: "f64" }));
  assert.deepEqual([y.dtype, y.data[0]], ["f64", 0.1]);
  assert.ok(y instanceof Tensor && Object.isFrozen(y));
  const input = [[1, 2]];
  const z = rightOf(decodeTensor(input));
  input[0][0] = 9;
  assert.deepEqual(z.toArray(), [[1, 2]], "the tensor does not share the input");
  assert.deepEqual(rightOf(decodeTensor(3)).shape, []);
  assert.deepEqual(rightOf(decodeTensor([], { shape: [0] })).shape, [0]);
});

Deno.test("decodeTensor: Left cases and their paths", () => {
  const cases: [unknown, string, RegExp][] = [
    [[[1, 2], [3]], "$[1]", /expected an array of length 2 .*got an array of length 1$/],
    [[[1, "a"]], "$[0][1]", /expected a number, got the string "a"$/],
    [null, "$", /expected a number, got null$/],
    [[1, null], "$[1]", /got null$/],
    [[[1], [2, 3]], "$[1]", /expected an array of length 1/],
    [{ data: [1] }, "$", /expected a number, got object/],
  ];
  for (const [input, path, message] of cases) {
    const error = leftOf(decodeTensor(input));
    assert.equal(error.path, path, JSON.stringify(input));
    assert.match(error.message, message);
  }
});

Deno.test("decodeTensor: a shape other than the expected one is a Left at the first difference", () => {
  const input = [[1, 2], [3, 4]];
  const cases: [number[], string, string][] = [
    [[2, 3], "$[0]", "expected shape [2, 3], got [2, 2] (axis 1 differs)"],
    [[3, 2], "$", "expected shape [3, 2], got [2, 2] (axis 0 differs)"],
    [[2, 2, 1], "$[0][0]", "expected shape [2, 2, 1], got [2, 2] (axis 2 differs)"],
    [[2], "$[0]", "expected shape [2], got [2, 2] (axis 1 differs)"],
    [[], "$", "expected shape [], got [2, 2] (axis 0 differs)"],
  ];
  for (const [expected, path, message] of cases) {
    const error = leftOf(decodeTensor(input, { shape: expected }));
    assert.equal(error.path, path, `expected ${JSON.stringify(expected)}`);
    assert.equal(error.message, `${path}: ${message}`);
  }
});

const encodable = fc
  .record({ dims: shape, dtype: fc.constantFrom<DType>("f32", "f64") })
  .chain(({ dims, dtype }) =>
    fc.array(dtype === "f32" ? fc.float() : fc.double(), {
      minLength: product(dims),
      maxLength: product(dims),
    }).map((values) => {
      const data = dtype === "f32" ? Float32Array.from(values) : Float64Array.from(values);
      return new Tensor<number[], DType>(dims, dtype, data);
    })
  );

Deno.test("decodeTensorJSON(encodeTensorJSON(x)) is x", () => {
  fc.assert(
    fc.property(encodable, (x) => {
      const json = encodeTensorJSON(x);
      assert.deepEqual(json, { dtype: x.dtype, shape: [...x.shape], data: Array.from(x.data) });
      const back = rightOf(decodeTensorJSON(json));
      assert.deepEqual([back.dtype, back.shape, back.data], [x.dtype, x.shape, x.data]);
      assert.notEqual(back.data, x.data);
    }),
    SETTINGS,
  );
});

Deno.test("decodeTensorJSON(JSON.parse(JSON.stringify(encodeTensorJSON(x)))) is x for finite data", () => {
  const finite = encodable.filter((x) =>
    x.data.every((v) => Number.isFinite(v) && !Object.is(v, -0))
  );
  fc.assert(
    fc.property(finite, (x) => {
      const back = rightOf(decodeTensorJSON(JSON.parse(JSON.stringify(encodeTensorJSON(x)))));
      assert.deepEqual([back.dtype, back.shape, back.data], [x.dtype, x.shape, x.data]);
    }),
    SETTINGS,
  );
});

type Damage = { kind: "dtype"; value: unknown } | { kind: "dim"; index: number; value: number } | {
  kind: "element";
  index: number;
  value: unknown;
} | { kind: "length"; extra: number };

Deno.test("decodeTensorJSON: one bad field is a Left whose path names it", () => {
  const json = encodable.map(encodeTensorJSON).filter((j) =>
    j.shape.length > 0 && j.data.length > 0
  );
  const damage: fc.Arbitrary<Damage> = fc.oneof(
    fc.record({
      kind: fc.constant("dtype" as const),
      value: fc.oneof(fc.constantFrom("i32", "F32", "float32", null, 32), fc.string()),
    }),
    fc.record({
      kind: fc.constant("dim" as const),
      index: fc.nat(),
      value: fc.oneof(fc.integer({ max: -1 }), fc.double({ min: 0.1, max: 9.9 }), fc.constant(NaN)),
    }),
    fc.record({
      kind: fc.constant("element" as const),
      index: fc.nat(),
      value: fc.constantFrom<unknown>("1", null, true, [], {}),
    }),
    fc.record({ kind: fc.constant("length" as const), extra: fc.integer({ min: -3, max: 3 }) }),
  );
  fc.assert(
    fc.property(json, damage, (good, change) => {
      const bad: Record<string, unknown> = { ...structuredClone(good) };
      let path: string;
      if (change.kind === "dtype") {
        fc.pre(change.value !== "f32" && change.value !== "f64");
        bad.dtype = change.value;
        path = "$.dtype";
      } else if (change.kind === "dim") {
        fc.pre(!Number.isInteger(change.value) || change.value < 0);
        const index = change.index % good.shape.length;
        (bad.shape as unknown[])[index] = change.value;
        path = `$.shape[${index}]`;
      } else if (change.kind === "element") {
        const index = change.index % good.data.length;
        (bad.data as unknown[])[index] = change.value;
        path = `$.data[${index}]`;
      } else {
        fc.pre(change.extra !== 0 && good.data.length + change.extra >= 0);
        bad.data = change.extra > 0
          ? [...good.data, ...Array(change.extra).fill(0)]
          : good.data.slice(0, change.extra);
        path = "$.data";
      }
      const error = leftOf(decodeTensorJSON(bad));
      assert.equal(error.path, path, error.message);
      assert.ok(error.message.startsWith(`${path}: `));
    }),
    SETTINGS,
  );
});

Deno.test("decodeTensorJSON: fixed Left cases and messages", () => {
  const good: TensorJSON = { dtype: "f32", shape: [2, 2], data: [1, 2, 3, 4] };
  const cases: [unknown, string, RegExp][] = [
    [
      { ...good, data: [1, 2, 3] },
      "$.data",
      /^\$\.data: expected 4 numbers for shape \[2, 2], got 3$/,
    ],
    [{ ...good, dtype: "i32" }, "$.dtype", /expected .*got "i32"/],
    [{ ...good, shape: [-2, -2] }, "$.shape[0]", /NonNegativeInteger.*-2/],
    [{ ...good, shape: [2, 1.5] }, "$.shape[1]", /1\.5/],
    [{ ...good, data: [1, 2, "3", 4] }, "$.data[2]", /"3"/],
    [{ dtype: "f32", data: [1] }, "$.shape", /undefined/],
    [null, "$", /null/],
    [[1, 2], "$", /\[1,2]/],
  ];
  for (const [input, path, message] of cases) {
    const error = leftOf(decodeTensorJSON(input));
    assert.equal(error.path, path, JSON.stringify(input));
    assert.match(error.message, message);
  }
  const scalar = rightOf(decodeTensorJSON({ dtype: "f64", shape: [], data: [0.1] }));
  assert.deepEqual([scalar.shape, scalar.data[0], scalar.dtype], [[], 0.1, "f64"]);
  const empty = rightOf(decodeTensorJSON({ dtype: "f32", shape: [3, 0], data: [] }));
  assert.deepEqual(empty.toArray(), [[], [], []]);
  assert.deepEqual(encodeTensorJSON(tensor([[1, 2]])), {
    dtype: "f32",
    shape: [1, 2],
    data: [1, 2],
  });
});

Deno.test("decodeTensor rejects an unknown dtype option with a DTypeError", () => {
  const options = { dtype: "i32" } as unknown as { dtype: "f32" };
  assert.throws(() => decodeTensor([1], options), { name: "DTypeError", message: /"i32"/ });
});
