/**
 * The small-product GEMM driver: runs the direct kernels (see
 * `_gemm_direct_module.ts`) over one product whose operands sit in the
 * scratch memory. A is read where it lies, through its strides; B too when
 * its rows are contiguous, else it is packed first; C gets its own row
 * pitch (no padding to the tile when `n` is a multiple of 4).
 *
 * @module
 */
import type { DirectExports, KernelModule } from "./_kernel_module.ts";
import type { DirectKernelName } from "./_gemm_direct_module.ts";
import { directKernelNames } from "./_gemm_direct_module.ts";
import type { GemmProblem } from "./_gemm.ts";

/**
 * Rows of B wider than this many floats are packed into strips even when
 * contiguous: B's rows read in place lie `n` floats apart, and at strides of
 * 2 KiB and more that are multiples of a power of two they map to few cache
 * sets (in place, 128·64·1024 took 2.3× as long as packed). Measured on the
 * development machine at 256 × 256 × n for n from 384 to 1536, packing was
 * 0–20 % faster; at 128 × 64 × 784 (the MLP's weight gradient) even.
 */
const WIDEST_IN_PLACE = 256;

/** Whether B is packed for a direct product: its columns are strided, or its rows are far apart. */
export function packsB(n: number, bCol: number): boolean {
  return bCol !== 1 || n > WIDEST_IN_PLACE;
}

type DirectKernel = DirectExports[DirectKernelName];

/** Each module's variants, rows-major, looked up once (not by name per call). */
const tables = new WeakMap<object, DirectKernel[]>();

function variants({ exports, tiling: { mr, nr } }: KernelModule): DirectKernel[] {
  let table = tables.get(exports);
  if (table === undefined) {
    table = directKernelNames(mr, nr / 4).map((name) => exports[name]);
    tables.set(exports, table);
  }
  return table;
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

/**
 * Bytes of the packing area a direct `k × n` product may use: B packed into
 * strips, plus 16 bytes the last vector of B's last row may read past its
 * end when `n` is not a multiple of 4 (what it reads there only reaches C's
 * padding columns).
 */
export function directPackBytes(module: KernelModule, k: number, n: number): number {
  return roundUp(n, module.tiling.nr) * k * 4 + 16;
}

/**
 * `C = op(A)·op(B)` for `problem` with the direct kernels; `k` ≥ 1. C's row
 * pitch must hold `n` rounded up to a multiple of 4 floats, and
 * `problem.pack` must have room for {@link directPackBytes}. Writes C's
 * `m` rows and nothing past column `n` rounded up to a multiple of 4.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gemmDirect } from "./_gemm_direct.ts";
 * import { kernelModule } from "./_kernel_module.ts";
 * const module = kernelModule();
 * const view = module.scratch.reserve(4096);
 * view.set([1, 2, 3, 4], 0); // A = [[1, 2], [3, 4]]; B = I at byte 64
 * view.set([1, 0, 0, 1], 16);
 * // C at byte 128, rows of 4 floats; packing at byte 512.
 * gemmDirect(module, { m: 2, k: 2, n: 2, a: 0, aRow: 2, aInner: 1, b: 64, bInner: 2, bCol: 1, c: 128, pitch: 16, pack: 512 });
 * assert.deepEqual([...view.subarray(32, 34), ...view.subarray(36, 38)], [1, 2, 3, 4]);
 * ```
 */
export function gemmDirect(module: KernelModule, problem: GemmProblem): void {
  const { mr, nr } = module.tiling;
  const { m, k, n, a, aRow, aInner, bInner, bCol, c, pitch, pack } = problem;
  const vectors = nr / 4;
  const kernels = variants(module);
  const packed = packsB(n, bCol);
  // Bᵀ's rows are B's columns: packed, strips of nr columns, depth-major.
  if (packed) module.exports.pack_b(problem.b, 4 * bCol, 4 * bInner, n, k, k, pack);
  const b = packed ? pack : problem.b;
  const bStrip = packed ? k * nr * 4 : nr * 4;
  const bRow = packed ? nr * 4 : bInner * 4;
  const rowTiles = Math.floor(m / mr);
  const strips = Math.floor(n / nr);
  const restRows = m - rowTiles * mr;
  const restVectors = Math.ceil((n - strips * nr) / 4);
  // Full tiles, then the last rows, each over full strips and then the last columns.
  for (let part = 0; part < 4; part++) {
    const lastRows = part >= 2;
    const lastColumns = part % 2 === 1;
    const rows = lastRows ? restRows : mr;
    const width = lastColumns ? restVectors : vectors;
    const mTiles = lastRows ? 1 : rowTiles;
    const nTiles = lastColumns ? 1 : strips;
    if (rows === 0 || width === 0 || mTiles === 0 || nTiles === 0) continue;
    const row = lastRows ? rowTiles * mr : 0;
    const column = lastColumns ? strips * nr : 0;
    kernels[(rows - 1) * vectors + width - 1](
      a + 4 * row * aRow,
      aRow * 4,
      aInner * 4,
      b + (packed ? strips * bStrip : column * 4) * (lastColumns ? 1 : 0),
      bStrip,
      bRow,
      c + row * pitch + column * 4,
      pitch,
      mTiles,
      nTiles,
      k,
    );
  }
}
