/**
 * Feature detection: whether this engine runs WebAssembly SIMD128, and the
 * relaxed-SIMD fused multiply-add.
 *
 * @module
 */

/** A module with one function `(v128, v128, v128) → v128` whose body is `op`. */
function probe(op: readonly number[]): Uint8Array<ArrayBuffer> {
  const body = [0x00, 0x20, 0, 0x20, 1, 0x20, 2, ...op, 0x0b];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00, // header
    0x01,
    0x08,
    0x01,
    0x60,
    0x03,
    0x7b,
    0x7b,
    0x7b,
    0x01,
    0x7b, // type: (v128 ×3) → v128
    0x03,
    0x02,
    0x01,
    0x00, // one function of type 0
    0x0a,
    body.length + 2,
    0x01,
    body.length,
    ...body, // its code
  ]);
}

/** What the engine's WebAssembly supports. */
export interface WasmFeatures {
  /** Fixed-width SIMD (v128): the wasm backend needs it. */
  readonly simd: boolean;
  /** Relaxed SIMD's `f32x4.relaxed_madd` (a fused multiply-add on FMA hardware). */
  readonly relaxedMadd: boolean;
}

/**
 * Probes the engine once with two tiny modules (`v128.bitselect`, then
 * `f32x4.relaxed_madd`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wasmFeatures } from "./_features.ts";
 * const features = wasmFeatures();
 * assert.ok(!features.relaxedMadd || features.simd);
 * ```
 */
export function wasmFeatures(): WasmFeatures {
  if (cached) return cached;
  const valid = (op: readonly number[]) =>
    typeof WebAssembly === "object" && WebAssembly.validate(probe(op));
  const simd = valid([0xfd, 0x52]);
  cached = { simd, relaxedMadd: simd && valid([0xfd, 0x85, 0x02]) };
  return cached;
}

let cached: WasmFeatures | undefined;
