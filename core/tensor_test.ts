/**
 * Tests of the `Tensor` class: validation in the constructor, immutability,
 * and `toArray` against an independent row-major unflattening.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { ShapeError } from "./errors.ts";
import type { DType } from "./tensor.ts";
import { allocate, Tensor } from "./tensor.ts";

const SETTINGS = { seed: 20261128, numRuns: 200 };

/** Row-major nesting of `data` under `shape`, written directly from the definition. */
function nest(data: ArrayLike<number>, shape: readonly number[]): unknown {
  if (shape.length === 0) return data[0];
  const [dim, ...rest] = shape;
  const inner = rest.reduce((size, d) => size * d, 1);
  return Array.from(
    { length: dim },
    (_, i) => nest(Array.prototype.slice.call(data, i * inner, (i + 1) * inner), rest),
  );
}

const shape = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 });

/** A shape with f64 data of matching length (NaN, ±0 and infinities included). */
const shapedData = shape.chain((dims) => {
  const size = dims.reduce((product, dim) => product * dim, 1);
  return fc.record({
    shape: fc.constant(dims),
    values: fc.array(fc.double(), { minLength: size, maxLength: size }),
  });
});

Deno.test("toArray nests the data row-major, for any rank and size-0 dims", () => {
  fc.assert(
    fc.property(shapedData, ({ shape, values }) => {
      const x = new Tensor(shape, "f64", Float64Array.from(values));
      assert.deepEqual(x.toArray(), nest(values, shape));
    }),
    SETTINGS,
  );
  assert.equal(new Tensor([], "f32", Float32Array.of(2.5)).toArray(), 2.5);
  assert.deepEqual(new Tensor([2, 0, 3], "f32", new Float32Array(0)).toArray(), [[], []]);
  assert.deepEqual(new Tensor([0, 2], "f32", new Float32Array(0)).toArray(), []);
});

Deno.test("shape, rank, size, dtype and toString", () => {
  fc.assert(
    fc.property(shapedData, fc.constantFrom<DType>("f32", "f64"), ({ shape, values }, dtype) => {
      const data = allocate(dtype, values.length);
      const x = new Tensor(shape, dtype, data);
      assert.deepEqual(x.shape, shape);
      assert.equal(x.rank, shape.length);
      assert.equal(x.size, values.length);
      assert.equal(x.dtype, dtype);
      assert.equal(x.data, data, "the constructor wraps without copying");
      assert.equal(String(x), `Tensor<${dtype}>[${shape.join(", ")}]`);
    }),
    SETTINGS,
  );
  assert.ok(allocate("f32", 3) instanceof Float32Array);
  assert.ok(allocate("f64", 3) instanceof Float64Array);
});

Deno.test("the constructor rejects data of the wrong length and bad dims", () => {
  assert.throws(() => new Tensor([2, 3], "f32", new Float32Array(5)), {
    name: "ShapeError",
    message: "Cannot make a tensor of shape [2, 3] from 5 elements: it needs 6",
  });
  for (const bad of [-1, 1.5, NaN, Infinity]) {
    assert.throws(
      () => new Tensor([2, bad], "f32", new Float32Array(2)),
      (error: unknown) => error instanceof ShapeError && /at axis 1 of \[2, /.test(error.message),
    );
  }
});

Deno.test("a tensor and its shape are frozen; the shape is a copy", () => {
  const dims = [2, 3];
  const x = new Tensor(dims, "f32", new Float32Array(6));
  assert.ok(Object.isFrozen(x));
  assert.ok(Object.isFrozen(x.shape));
  dims[0] = 7;
  assert.deepEqual(x.shape, [2, 3]);
  assert.throws(() => {
    (x as unknown as { dtype: string }).dtype = "f64";
  }, TypeError);
  assert.throws(() => {
    (x.shape as unknown as number[])[0] = 5;
  }, TypeError);
  assert.equal(x.dtype, "f32");
  assert.deepEqual(x.shape, [2, 3]);
});
