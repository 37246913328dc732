/**
 * One GEMM in the scratch memory: `gemm` sends most products to the direct
 * kernels (`_gemm_direct.ts`) and the rest to the blocked driver here, which
 * cuts a product into cache-sized blocks, packs them and runs the
 * micro-kernel over each (the GotoBLAS loop nest). All operands already sit
 * in the scratch memory.
 *
 * @module
 */
import type { KernelModule } from "./_kernel_module.ts";
import { directPackBytes, gemmDirect, packsA } from "./_gemm_direct.ts";

/** Rows of A per packed block (about 120 × 256 floats: 120 KiB, in L2). */
const MC = 120;
/** Depth per packed block (a 12-column B strip of it is 12 KiB, in L1). */
const KC = 256;
/** Columns of B per packed block. */
const NC = 4092;
/**
 * Products up to this depth always run on the direct kernels (`gemmDirect`),
 * which pack nothing of A unless its stride is long and sum each tile in
 * registers over chunks of depth; deeper ones do too, unless A would need
 * packing, where the blocked kernels (packing A a cache block at a time) win.
 * Measured on the development machine against blocked: 5–30 % faster from
 * 64·10·64 up to 1024³ in every transpose combination, 2× where `n` is narrow
 * (a convolution's 16 channels, which blocked pads to 24) and 2.3× on a
 * filter gradient's 6·50176·25; 1.3× slower on 144·12544·16 with A
 * transposed (packed whole, A no longer stays in L2).
 */
const DIRECT_DEPTH = 1024;

/** One product `C = op(A)·op(B)` with every operand at a byte address of the scratch memory. */
export interface GemmProblem {
  readonly m: number;
  readonly k: number;
  readonly n: number;
  /** A's address; element (i, p) of op(A) at `a + 4·(i·aRow + p·aInner)`. */
  readonly a: number;
  readonly aRow: number;
  readonly aInner: number;
  /** B's address; element (p, j) of op(B) at `b + 4·(p·bInner + j·bCol)`. */
  readonly b: number;
  readonly bInner: number;
  readonly bCol: number;
  /** C's address; rows `pitch` bytes apart, room for whole tiles (see {@link gemmSizes}). */
  readonly c: number;
  readonly pitch: number;
  /** Where the packed panels go (`gemmSizes(…).packBytes` bytes). */
  readonly pack: number;
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

/** `total` cut into near-equal blocks of at most `limit`, each a multiple of `multiple`. */
function blockSize(total: number, limit: number, multiple: number): number {
  const blocks = Math.max(1, Math.ceil(total / limit));
  return roundUp(Math.ceil(total / blocks), multiple);
}

/** The padded C (rows, row pitch in bytes) and the packing area a product needs. */
export interface GemmSizes {
  readonly rows: number;
  readonly pitch: number;
  readonly packBytes: number;
}

/** The sizes of C and of the packing area for an `m × k × n` product. */
export function gemmSizes(module: KernelModule, m: number, k: number, n: number): GemmSizes {
  const { mr, nr, unroll } = module.tiling;
  const direct = directPackBytes(module, m, k, n);
  if (k <= DIRECT_DEPTH) {
    return { rows: roundUp(m, mr), pitch: roundUp(n, 4) * 4, packBytes: direct };
  }
  // Direct or blocked, by A's layout (see `gemm`): room for either.
  const packFloats = (blockSize(m, MC, mr) + blockSize(n, NC, nr)) * blockSize(k, KC, unroll);
  return {
    rows: roundUp(m, mr),
    pitch: roundUp(n, nr) * 4,
    packBytes: Math.max(packFloats * 4, direct),
  };
}

/**
 * Runs one product, direct or blocked (see {@link DIRECT_DEPTH}). `k` must be positive
 * (the caller zero-fills C when it is 0); C's padding, if written, receives
 * zeros-times-zeros or values nobody reads.
 */
export function gemm(module: KernelModule, problem: GemmProblem): void {
  const { exports, tiling: { mr, nr, unroll } } = module;
  const { m, k, n, a, aRow, aInner, b, bInner, bCol, c, pitch, pack } = problem;
  if (k <= DIRECT_DEPTH || !packsA(module, n, aInner)) return gemmDirect(module, problem);
  const mcStep = blockSize(m, MC, mr);
  const kcStep = blockSize(k, KC, unroll);
  const ncStep = blockSize(n, NC, nr);
  const aPack = pack;
  const bPack = pack + mcStep * kcStep * 4;
  for (let jc = 0; jc < n; jc += ncStep) {
    const nc = Math.min(ncStep, n - jc);
    for (let pc = 0; pc < k; pc += kcStep) {
      const kc = Math.min(kcStep, k - pc);
      const depth = roundUp(kc, unroll);
      // Bᵀ's rows are B's columns: row stride bCol, depth stride bInner.
      exports.pack_b(b + 4 * (pc * bInner + jc * bCol), 4 * bCol, 4 * bInner, nc, kc, depth, bPack);
      for (let ic = 0; ic < m; ic += mcStep) {
        const mc = Math.min(mcStep, m - ic);
        exports.pack_a(
          a + 4 * (ic * aRow + pc * aInner),
          4 * aRow,
          4 * aInner,
          mc,
          kc,
          depth,
          aPack,
        );
        const cBlock = c + ic * pitch + jc * 4;
        const tiles = [Math.ceil(mc / mr), Math.ceil(nc / nr)];
        exports.gemm_kernel(aPack, bPack, cBlock, tiles[0], tiles[1], depth, pitch, pc > 0 ? 1 : 0);
      }
    }
  }
}
