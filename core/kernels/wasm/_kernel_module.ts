/**
 * The wasm backend's module: generated from TypeScript, compiled and
 * instantiated once, on first use, against the scratch memory.
 *
 * @module
 */
import { ModuleBuilder } from "./_module_builder.ts";
import type { GemmTiling } from "./_gemm_module.ts";
import { addGemm } from "./_gemm_module.ts";
import { addGemmDirect } from "./_gemm_direct_module.ts";
import type { DirectKernelName } from "./_gemm_direct_module.ts";
import { addElementwise } from "./_elementwise_module.ts";
import { addReduce } from "./_reduce_module.ts";
import { wasmFeatures } from "./_features.ts";
import { ScratchMemory } from "./_scratch_memory.ts";
import type { MemoryLimits } from "./_scratch_memory.ts";

/** The exported functions (byte addresses and counts are i32). */
export interface KernelExports {
  /** See `addPack`: packs A into strips of `mr` rows. */
  pack_a(
    src: number,
    rowStride: number,
    colStride: number,
    rows: number,
    depth: number,
    paddedDepth: number,
    dst: number,
  ): void;
  /** See `addPack`: packs Bᵀ into strips of `nr` columns. */
  pack_b(
    src: number,
    rowStride: number,
    colStride: number,
    rows: number,
    depth: number,
    paddedDepth: number,
    dst: number,
  ): void;
  /** See `addKernel`: every tile of a packed block. */
  gemm_kernel(
    a: number,
    b: number,
    c: number,
    mTiles: number,
    nTiles: number,
    depth: number,
    pitch: number,
    accumulate: number,
  ): void;
}

/**
 * The direct GEMM kernels `gemm_direct_<rows>x<vectors>` (see
 * `_gemm_direct_module.ts`): tiles of 1–3 rows by 4, 8 or 12 columns, and
 * of 1–2 rows by 16.
 */
export type DirectExports = Record<
  DirectKernelName,
  (
    a: number,
    aTile: number,
    aRow: number,
    aInner: number,
    b: number,
    bStrip: number,
    bRow: number,
    c: number,
    pitch: number,
    mTiles: number,
    nTiles: number,
    depth: number,
    accumulate: number,
  ) => void
>;

/** The sums (see `_reduce_module.ts`). */
export interface ReduceExports {
  sum_rows(src: number, count: number, length: number, dst: number): void;
  sum_columns(src: number, outer: number, rows: number, width: number, dst: number): void;
}

/** The elementwise loops: `unary_<kind>(src, dst, end)`, `binary_<kind>(a, b, dst, end)`. */
export type ElementwiseExports = Record<
  `unary_${string}` | `binary_${string}`,
  (...addresses: number[]) => void
>;

/** The instantiated kernels, their memory and the tiling they were built with. */
export interface KernelModule {
  readonly exports: KernelExports & DirectExports & ReduceExports & ElementwiseExports;
  readonly scratch: ScratchMemory;
  readonly tiling: GemmTiling;
  /** The module's size in bytes. */
  readonly size: number;
  /** The compiled module, for workers to instantiate over the same (shared) memory. */
  readonly compiled: WebAssembly.Module;
}

/**
 * The register tile: 3 rows × 12 columns (9 f32x4 accumulators, 3 for B, 1
 * splat: 13 of the 16 xmm registers V8 can use), the fastest of the tiles
 * measured (4×8, 6×8, 2×16, 4×12, 8×8: 4×12 and 8×8 spill).
 */
const TILING = { mr: 3, nr: 12, unroll: 4 } as const;

/** Options of {@link kernelModule}. */
export interface KernelModuleOptions {
  /**
   * The instance over a shared scratch memory (needs `SharedArrayBuffer`),
   * where workers can run kernels too; default `false`: the instance over an
   * unshared memory, which JS copies into and out of faster.
   */
  readonly shared?: boolean;
}

/**
 * The kernels, built on the first call and instantiated once per kind of
 * memory (unshared, shared).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kernelModule } from "./_kernel_module.ts";
 * const { exports, tiling } = kernelModule();
 * assert.equal(typeof exports.gemm_kernel, "function");
 * assert.equal(tiling.nr % 4, 0);
 * assert.ok(kernelModule({ shared: true }).scratch.limits.shared);
 * ```
 */
export function kernelModule(options: KernelModuleOptions = {}): KernelModule {
  const shared = options.shared ?? false;
  const found = cached.get(shared);
  if (found) return found;
  const tiling: GemmTiling = { ...TILING, fma: wasmFeatures().relaxedMadd };
  builder ??= build(tiling);
  const scratch = new ScratchMemory({ shared });
  const bytes = builder.bytes(scratch.limits);
  const compiled = new WebAssembly.Module(bytes);
  const instance = new WebAssembly.Instance(compiled, { env: { memory: scratch.memory } });
  const module: KernelModule = {
    exports: instance.exports as unknown as
      & KernelExports
      & DirectExports
      & ReduceExports
      & ElementwiseExports,
    scratch,
    tiling,
    size: bytes.length,
    compiled,
  };
  cached.set(shared, module);
  return module;
}

/**
 * The kernel module's bytes, for an FMA choice and memory limits: what
 * `kernelModule` compiles, built from source alone (the provenance check
 * hashes it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kernelModuleBytes } from "./_kernel_module.ts";
 * assert(WebAssembly.validate(kernelModuleBytes({ fma: false })));
 * ```
 */
export function kernelModuleBytes(
  options: { readonly fma: boolean; readonly limits?: MemoryLimits },
): Uint8Array<ArrayBuffer> {
  return build({ ...TILING, fma: options.fma }).bytes(options.limits);
}

function build(tiling: GemmTiling): ModuleBuilder {
  const builder = new ModuleBuilder();
  addGemm(builder, tiling);
  addGemmDirect(builder, tiling.fma);
  addElementwise(builder, tiling.fma);
  addReduce(builder);
  return builder;
}

let builder: ModuleBuilder | undefined;
const cached = new Map<boolean, KernelModule>();
