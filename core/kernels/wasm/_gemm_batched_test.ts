/**
 * The wasm GEMM against an f64 oracle on random shapes: 0- and 1-sized
 * dims, sizes that are not multiples of the 3×12 tile or of 4, depths past
 * one 256-deep block, rows past one 120-row block, every transpose
 * combination, broadcast batch dims.
 *
 * Tolerance: each entry is a dot product of length k summed in f32 (with or
 * without fused multiply-adds, in any order), so its error is at most
 * γ_k·Σ_p |a_ip|·|b_pj| with γ_k = k·u/(1 − k·u), u = 2⁻²⁴, plus u·|c| for
 * the final rounding. We allow (k + 2)·u·Σ|a||b|, computed exactly enough
 * in f64 from the same f32 inputs.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { gemmBatched } from "./_gemm_batched.ts";
import { matmulLayout } from "../_matmul_layout.ts";
import { referenceMatmul } from "../_reference_matmul.ts";
import { sizeOf } from "../../shape.ts";

const U = 2 ** -24;

interface Case {
  readonly aShape: number[];
  readonly bShape: number[];
  readonly outLead: number[];
  readonly transA: boolean;
  readonly transB: boolean;
  readonly seed: number;
}

/** Deterministic values in [−1, 1) from a seed (a small LCG; fast-check picks the seed). */
function values(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let state = seed >>> 0;
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
}

/**
 * Checks `gemmBatched` against the f64 oracle with the γ_k bound; the
 * oracle reads the operands with `oracleFlags` (the case's own by default).
 */
function check(
  { aShape, bShape, outLead, transA, transB, seed }: Case,
  oracleFlags: { transA: boolean; transB: boolean } = { transA, transB },
): void {
  const a = values(sizeOf(aShape), seed);
  const b = values(sizeOf(bShape), seed + 1);
  const layout = matmulLayout(aShape, bShape, outLead, { transA, transB });
  const { m, k, n } = layout;
  const outSize = sizeOf(outLead) * m * n;
  const got = new Float32Array(outSize).fill(NaN);
  assert.ok(gemmBatched(a, b, got, layout));
  const exact = new Float64Array(outSize);
  const scale = new Float64Array(outSize);
  const options = oracleFlags;
  referenceMatmul(
    Float64Array.from(a),
    aShape,
    Float64Array.from(b),
    bShape,
    outLead,
    exact,
    options,
  );
  const absA = Float64Array.from(a, Math.abs);
  const absB = Float64Array.from(b, Math.abs);
  referenceMatmul(absA, aShape, absB, bShape, outLead, scale, options);
  for (let i = 0; i < outSize; i++) {
    const bound = (k + 2) * U * scale[i] + Number.MIN_VALUE;
    const error = Math.abs(got[i] - exact[i]);
    assert.ok(error <= bound, `entry ${i}: got ${got[i]}, want ${exact[i]} (bound ${bound})`);
  }
}

/** Stored shapes for logical `[lead, m, k]·[lead, k, n]` under the flags. */
function caseOf(
  [aLead, bLead, outLead]: number[][],
  [m, k, n]: number[],
  transA: boolean,
  transB: boolean,
  seed: number,
): Case {
  return {
    aShape: [...aLead, ...(transA ? [k, m] : [m, k])],
    bShape: [...bLead, ...(transB ? [n, k] : [k, n])],
    outLead,
    transA,
    transB,
    seed,
  };
}

/** Leading dims that broadcast: each operand keeps a dim or has 1 there, or lacks the axis. */
const leads = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(3)), { maxLength: 2 })
  .chain((axes) =>
    fc.nat(axes.length).map((dropped) => {
      const out = axes.map(([dim]) => dim);
      const aLead = axes.map(([dim, mode]) => (mode === 1 ? 1 : dim));
      const bLead = axes.map(([dim, mode]) => (mode === 2 ? 1 : dim)).slice(dropped);
      return [aLead, bLead, out];
    })
  );

const dim = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 6, max: 40 }));

Deno.test("wasm GEMM: small random shapes, every transpose combination, batch dims", () => {
  fc.assert(
    fc.property(
      leads,
      fc.tuple(dim, dim, dim),
      fc.boolean(),
      fc.boolean(),
      fc.nat(),
      (l, s, ta, tb, seed) => {
        check(caseOf(l, s, ta, tb, seed));
      },
    ),
    { seed: 6, numRuns: 300 },
  );
});

Deno.test("wasm GEMM: direct and blocked, B read in place and packed, past one cache block", () => {
  const big = fc.oneof(
    // Direct (depth ≤ 1024), with rows of B read in place (n ≤ 256) or packed.
    fc.tuple(
      fc.integer({ min: 100, max: 300 }),
      fc.integer({ min: 200, max: 600 }),
      fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 250, max: 270 })),
    ),
    // Blocked: deeper than 1024, so several depth blocks of 256.
    fc.tuple(
      fc.integer({ min: 100, max: 200 }),
      fc.integer({ min: 1025, max: 1300 }),
      fc.integer({ min: 1, max: 40 }),
    ),
  );
  fc.assert(
    fc.property(big, fc.boolean(), fc.boolean(), fc.nat(), (s, ta, tb, seed) => {
      check(caseOf([[], [], []], s, ta, tb, seed));
    }),
    { seed: 6, numRuns: 16 },
  );
});

Deno.test("wasm GEMM: n past one 4092-column block, and the MLP's shapes", () => {
  check(caseOf([[], [], []], [2, 9, 4100], false, true, 1));
  for (const [transA, transB] of [[false, false], [false, true], [true, false], [true, true]]) {
    for (
      const shape of [[64, 784, 128], [128, 64, 784], [64, 128, 64], [64, 64, 10], [64, 10, 64]]
    ) {
      check(caseOf([[], [], []], shape, transA, transB, shape[0] + shape[1]));
    }
  }
});

Deno.test("wasm GEMM: the check rejects a product read with other flags", () => {
  // Square, so the shapes agree: only the values can tell the flags apart.
  const square = caseOf([[], [], []], [5, 5, 5], true, false, 3);
  check(square);
  assert.throws(() => check(square, { transA: false, transB: false }), /entry/);
  assert.throws(() => check(square, { transA: true, transB: true }), /entry/);
});
