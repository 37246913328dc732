/**
 * The windowed kernels' module (convolution data movement, pooling): built
 * from TypeScript on first use, in a module of its own instantiated against
 * the GEMM module's scratch memory, so that both work on the same bytes.
 *
 * @module
 */
import { ModuleBuilder } from "./_module_builder.ts";
import type { KernelModule } from "./_kernel_module.ts";
import { kernelModule } from "./_kernel_module.ts";
import type { MemoryLimits } from "./_scratch_memory.ts";
import { addIm2col } from "./_im2col_module.ts";
import { addIm2colTransposed } from "./_im2col_t_module.ts";
import type { PoolKernel } from "./_pool_module.ts";
import { addPool } from "./_pool_module.ts";

/** The exported functions (byte addresses and counts are i32); see the generators. */
export type WindowExports =
  & {
    im2col(src: number, dst: number, rowBytes: number, ...plane: number[]): void;
    im2col_t(src: number, dst: number, rowStride: number, ...plane: number[]): void;
    col2im_t(src: number, rowStride: number, dst: number, ...plane: number[]): void;
    col2im(src: number, rowBytes: number, dst: number, ...plane: number[]): void;
    compact(src: number, pitch: number, dst: number, rowBytes: number, rows: number): void;
    transpose_out(src: number, pitch: number, rows: number, columns: number, dst: number): void;
  }
  & Record<PoolKernel, (...args: number[]) => void>;

/** The windowed kernels and the GEMM module whose memory they share. */
export interface WindowModule {
  readonly exports: WindowExports;
  readonly gemm: KernelModule;
}

/** Options of {@link windowModule}. */
export interface WindowModuleOptions {
  /**
   * The instance over the shared GEMM module's memory, whose products can
   * run on the worker threads without being copied over; default `false`.
   */
  readonly shared?: boolean;
}

/**
 * The module, built and instantiated on the first call for each kind of
 * memory (unshared, shared).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { windowModule } from "./_window_module.ts";
 * const { exports, gemm } = windowModule();
 * // A 1×3 image, one channel, window 1×2, no padding: rows [1, 2] and [2, 3].
 * const view = gemm.scratch.reserve(64);
 * view.set([1, 2, 3]);
 * exports.im2col(0, 16, 8, 1, 3, 1, 1, 2, 1, 2, 1, 0, 0);
 * assert.deepEqual([...view.subarray(4, 8)], [1, 2, 2, 3]);
 * assert.ok(windowModule({ shared: true }).gemm.scratch.limits.shared);
 * ```
 */
export function windowModule(options: WindowModuleOptions = {}): WindowModule {
  const shared = options.shared ?? false;
  const found = cached.get(shared);
  if (found) return found;
  const gemm = kernelModule({ shared });
  const bytes = windowModuleBytes(gemm.scratch.limits);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    env: { memory: gemm.scratch.memory },
  });
  const module = { exports: instance.exports as unknown as WindowExports, gemm };
  cached.set(shared, module);
  return module;
}

const cached = new Map<boolean, WindowModule>();

/**
 * The window module's bytes (im2col, col2im, pooling) for a memory of
 * `limits` (unshared when absent), built from source alone: what
 * `windowModule` compiles.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { windowModuleBytes } from "./_window_module.ts";
 * assert(WebAssembly.validate(windowModuleBytes()));
 * ```
 */
export function windowModuleBytes(limits?: MemoryLimits): Uint8Array<ArrayBuffer> {
  const builder = new ModuleBuilder();
  addIm2col(builder);
  addIm2colTransposed(builder);
  addPool(builder);
  return builder.bytes(limits);
}
