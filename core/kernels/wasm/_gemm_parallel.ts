/**
 * The blocked GEMM on several threads: C is cut into bands of whole tiles
 * (rows of A or columns of B, whichever packs less twice), the main thread
 * runs the first band and each ready worker of the pool one other, each
 * with its own packing area. Every entry of C is still one dot product
 * summed in order over the whole depth, with the same depth blocks, so the
 * result is the single-thread result bit for bit.
 *
 * @module
 */
import type { KernelModule } from "./_kernel_module.ts";
import { kernelModule } from "./_kernel_module.ts";
import type { GemmProblem } from "./_gemm.ts";
import { gemm, gemmSizes } from "./_gemm.ts";
import type { ThreadPool } from "./_thread_pool.ts";
import { threadPool } from "./_thread_pool.ts";
import { COMMAND_KERNELS, COMMAND_WORDS } from "./_gemm_worker.ts";

/** Byte addresses stay below 2³¹ (wasm addresses are i32; JS passes them signed). */
const ADDRESS_LIMIT = 2 ** 31;
/**
 * Multiply-adds per float copied below which an unshared product stays on
 * one thread: copying its operands to the shared memory and C back costs
 * more than the second core saves. Measured on 2 cores: a convolution's
 * 12544·144·16 im2col product (14 per float) ran 1.6–2× slower on two
 * threads than on one; 3136·288·32 (28) gained 20 % forward and lost 20 %
 * in its filter gradient.
 */
const TRANSFER_INTENSITY = 32;
/** The cost of packing one float, in multiply-adds (a rough measure). */
const PACK_COST = 16;

/** A band of C: rows `row…row + rows`, columns `column…column + columns`. */
interface Band {
  readonly row: number;
  readonly rows: number;
  readonly column: number;
  readonly columns: number;
}

/** `size` cut into at most `parts` ranges of whole `unit`s: [start, length] each. */
function cut(size: number, unit: number, parts: number): [number, number][] {
  const units = Math.ceil(size / unit);
  const ranges: [number, number][] = [];
  for (let p = 0; p < parts; p++) {
    const start = Math.floor(p * units / parts) * unit;
    const end = Math.min(size, Math.floor((p + 1) * units / parts) * unit);
    if (end > start) ranges.push([start, end - start]);
  }
  return ranges;
}

/** Bands along rows or columns, whichever has the shorter slowest band (compute and packing). */
function bands(module: KernelModule, m: number, k: number, n: number, parts: number): Band[] {
  const { mr, nr } = module.tiling;
  const byRows = cut(m, mr, parts);
  const byColumns = cut(n, nr, parts);
  const widest = (ranges: [number, number][], unit: number) =>
    Math.max(...ranges.map(([, size]) => Math.ceil(size / unit) * unit));
  const [rows, columns] = [widest(byRows, mr), widest(byColumns, nr)];
  const rowCost = rows * Math.ceil(n / nr) * nr * k + PACK_COST * (k * n + rows * k);
  const columnCost = columns * Math.ceil(m / mr) * mr * k + PACK_COST * (m * k + columns * k);
  return rowCost <= columnCost
    ? byRows.map(([row, rows]) => ({ row, rows, column: 0, columns: n }))
    : byColumns.map(([column, columns]) => ({ row: 0, rows: m, column, columns }));
}

/** The sub-problem of `band`, packing at `pack`. */
function part(problem: GemmProblem, band: Band, pack: number): GemmProblem {
  const { a, aRow, b, bCol, c, pitch } = problem;
  return {
    ...problem,
    m: band.rows,
    n: band.columns,
    a: a + 4 * band.row * aRow,
    b: b + 4 * band.column * bCol,
    c: c + band.row * pitch + 4 * band.column,
    pack,
  };
}

/** The kernel calls `gemm` would make for `problem`, as a command list's words. */
function record(module: KernelModule, problem: GemmProblem): number[] {
  const words = [0];
  const exports = Object.fromEntries(COMMAND_KERNELS.map((name, opcode) => [
    name,
    (...args: number[]) => {
      words.push(opcode, ...args, ...Array(COMMAND_WORDS - 1 - args.length).fill(0));
      words[0]++;
    },
  ]));
  gemm({ ...module, exports } as unknown as KernelModule, problem);
  return words;
}

function align(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}

/**
 * `gemm(module, problem)` on the threads of `pool` when the product is
 * large enough (`pool.threadsFor`) and workers are ready; otherwise on this
 * thread. A module over an unshared memory lends its operands to the
 * shared one for the product (copies in and out).
 * In a shared memory, every region the caller uses must lie below
 * `problem.pack` plus the packing area `gemmSizes` gives: the bands'
 * packing areas and command lists go above it (the memory grows if needed;
 * being shared, it grows in place, so the caller's views stay valid). An
 * unshared memory is neither written outside C nor grown.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gemmParallel } from "./_gemm_parallel.ts";
 * import { kernelModule } from "./_kernel_module.ts";
 * const module = kernelModule({ shared: true });
 * const view = module.scratch.reserve(4096);
 * view.set([1, 2, 3, 4], 0); // A = [[1, 2], [3, 4]]; B = I at byte 64
 * view.set([1, 0, 0, 1], 16);
 * // C at byte 128, 3 rows of 12 floats (whole tiles); packing at byte 512.
 * gemmParallel(module, { m: 2, k: 2, n: 2, a: 0, aRow: 2, aInner: 1, b: 64, bInner: 2, bCol: 1, c: 128, pitch: 48, pack: 512 });
 * assert.deepEqual([...view.subarray(32, 34), ...view.subarray(44, 46)], [1, 2, 3, 4]);
 * ```
 */
export function gemmParallel(
  module: KernelModule,
  problem: GemmProblem,
  pool: ThreadPool = threadPool,
): void {
  const { m, k, n } = problem;
  if (pool.threadsFor(m * k * n) < 2) return gemm(module, problem);
  if (module.scratch.limits.shared) return inPlace(module, problem, pool);
  const shared = kernelModule({ shared: true });
  if (pool.ready(shared) === 0 || !transferred(module, shared, problem, pool)) {
    gemm(module, problem);
  }
}

/** The threaded product in `module`'s own (shared) memory. */
function inPlace(module: KernelModule, problem: GemmProblem, pool: ThreadPool): void {
  const { m, k, n } = problem;
  const workers = pool.ready(module);
  const split = workers > 0 ? bands(module, m, k, n, workers + 1) : [];
  if (split.length < 2) return gemm(module, problem);
  let top = align(problem.pack + gemmSizes(module, m, k, n).packBytes);
  const parts = split.map((band) => {
    const pack = top;
    top = align(top + gemmSizes(module, band.rows, k, band.columns).packBytes);
    return part(problem, band, pack);
  });
  const lists = parts.slice(1).map((sub) => record(module, sub));
  const addresses = lists.map((words) => {
    const at = top;
    top = align(top + 4 * words.length);
    return at;
  });
  if (top >= ADDRESS_LIMIT) return gemm(module, problem);
  const words = new Int32Array(module.scratch.reserve(top).buffer);
  lists.forEach((list, i) => words.set(list, addresses[i] / 4));
  pool.run(addresses, () => gemm(module, parts[0]));
}

/**
 * The threaded product of operands in an unshared memory: A's and B's spans
 * are copied into the shared module's memory, C is copied back (O(m·k +
 * k·n + m·n) against O(m·k·n) work). `false`, doing nothing, when they
 * would not fit under 2 GiB.
 */
function transferred(
  module: KernelModule,
  shared: KernelModule,
  problem: GemmProblem,
  pool: ThreadPool,
): boolean {
  const { m, k, n, a, aRow, aInner, b, bInner, bCol, c, pitch } = problem;
  const aFloats = (m - 1) * aRow + (k - 1) * aInner + 1;
  const bFloats = (k - 1) * bInner + (n - 1) * bCol + 1;
  const cFloats = gemmSizes(module, m, k, n).rows * pitch / 4;
  // Copying over and back must be small next to the work the worker takes.
  if (m * k * n < TRANSFER_INTENSITY * (aFloats + bFloats + cFloats)) return false;
  const bAt = align(4 * aFloats);
  const cAt = align(bAt + 4 * bFloats);
  const pack = align(cAt + 4 * cFloats);
  const total = pack + gemmSizes(shared, m, k, n).packBytes;
  if (total >= ADDRESS_LIMIT) return false;
  const target = shared.scratch.reserve(total);
  const source = module.scratch.reserve(0);
  target.set(source.subarray(a / 4, a / 4 + aFloats), 0);
  target.set(source.subarray(b / 4, b / 4 + bFloats), bAt / 4);
  inPlace(shared, { ...problem, a: 0, b: bAt, c: cAt, pack }, pool);
  const result = shared.scratch.reserve(0).subarray(cAt / 4, cAt / 4 + cFloats);
  module.scratch.reserve(0).set(result, c / 4);
  return true;
}
