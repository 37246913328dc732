/**
 * The direct GEMM driver, which `gemm` uses for most products: runs the
 * direct kernels (see `_gemm_direct_module.ts`) over one product whose
 * operands sit in the scratch memory, in chunks of depth. A is read where it
 * lies, through its strides, unless its depth stride is long; B too when its
 * rows are contiguous and near each other; otherwise they are packed first.
 * C gets its own row pitch (no padding to the tile when `n` is a multiple
 * of 4).
 *
 * @module
 */
import type { DirectExports, KernelModule } from "./_kernel_module.ts";
import type { DirectKernelName } from "./_gemm_direct_module.ts";
import { DIRECT_TILES, directKernelName } from "./_gemm_direct_module.ts";
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

/**
 * Depth steps per pass over C: a strip of B (12 floats wide) of 512 steps
 * is 24 KiB, which stays in L1 while every tile of A's rows passes it.
 */
const DEPTH_CHUNK = 512;

type DirectKernel = DirectExports[DirectKernelName];

/** Each module's variants at `rows · 8 + vectors`, looked up once (not by name per call). */
const tables = new WeakMap<object, DirectKernel[]>();

function variants({ exports }: KernelModule): DirectKernel[] {
  let table = tables.get(exports);
  if (table === undefined) {
    table = [];
    for (const [rows, vectors] of DIRECT_TILES) {
      table[rows * 8 + vectors] = exports[directKernelName(rows, vectors)];
    }
    tables.set(exports, table);
  }
  return table;
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

/**
 * Whether A is packed for a direct product: read in place, a tile's rows
 * step through A `aInner` floats at a time, and from 64 floats (256 bytes)
 * on every step is a new cache line per row; at a stride of 1024 floats
 * (1024³ with A transposed) the rows alias in the cache and the product ran
 * at 28 GFLOP/s instead of 50. With one strip of B (`n` ≤ `nr`), A is read
 * once either way.
 */
export function packsA(module: KernelModule, n: number, aInner: number): boolean {
  return aInner >= 64 && n > module.tiling.nr;
}

/**
 * Bytes of the packing area a direct `m × k × n` product may use: B packed
 * into strips, then A, plus 16 bytes the last vector of B's last row may
 * read past its end when `n` is not a multiple of 4 (what it reads there
 * only reaches C's padding columns).
 */
export function directPackBytes(module: KernelModule, m: number, k: number, n: number): number {
  const { mr, nr } = module.tiling;
  return (roundUp(n, nr) + roundUp(m, mr)) * k * 4 + 16;
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
  const { m, k, n, aRow, aInner, bInner, bCol, c, pitch, pack } = problem;
  const kernels = variants(module);
  // Bᵀ's rows are B's columns: packed, strips of nr columns, depth-major.
  const bPacked = packsB(n, bCol);
  if (bPacked) module.exports.pack_b(problem.b, 4 * bCol, 4 * bInner, n, k, k, pack);
  // A packed: strips of mr rows, depth-major, after B's strips.
  const aPacked = packsA(module, n, aInner);
  const aPack = pack + roundUp(n, nr) * k * 4;
  if (aPacked) module.exports.pack_a(problem.a, 4 * aRow, 4 * aInner, m, k, k, aPack);
  // The tile: 3 × 12, or 2 × 16 for widths of whole 16s (not 12s) read in place.
  const wide = !aPacked && !bPacked && n % 16 === 0 && n % 12 !== 0;
  const [tileRows, vectors] = wide ? [2, 4] : [mr, nr / 4];
  const width = vectors * 4;
  const b = bPacked ? pack : problem.b;
  const bStrip = bPacked ? k * nr * 4 : width * 4;
  const bRow = bPacked ? nr * 4 : bInner * 4;
  const a = aPacked ? aPack : problem.a;
  const [aTile, aRowBytes, aInnerBytes] = aPacked
    ? [k * mr * 4, 4, mr * 4]
    : [tileRows * aRow * 4, aRow * 4, aInner * 4];
  const rowTiles = Math.floor(m / tileRows);
  const strips = Math.floor(n / width);
  const restRows = m - rowTiles * tileRows;
  const restVectors = Math.ceil((n - strips * width) / 4);
  // Depth in chunks (a 12-column strip of B stays in L1), each added onto C.
  for (let pc = 0; pc < k; pc += DEPTH_CHUNK) {
    const depth = Math.min(DEPTH_CHUNK, k - pc);
    const aAt = a + pc * aInnerBytes;
    const bAt = b + pc * bRow;
    // Full tiles, then the last rows, each over full strips and then the last columns.
    for (let part = 0; part < 4; part++) {
      const lastRows = part >= 2;
      const lastColumns = part % 2 === 1;
      const rows = lastRows ? restRows : tileRows;
      const across = lastColumns ? restVectors : vectors;
      const mTiles = lastRows ? 1 : rowTiles;
      const nTiles = lastColumns ? 1 : strips;
      if (rows === 0 || across === 0 || mTiles === 0 || nTiles === 0) continue;
      const tile = lastRows ? rowTiles : 0;
      const strip = lastColumns ? strips : 0;
      kernels[rows * 8 + across](
        aAt + tile * aTile,
        aTile,
        aRowBytes,
        aInnerBytes,
        bAt + strip * bStrip,
        bStrip,
        bRow,
        c + tile * tileRows * pitch + strip * width * 4,
        pitch,
        mTiles,
        nTiles,
        depth,
        pc > 0 ? 1 : 0,
      );
    }
  }
}
