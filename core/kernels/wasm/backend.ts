/**
 * The WebAssembly SIMD128 backend: f32 kernels generated from TypeScript at
 * load time (no binaries), run in one scratch memory. What it does not
 * accelerate (f64, movement, convolution, pooling) it hands to the reference.
 *
 * @module
 */
import type { Backend } from "../backend.ts";
import { reference } from "../reference.ts";
import { wasmMatmul } from "./_matmul.ts";
import { fastBroadcastTo, fastTranspose } from "./_movement.ts";
import { wasmReduce } from "./_reduce.ts";
import { wasmBinary, wasmUnary } from "./_elementwise.ts";
import { wasmConv } from "./_conv.ts";
import { wasmConvFilterGrad, wasmConvInputGrad } from "./_conv_grads.ts";
import { fastPool } from "./_pool.ts";
import { fastMaxPoolGather, fastPoolTranspose } from "./_pool_grads.ts";

/**
 * The wasm backend. Select it with `setBackend(wasm)`; it is the default
 * where WebAssembly SIMD is available (see `active.ts`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wasm } from "./backend.ts";
 * const a = new Float32Array([1, 2, 3, 4]);
 * const out = new Float32Array(4);
 * wasm.matmul(a, [2, 2], a, [2, 2], [], out, { transA: true });
 * assert.deepEqual([...out], [10, 14, 14, 20]);
 * ```
 */
export const wasm: Backend = {
  ...reference,
  name: "wasm",
  matmul: wasmMatmul,
  transpose: fastTranspose,
  broadcastTo: fastBroadcastTo,
  reduce: wasmReduce,
  unary: wasmUnary,
  binary: wasmBinary,
  conv: wasmConv,
  convInputGrad: wasmConvInputGrad,
  convFilterGrad: wasmConvFilterGrad,
  pool: fastPool,
  poolTranspose: fastPoolTranspose,
  maxPoolGather: fastMaxPoolGather,
};
