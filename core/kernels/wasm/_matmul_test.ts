import assert from "node:assert/strict";
import { wasmMatmul } from "./_matmul.ts";
import { referenceMatmul } from "../_reference_matmul.ts";

Deno.test("wasmMatmul: f64 and tiny f32 products are the reference's, bit for bit", () => {
  const cases: [number, number, number][] = [[3, 4, 5], [1, 1, 1], [7, 8, 9]];
  for (const [m, k, n] of cases) {
    for (const double of [false, true]) {
      const make = (size: number, seed: number) => {
        const x = double ? new Float64Array(size) : new Float32Array(size);
        for (let i = 0; i < size; i++) x[i] = Math.sin(seed + i * 1.7);
        return x;
      };
      const a = make(m * k, 1);
      const b = make(k * n, 2);
      const want = make(m * n, 0).fill(0);
      const got = make(m * n, 0).fill(NaN);
      referenceMatmul(a, [m, k], b, [n, k], [], want, { transB: true });
      wasmMatmul(a, [m, k], b, [n, k], [], got, { transB: true });
      assert.deepEqual([...got], [...want], `${m}×${k}×${n}, f${double ? 64 : 32}`);
    }
  }
});

Deno.test("wasmMatmul: a large f32 product agrees with the reference", () => {
  const [m, k, n] = [33, 200, 35];
  const a = Float32Array.from({ length: m * k }, (_, i) => Math.sin(i));
  const b = Float32Array.from({ length: k * n }, (_, i) => Math.cos(i));
  const want = new Float32Array(m * n);
  const got = new Float32Array(m * n);
  referenceMatmul(a, [m, k], b, [k, n], [], want);
  wasmMatmul(a, [m, k], b, [k, n], [], got);
  // Both are within (k + 2)·u·Σ|a||b| ≤ 202·2⁻²⁴·200 of the exact product (see
  // _gemm_batched_test.ts), so within twice that of each other. (With fused
  // multiply-adds they even agree to the bit: the same products are added
  // in the same order, each rounded once.)
  const bound = 2 * 202 * 2 ** -24 * 200;
  assert.ok(got.every((value, i) => Math.abs(value - want[i]) < bound));
});
