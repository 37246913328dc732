/**
 * Forward tests of the linear-algebra and layout ops (matmul, dot, transpose,
 * reshape, flatten, broadcastTo, concat): values against mathjs as an
 * independent oracle, or against explicit index mappings written here.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import * as math from "mathjs";
import { fromArray, tensor, zeros } from "../core/create.ts";
import { DTypeError, ShapeError } from "../core/errors.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { broadcastTo } from "./broadcast_to.ts";
import { concat } from "./concat.ts";
import { dot } from "./dot.ts";
import { flatten } from "./flatten.ts";
import { matmul } from "./matmul.ts";
import { reshape } from "./reshape.ts";
import { transpose } from "./transpose.ts";

const SETTINGS = { seed: 20261128, numRuns: 100 };

/** Tensors whose shapes only the run time knows: the ops' type guards step aside. */
type Loose<D extends DType = DType> = Tensor<number[], D>;

/** A vector of a length only the run time knows (`dot` wants rank 1 in the type). */
type Vector<D extends DType = DType> = Tensor<[number], D>;

function product(shape: readonly number[]): number {
  return shape.reduce((size, dim) => size * dim, 1);
}

/** Flat row-major position → multi-index. */
function unravel(index: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    out[axis] = index % shape[axis];
    index = Math.floor(index / shape[axis]);
  }
  return out;
}

/** Multi-index → flat row-major position. */
function ravel(index: readonly number[], shape: readonly number[]): number {
  return index.reduce((flat, i, axis) => flat * shape[axis] + i, 0);
}

function f64(values: readonly number[], shape: readonly number[]): Loose<"f64"> {
  return fromArray(Float64Array.from(values), shape) as unknown as Loose<"f64">;
}

/** Values away from overflow, so that relative error bounds apply. */
const value = fc.double({ min: -100, max: 100, noNaN: true });

function filled(shape: readonly number[]): fc.Arbitrary<Loose<"f64">> {
  return fc.array(value, { minLength: product(shape), maxLength: product(shape) })
    .map((values) => f64(values, shape));
}

/** Float64 bounds: see {@link assertClose}. */
const F64 = { relative: 1e-12, floor: 8 * 2 ** -1074 };
/** Float32 bounds: each of k ≤ 6 accumulations rounds to f32 (2⁻²⁴ ≈ 6e-8), underflow at 2⁻¹⁴⁹. */
const F32 = { relative: 1e-6, floor: 8 * 2 ** -149 };

/**
 * `got` against `want` for a sum of k ≤ 8 products whose absolute terms add up
 * to `scale`. Two float64 summations each sit within k·2⁻⁵³·scale ≈ 1e-15·scale
 * of the exact value, so 1e-12·scale leaves a wide margin and still catches a
 * wrong or missing term. `floor` covers underflow: each rounded product may
 * lose up to the dtype's smallest subnormal.
 */
function assertClose(
  got: number,
  want: number,
  scale: number,
  { relative, floor }: { relative: number; floor: number } = F64,
): void {
  assert.ok(
    Math.abs(got - want) <= relative * scale + floor,
    `got ${got}, want ${want} (scale ${scale})`,
  );
}

function rows(x: { data: ArrayLike<number> }, offset: number, m: number, n: number): number[][] {
  return Array.from(
    { length: m },
    (_, i) => Array.from({ length: n }, (_, j) => x.data[offset + i * n + j]),
  );
}

/** |A|·|B|: the scale of each entry of A·B, for the error bound. */
function absProduct(a: number[][], b: number[][]): number[][] {
  return a.map((row) =>
    b[0].map((_, j) => row.reduce((sum, aip, p) => sum + Math.abs(aip * b[p][j]), 0))
  );
}

const matrices = fc
  .record({
    m: fc.integer({ min: 1, max: 6 }),
    k: fc.integer({ min: 1, max: 6 }),
    n: fc.integer({ min: 1, max: 6 }),
  })
  .chain(({ m, k, n }) => fc.tuple(filled([m, k]), filled([k, n])));

Deno.test("matmul of f64 matrices agrees with mathjs", () => {
  fc.assert(
    fc.property(matrices, ([a, b]) => {
      const [m, k] = a.shape;
      const n = b.shape[1];
      const aRows = rows(a, 0, m, k);
      const bRows = rows(b, 0, k, n);
      const want = math.multiply(aRows, bRows) as number[][];
      const scale = absProduct(aRows, bRows);
      const y = matmul(a, b);
      assert.deepEqual([y.shape, y.dtype], [[m, n], "f64"]);
      const got = y.toArray() as unknown as number[][];
      got.forEach((row, i) => row.forEach((v, j) => assertClose(v, want[i][j], scale[i][j])));
    }),
    SETTINGS,
  );
});

Deno.test("matmul of f32 matrices stays f32 and agrees with mathjs to f32 precision", () => {
  fc.assert(
    fc.property(matrices, ([a64, b64]) => {
      const a = fromArray(Float32Array.from(a64.data), a64.shape) as unknown as Loose<"f32">;
      const b = fromArray(Float32Array.from(b64.data), b64.shape) as unknown as Loose<"f32">;
      const [m, k] = a.shape;
      const n = b.shape[1];
      const aRows = rows(a, 0, m, k);
      const bRows = rows(b, 0, k, n);
      const want = math.multiply(aRows, bRows) as number[][];
      const scale = absProduct(aRows, bRows);
      const y = matmul(a, b);
      assert.ok(y.data instanceof Float32Array);
      assert.equal(y.dtype, "f32");
      const got = y.toArray() as unknown as number[][];
      got.forEach((row, i) => row.forEach((v, j) => assertClose(v, want[i][j], scale[i][j], F32)));
    }),
    SETTINGS,
  );
});

/** Leading dims of both operands (rank 0–2) that broadcast to `lead`, derived from `lead`. */
const leadingPair = fc
  .array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 })
  .chain((lead) =>
    fc.record({
      lead: fc.constant(lead),
      drop: fc.nat({ max: lead.length }),
      shortIsA: fc.boolean(),
      ones: fc.array(fc.constantFrom("none", "long", "short"), {
        minLength: lead.length,
        maxLength: lead.length,
      }),
    })
  )
  .map(({ lead, drop, shortIsA, ones }) => {
    const long = lead.map((d, axis) => axis >= drop && ones[axis] === "long" ? 1 : d);
    const short = lead.slice(drop).map((d, i) => ones[i + drop] === "short" ? 1 : d);
    return shortIsA ? { lead, a: short, b: long } : { lead, a: long, b: short };
  });

/** The operand's batch index for an output batch index: leading axes dropped, 1s clamped. */
function batchOf(outLead: readonly number[], lead: readonly number[]): number {
  const offset = outLead.length - lead.length;
  return ravel(lead.map((d, axis) => d === 1 ? 0 : outLead[axis + offset]), lead);
}

Deno.test("batched matmul with broadcast leading dims is a per-batch loop of mathjs products", () => {
  const batched = fc
    .record({
      pair: leadingPair,
      m: fc.integer({ min: 1, max: 4 }),
      k: fc.integer({ min: 1, max: 4 }),
      n: fc.integer({ min: 1, max: 4 }),
    })
    .chain(({ pair, m, k, n }) =>
      fc.tuple(fc.constant(pair), filled([...pair.a, m, k]), filled([...pair.b, k, n]))
    );
  fc.assert(
    fc.property(batched, ([pair, a, b]) => {
      const [m, k] = a.shape.slice(-2);
      const n = b.shape[b.shape.length - 1];
      const y = matmul(a, b);
      assert.deepEqual(y.shape, [...pair.lead, m, n]);
      for (let batch = 0; batch < product(pair.lead); batch++) {
        const outLead = unravel(batch, pair.lead);
        const aRows = rows(a, batchOf(outLead, pair.a) * m * k, m, k);
        const bRows = rows(b, batchOf(outLead, pair.b) * k * n, k, n);
        const want = math.multiply(aRows, bRows) as number[][];
        const scale = absProduct(aRows, bRows);
        const got = rows(y, batch * m * n, m, n);
        got.forEach((row, i) => row.forEach((v, j) => assertClose(v, want[i][j], scale[i][j])));
      }
    }),
    SETTINGS,
  );
});

Deno.test("matmul: exact small cases, size-0 dims, and inputs left alone", () => {
  const a = tensor([[1, 2, 3], [4, 5, 6]], { dtype: "f64" });
  const b = tensor([[1, 0], [0, 1], [1, 1]], { dtype: "f64" });
  const y: Tensor<[2, 2], "f64"> = matmul(a, b);
  assert.deepEqual(y.toArray(), [[4, 5], [10, 11]]);
  assert.deepEqual(Array.from(a.data), [1, 2, 3, 4, 5, 6]);
  // An inner dim of 0 sums nothing: zeros, not leftovers.
  assert.deepEqual(matmul(zeros([2, 0]), zeros([0, 3])).toArray(), [[0, 0, 0], [0, 0, 0]]);
  assert.deepEqual(matmul(zeros([0, 3]), zeros([3, 2])).shape, [0, 2]);
  assert.deepEqual(matmul(zeros([0, 2, 3]), zeros([3, 4])).shape, [0, 2, 4]);
  assert.deepEqual(matmul(zeros([2, 3, 0]), zeros([0, 1])).toArray(), [[[0], [0], [0]], [[0], [0], [
    0,
  ]]]);
});

Deno.test("matmul and dot reject mixed dtypes and shapes that do not fit", () => {
  const a32 = zeros([2, 2]);
  const a64 = zeros([2, 2], { dtype: "f64" });
  assert.throws(() => matmul(a32 as unknown as Loose<"f64">, a64), {
    name: "DTypeError",
    message: "Cannot matmul tensors of dtypes f32 and f64: convert one of them first",
  });
  assert.throws(
    () => dot(zeros([3], { dtype: "f64" }) as unknown as Vector<"f32">, zeros([3])),
    DTypeError,
  );
  assert.throws(
    () => matmul(zeros([2, 3]) as Loose<"f32">, zeros([5, 4]) as Loose<"f32">),
    {
      name: "ShapeError",
      message: "Cannot matmul tensors of shapes [2, 3] and [5, 4]: inner dimensions 3 and 5 differ",
    },
  );
  assert.throws(
    () => matmul(zeros([5]) as Loose<"f32">, zeros([5, 1]) as Loose<"f32">),
    ShapeError,
  );
  assert.throws(() => dot(zeros([3]) as Vector<"f32">, zeros([4]) as Vector<"f32">), ShapeError);
  assert.throws(
    () => dot(zeros([3, 1]) as unknown as Vector<"f32">, zeros([3]) as Vector<"f32">),
    ShapeError,
  );
});

Deno.test("transpose of a matrix agrees with mathjs", () => {
  const matrix = fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
    .chain(([m, n]) => filled([m, n]));
  fc.assert(
    fc.property(matrix, (x) => {
      const want = math.transpose(x.toArray() as unknown as number[][]);
      const y = transpose(x);
      assert.deepEqual(y.shape, [x.shape[1], x.shape[0]]);
      assert.deepEqual(y.toArray(), want);
      assert.equal(y.dtype, "f64");
    }),
    SETTINGS,
  );
});

Deno.test("transpose by random permutations (rank ≤ 4, size-0 dims) moves element [i] to [i∘perm]", () => {
  const input = fc
    .array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 })
    .chain((shape) =>
      fc.record({
        x: filled(shape),
        perm: fc.shuffledSubarray([...shape.keys()], {
          minLength: shape.length,
          maxLength: shape.length,
        }),
        negative: fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
      })
    );
  fc.assert(
    fc.property(input, ({ x, perm, negative }) => {
      const spelled = perm.map((axis, i) => negative[i] ? axis - x.rank : axis);
      const y = transpose(x, spelled) as unknown as Loose<"f64">;
      assert.deepEqual(y.shape, perm.map((axis) => x.shape[axis]));
      for (let flat = 0; flat < y.size; flat++) {
        const out = unravel(flat, y.shape);
        const source = new Array<number>(x.rank);
        perm.forEach((axis, i) => (source[axis] = out[i]));
        assert.equal(y.data[flat], x.data[ravel(source, x.shape)], `at [${out}]`);
      }
    }),
    SETTINGS,
  );
});

Deno.test("transpose: no permutation reverses; bad permutations throw", () => {
  const x = tensor([[[1, 2], [3, 4], [5, 6]]]);
  const t: Tensor<[2, 3, 1]> = transpose(x);
  assert.deepEqual(t.toArray(), [[[1], [3], [5]], [[2], [4], [6]]]);
  assert.equal(transpose(tensor(5)).toArray(), 5);
  assert.throws(() => transpose(x as Loose<"f32">, [0, 0, 1]), /appears twice/);
  assert.throws(() => transpose(x as Loose<"f32">, [0, 1]), ShapeError);
});

Deno.test("dot agrees with mathjs and keeps the dtype", () => {
  const vectors = fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(filled([n]), filled([n])));
  fc.assert(
    fc.property(vectors, ([a, b]) => {
      const want = math.dot(Array.from(a.data), Array.from(b.data));
      const scale = a.data.reduce((sum, v, i) => sum + Math.abs(v * b.data[i]), 0);
      const s = dot(a as unknown as Vector<"f64">, b as unknown as Vector<"f64">);
      assert.deepEqual([s.shape, s.dtype], [[], "f64"]);
      assertClose(s.data[0], want, scale);
    }),
    SETTINGS,
  );
  const s32: Tensor<[]> = dot(tensor([1, 2, 3]), tensor([4, 5, 6]));
  assert.deepEqual([s32.toArray(), s32.dtype], [32, "f32"]);
  assert.equal(dot(zeros([0]), zeros([0])).toArray(), 0);
});

Deno.test("reshape shares the data and keeps row-major order; flatten too", () => {
  const input = fc
    .array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 })
    .chain((shape) =>
      fc.tuple(filled(shape), fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }))
    );
  fc.assert(
    fc.property(input, ([x, front]) => {
      fc.pre(x.size % product(front) === 0);
      const target = [...front, -1];
      const y = reshape(x, target) as unknown as Loose<"f64">;
      assert.deepEqual(y.shape, [...front, x.size / product(front)]);
      assert.equal(y.data, x.data, "reshape copies nothing");
      for (let flat = 0; flat < y.size; flat++) {
        const index = unravel(flat, y.shape);
        assert.equal(y.data[ravel(index, y.shape)], x.data[flat]);
      }
      if (x.rank > 0) {
        const z = flatten(x) as unknown as Loose<"f64">;
        assert.deepEqual(z.shape, [x.shape[0], x.size / x.shape[0]]);
        assert.equal(z.data, x.data);
        const inner = x.size / x.shape[0];
        (z.toArray() as unknown as number[][]).forEach((row, i) =>
          assert.deepEqual(row, Array.from(x.data.subarray(i * inner, (i + 1) * inner)))
        );
      }
    }),
    SETTINGS,
  );
  const r: Tensor<[2, 3]> = reshape(tensor([1, 2, 3, 4, 5, 6]), [2, 3]);
  assert.deepEqual(r.toArray(), [[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(reshape(zeros([0, 3]), [3, 0, 5]).shape, [3, 0, 5]);
  assert.deepEqual(flatten(zeros([2, 0, 3])).shape, [2, 0]);
  assert.throws(() => reshape(zeros([2, 3]) as Loose<"f32">, [4, 2]), ShapeError);
  assert.throws(() => flatten(tensor(1) as Loose<"f32">), ShapeError);
});

Deno.test("broadcastTo reads each output element from the clamped source index", () => {
  const input = fc
    .array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 })
    .chain((to) =>
      fc.record({
        to: fc.constant(to),
        drop: fc.nat({ max: to.length }),
        ones: fc.array(fc.boolean(), { minLength: to.length, maxLength: to.length }),
      })
    )
    .chain(({ to, drop, ones }) =>
      fc.tuple(fc.constant(to), filled(to.slice(drop).map((d, i) => ones[i + drop] ? 1 : d)))
    );
  fc.assert(
    fc.property(input, ([to, x]) => {
      const y = broadcastTo(x, to) as unknown as Loose<"f64">;
      assert.deepEqual([y.shape, y.dtype], [to, "f64"]);
      const offset = to.length - x.rank;
      for (let flat = 0; flat < y.size; flat++) {
        const out = unravel(flat, to);
        const source = x.shape.map((d, axis) => d === 1 ? 0 : out[axis + offset]);
        assert.equal(y.data[flat], x.data[ravel(source, x.shape)], `at [${out}]`);
      }
      // Tensors are immutable, so broadcasting to the same shape may return the input itself;
      // a real broadcast writes a new buffer.
      if (y.size > x.size) assert.notEqual(y.data, x.data);
    }),
    SETTINGS,
  );
  const rows: Tensor<[2, 3]> = broadcastTo(tensor([1, 2, 3]), [2, 3]);
  assert.deepEqual(rows.toArray(), [[1, 2, 3], [1, 2, 3]]);
  assert.throws(() => broadcastTo(tensor([1, 2]) as Loose<"f32">, [2, 3]), ShapeError);
});

/** Nested-array concatenation along `axis`, the reference for `concat`. */
function concatNested(parts: readonly unknown[][], axis: number): unknown[] {
  if (axis === 0) return parts.flat(1);
  return parts[0].map((_, i) => concatNested(parts.map((part) => part[i] as unknown[]), axis - 1));
}

Deno.test("concat agrees with nested-array concatenation, along positive and negative axes", () => {
  const input = fc
    .array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 })
    .chain((base) =>
      fc.record({
        base: fc.constant(base),
        axis: fc.nat({ max: base.length - 1 }),
        sizes: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
        negative: fc.boolean(),
      })
    )
    .chain(({ base, axis, sizes, negative }) =>
      fc.record({
        axis: fc.constant(axis),
        spelled: fc.constant(negative ? axis - base.length : axis),
        parts: fc.tuple(...sizes.map((size) => filled(base.map((d, a) => a === axis ? size : d)))),
      })
    );
  fc.assert(
    fc.property(input, ({ axis, spelled, parts }) => {
      const y = concat(parts, spelled) as unknown as Loose<"f64">;
      const expected = parts[0].shape.map((d, a) =>
        a === axis ? parts.reduce((sum, part) => sum + part.shape[a], 0) : d
      );
      assert.deepEqual([y.shape, y.dtype], [expected, "f64"]);
      assert.deepEqual(
        y.toArray(),
        concatNested(parts.map((part) => part.toArray() as unknown as unknown[]), axis),
      );
    }),
    SETTINGS,
  );
  const left = tensor([[1], [2]]);
  const right = tensor([[3, 4], [5, 6]]);
  const both: Tensor<[2, 3]> = concat([left, right], -1);
  assert.deepEqual(both.toArray(), [[1, 3, 4], [2, 5, 6]]);
  assert.throws(
    () => concat([zeros([2]), zeros([2], { dtype: "f64" })] as unknown as Loose<"f32">[], 0),
    DTypeError,
  );
  assert.throws(
    () => concat([zeros([2, 2]), zeros([3, 3])] as Loose<"f32">[], 0),
    /differ at axis 1/,
  );
});
