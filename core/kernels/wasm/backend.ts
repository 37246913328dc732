/**
 * The WebAssembly SIMD128 backend: f32 kernels generated from TypeScript at
 * load time (no binaries), run in one scratch memory. What it does not
 * accelerate (f64, concat, `log` and `pow`) it hands to the reference.
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
import { threadPool } from "./_thread_pool.ts";

/** The wasm backend: a {@link Backend} whose large f32 GEMMs can run on several threads. */
export interface WasmBackend extends Backend {
  /**
   * Threads a large GEMM may use, this one included: `min(2, cores)` unless
   * set, or `SHAPEFLOW_THREADS` read with `--allow-env=SHAPEFLOW_THREADS`.
   */
  readonly threads: number;
  /** Sets {@link WasmBackend.threads} (an integer ≥ 1; 1 turns threading off). */
  setThreads(count: number): void;
}

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
 * const threads = wasm.threads; // min(2, cores) by default
 * wasm.setThreads(1);
 * assert.equal(wasm.threads, 1);
 * wasm.setThreads(threads);
 * ```
 */
export const wasm: WasmBackend = {
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
  get threads(): number {
    return threadPool.threads;
  },
  setThreads(count: number): void {
    threadPool.setThreads(count);
  },
};
