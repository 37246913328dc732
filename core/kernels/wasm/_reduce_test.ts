/**
 * The wasm sum against an f64 oracle over random shapes and axis subsets.
 * Each output adds n inputs in some order (four lanes, then across them,
 * one reduced run after another), so its error is below (n − 1)·u·Σ|x|
 * (u = 2⁻²⁴) for any summation tree; we allow n·u·Σ|x|.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { wasmReduce } from "./_reduce.ts";
import { reference } from "../reference.ts";
import { sizeOf } from "../../shape.ts";

const U = 2 ** -24;

/** A shape (rank 0–4, dims 0–9: most sizes take the wasm path) and a sorted axis subset. */
const shapeAndAxes = fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 4 }).chain((shape) =>
  fc.subarray([...shape.keys()]).map((axes) => [shape, axes] as const)
);

function check(shape: readonly number[], axes: readonly number[], seed: number): void {
  const size = sizeOf(shape);
  const x = Float32Array.from({ length: size }, (_, i) => Math.sin(seed + i * 1.3) * 10);
  const kept = shape.filter((_, axis) => !axes.includes(axis));
  const outSize = sizeOf(kept);
  const got = new Float32Array(outSize).fill(NaN);
  wasmReduce("sum", x, shape, axes, got);
  const exact = new Float64Array(outSize);
  const scale = new Float64Array(outSize);
  reference.reduce("sum", Float64Array.from(x), shape, axes, exact);
  reference.reduce("sum", Float64Array.from(x, Math.abs), shape, axes, scale);
  const n = size / Math.max(outSize, 1);
  for (let i = 0; i < outSize; i++) {
    const bound = n * U * scale[i];
    assert.ok(
      Math.abs(got[i] - exact[i]) <= bound,
      `shape [${shape}], axes [${axes}], entry ${i}: got ${got[i]}, want ${exact[i]}`,
    );
  }
}

Deno.test("wasm sum over any axes is within n·u·Σ|x| of the exact sum", () => {
  fc.assert(
    fc.property(shapeAndAxes, fc.nat(1000), ([shape, axes], seed) => check(shape, axes, seed)),
    { seed: 6, numRuns: 400 },
  );
});

Deno.test("wasm sum: the MLP's reductions and long rows", () => {
  check([64, 128], [0], 1);
  check([64, 10], [1], 2);
  check([128, 784], [0, 1], 3);
  check([3, 1000, 5], [1], 4);
  check([8, 32, 32, 16], [0, 1, 2], 5);
  check([7, 1, 9, 1], [1, 3], 6);
});

Deno.test("wasm reduce: max and f64 go to the reference", () => {
  const x = Float32Array.from({ length: 100 }, (_, i) => (i * 37) % 101);
  const got = new Float32Array(1);
  wasmReduce("max", x, [100], [0], got);
  assert.equal(got[0], 100);
  const y = Float64Array.from({ length: 100 }, (_, i) => i + 0.1);
  const sum = new Float64Array(1);
  wasmReduce("sum", y, [100], [0], sum);
  const want = new Float64Array(1);
  reference.reduce("sum", y, [100], [0], want);
  assert.equal(sum[0], want[0]);
});
