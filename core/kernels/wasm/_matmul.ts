/**
 * The wasm backend's `matmul`: f32 products of some size go to the wasm
 * GEMM; f64 and tiny products stay on the reference loops.
 *
 * @module
 */
import type { Buffer, MatmulOptions } from "../backend.ts";
import { matmulLayout } from "../_matmul_layout.ts";
import { referenceMatmul } from "../_reference_matmul.ts";
import { gemmBatched } from "./_gemm_batched.ts";

/**
 * Below this many multiply-adds per batch the plain loops win: copies and
 * calls cost about half a microsecond; 8×8×8 takes about 0.8 µs either way,
 * 16×16×16 takes 1.5 µs in wasm and 5 µs in the reference.
 */
const SMALL = 512;

/**
 * `Backend.matmul` in wasm for f32 (see `gemmBatched`); f64 and products of
 * under {@link SMALL} multiply-adds per batch go to the reference.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wasmMatmul } from "./_matmul.ts";
 * const a = new Float32Array(64 * 64).fill(1);
 * const out = new Float32Array(64 * 64);
 * wasmMatmul(a, [64, 64], a, [64, 64], [], out, { transB: true });
 * assert.equal(out[0], 64);
 * ```
 */
export function wasmMatmul(
  a: Buffer,
  aShape: readonly number[],
  b: Buffer,
  bShape: readonly number[],
  outLead: readonly number[],
  out: Buffer,
  options: MatmulOptions = {},
): void {
  if (a instanceof Float32Array && b instanceof Float32Array && out instanceof Float32Array) {
    const layout = matmulLayout(aShape, bShape, outLead, options);
    if (layout.m * layout.k * layout.n >= SMALL && gemmBatched(a, b, out, layout)) return;
  }
  referenceMatmul(a, aShape, b, bShape, outLead, out, options);
}
