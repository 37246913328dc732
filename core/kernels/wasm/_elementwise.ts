/**
 * The wasm backend's `unary` and `binary`: f32 arrays of the kinds in
 * `_elementwise_module.ts` are copied into the scratch memory, transformed
 * in place four lanes at a time and copied out; the rest go to the
 * reference.
 *
 * @module
 */
import type { BinaryKind, Buffer, UnaryKind } from "../backend.ts";
import { reference } from "../reference.ts";
import { BINARY_EMITTERS, UNARY_EMITTERS } from "./_elementwise_module.ts";
import { kernelModule } from "./_kernel_module.ts";

/**
 * Below this many elements the reference loop wins (copies and a call cost
 * about 0.1 µs); `exp`, `sigmoid` and `tanh` pay from a handful.
 */
const SMALL = 256;
const SMALL_TRANSCENDENTAL = 16;

/**
 * Elements per pass: each array's chunk is 64 KiB, so a chunk copied in is
 * still in L2 when it is transformed and copied out, and the scratch memory
 * stays small whatever the tensor's size.
 */
const CHUNK = 16384;

function small(kind: string, length: number): boolean {
  const transcendental = kind === "exp" || kind === "sigmoid" || kind === "tanh";
  return length < (transcendental ? SMALL_TRANSCENDENTAL : SMALL);
}

/**
 * `Backend.unary` in wasm where it pays.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wasmUnary } from "./_elementwise.ts";
 * const x = Float32Array.from({ length: 1000 }, (_, i) => i - 500);
 * const out = new Float32Array(1000);
 * wasmUnary("relu", x, out);
 * assert.equal(out[0], 0);
 * assert.equal(out[999], 499);
 * ```
 */
export function wasmUnary(kind: UnaryKind, x: Buffer, out: Buffer): void {
  const n = x.length;
  if (
    !(x instanceof Float32Array && out instanceof Float32Array) || !UNARY_EMITTERS[kind] ||
    small(kind, n)
  ) {
    return reference.unary(kind, x, out);
  }
  const { exports, scratch } = kernelModule();
  const view = scratch.reserve(CHUNK * 4);
  const kernel = exports[`unary_${kind}`];
  for (let start = 0; start < n; start += CHUNK) {
    const count = Math.min(CHUNK, n - start);
    view.set(x.subarray(start, start + count), 0);
    kernel(0, 0, Math.ceil(count / 4) * 16);
    out.set(view.subarray(0, count), start);
  }
}

/**
 * `Backend.binary` in wasm where it pays.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wasmBinary } from "./_elementwise.ts";
 * const a = new Float32Array(1000).fill(2);
 * const out = new Float32Array(1000);
 * wasmBinary("mul", a, a, out);
 * assert.equal(out[999], 4);
 * ```
 */
export function wasmBinary(kind: BinaryKind, a: Buffer, b: Buffer, out: Buffer): void {
  const n = out.length;
  if (
    !(a instanceof Float32Array && b instanceof Float32Array && out instanceof Float32Array) ||
    !BINARY_EMITTERS[kind] || small(kind, n)
  ) {
    return reference.binary(kind, a, b, out);
  }
  const { exports, scratch } = kernelModule();
  const view = scratch.reserve(2 * CHUNK * 4);
  const kernel = exports[`binary_${kind}`];
  for (let start = 0; start < n; start += CHUNK) {
    const count = Math.min(CHUNK, n - start);
    view.set(a.subarray(start, start + count), 0);
    view.set(b.subarray(start, start + count), CHUNK);
    const bytes = Math.ceil(count / 4) * 16;
    kernel(0, CHUNK * 4, 0, bytes);
    out.set(view.subarray(0, count), start);
  }
}
