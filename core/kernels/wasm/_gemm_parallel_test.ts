/**
 * The threaded GEMM against the single-thread one, bit for bit: the bands
 * change who computes an entry, never the order of its sum. Random shapes
 * (not multiples of the 3×12 tile, past one 120-row, 256-deep or wider
 * block), every transpose, two and three threads, and memory that grows
 * between calls (the workers must see the new pages).
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { gemm, gemmSizes } from "./_gemm.ts";
import type { GemmProblem } from "./_gemm.ts";
import { gemmParallel } from "./_gemm_parallel.ts";
import { kernelModule } from "./_kernel_module.ts";
import { ThreadPool, threadPool } from "./_thread_pool.ts";
import { wasm } from "./backend.ts";

/** A pool that threads every product, and counts the products it ran. */
class CountingPool extends ThreadPool {
  runs = 0;
  override run(commands: readonly number[], own: () => void): void {
    if (commands.length > 0) this.runs++;
    super.run(commands, own);
  }
}

function align(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}

interface Case {
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly transA: boolean;
  readonly transB: boolean;
  /** Where the operands start, in bytes. */
  readonly base: number;
}

/** Lays out a case at `base` with values from `seed`; returns the problem and C's float range. */
function layOut(
  c: Case,
  seed: number,
  module = kernelModule({ shared: true }),
): { problem: GemmProblem; cFloats: [number, number] } {
  const { m, k, n, transA, transB, base } = c;
  const sizes = gemmSizes(module, m, k, n);
  const a = base;
  const b = align(a + 4 * m * k);
  const cAt = align(b + 4 * k * n);
  const pack = align(cAt + sizes.rows * sizes.pitch);
  const view = module.scratch.reserve(pack + sizes.packBytes);
  for (let i = 0; i < m * k + k * n; i++) {
    view[i < m * k ? a / 4 + i : b / 4 + i - m * k] = Math.sin(seed + 1.3 * i);
  }
  const [aRow, aInner] = transA ? [1, m] : [k, 1];
  const [bInner, bCol] = transB ? [1, k] : [n, 1];
  const problem = { m, k, n, a, aRow, aInner, b, bInner, bCol, c: cAt, pitch: sizes.pitch, pack };
  return { problem, cFloats: [cAt / 4, (cAt + sizes.rows * sizes.pitch) / 4] };
}

/**
 * C's `m × n` entries from `run`, read through a fresh view (C starts as
 * NaN). Its padding is left out: kernels may leave it or fill it with
 * values nobody reads.
 */
function product(
  { problem: { m, n, c, pitch }, cFloats }: { problem: GemmProblem; cFloats: [number, number] },
  run: () => void,
  scratch = kernelModule({ shared: true }).scratch,
): Float32Array {
  scratch.reserve(0).fill(NaN, ...cFloats);
  run();
  const view = scratch.reserve(0);
  const entries = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    entries.set(view.subarray((c + i * pitch) / 4, (c + i * pitch) / 4 + n), i * n);
  }
  return entries;
}

function same(got: Float32Array, want: Float32Array): boolean {
  const [x, y] = [new Uint32Array(got.buffer), new Uint32Array(want.buffer)];
  return x.length === y.length && x.every((bits, i) => bits === y[i]);
}

/** Whether `gemmParallel` on `pool` gives `gemm`'s entries, bit for bit, for case `c`. */
function agrees(
  c: Case,
  seed: number,
  pool: ThreadPool,
  module = kernelModule({ shared: true }),
): boolean {
  const laid = layOut(c, seed, module);
  const want = product(laid, () => gemm(module, laid.problem), module.scratch);
  const got = product(laid, () => gemmParallel(module, laid.problem, pool), module.scratch);
  return same(got, want);
}

const shapes = fc.record({
  m: fc.integer({ min: 1, max: 300 }),
  // Direct depths, and a few past 1024, where the blocked kernels run.
  k: fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 600 }), weight: 4 },
    { arbitrary: fc.integer({ min: 1025, max: 1100 }), weight: 1 },
  ),
  n: fc.integer({ min: 1, max: 300 }),
  transA: fc.boolean(),
  transB: fc.boolean(),
  base: fc.constant(0),
});

for (const threads of [2, 3]) {
  Deno.test(`gemmParallel on ${threads} threads equals gemm bit for bit`, () => {
    const module = kernelModule({ shared: true });
    const pool = new CountingPool({ threads, minWork: 0 });
    assert.equal(pool.start(module), threads - 1);
    try {
      fc.assert(
        fc.property(shapes, fc.integer(), (c, seed) => {
          assert.ok(agrees(c, seed, pool), `${c.m}×${c.k}×${c.n} ${c.transA} ${c.transB}`);
        }),
        { seed: 6, numRuns: 40 },
      );
      // Every product with two tiles or more in some direction was split.
      assert.ok(pool.runs >= 30, `expected ≥ 30 threaded products, got ${pool.runs}`);
    } finally {
      pool.close();
    }
  });
}

Deno.test("gemmParallel: workers see memory that grew after they started", () => {
  const module = kernelModule({ shared: true });
  const pool = new CountingPool({ threads: 2, minWork: 0 });
  assert.equal(pool.start(module), 1);
  try {
    for (let step = 0; step < 3; step++) {
      // Operands beyond the current end: the layout, the bands' packing and
      // the command lists all land on new pages.
      const before = module.scratch.memory.buffer.byteLength;
      const c = { m: 100, k: 300, n: 90, transA: step === 1, transB: step === 2, base: before };
      const { problem, cFloats } = layOut(c, step);
      assert.ok(module.scratch.memory.buffer.byteLength > before);
      const want = product({ problem, cFloats }, () => gemm(module, problem));
      const got = product({ problem, cFloats }, () => gemmParallel(module, problem, pool));
      assert.ok(same(got, want), `step ${step}`);
    }
    assert.equal(pool.runs, 3);
  } finally {
    pool.close();
  }
});

Deno.test("gemmParallel: operands in an unshared memory go to the shared one and back", () => {
  const module = kernelModule();
  const pool = new CountingPool({ threads: 2, minWork: 0 });
  assert.equal(pool.start(kernelModule({ shared: true })), 1);
  try {
    for (const [transA, transB] of [[false, false], [true, true]]) {
      // Operands away from byte 0, so that copying them to the shared memory moves them.
      const c = { m: 150, k: 300, n: 150, transA, transB, base: 4096 };
      assert.ok(agrees(c, 3, pool, module), `transA ${transA}, transB ${transB}`);
    }
    assert.equal(pool.runs, 2);
    // Few multiply-adds per float copied (14 here, as in a convolution's
    // im2col product): copying to the shared memory would cost more than a
    // second thread saves, so it stays on this one.
    const thin = { m: 1000, k: 144, n: 16, transA: false, transB: false, base: 4096 };
    assert.ok(agrees(thin, 5, pool, module));
    assert.equal(pool.runs, 2);
  } finally {
    pool.close();
  }
});

Deno.test("gemmParallel: one thread where the pool has no workers", () => {
  const pool = new CountingPool({
    threads: 2,
    minWork: 0,
    spawn: () => {
      throw new Error("no workers here");
    },
  });
  for (const module of [kernelModule({ shared: true }), kernelModule()]) {
    const c = { m: 50, k: 70, n: 40, transA: false, transB: true, base: 0 };
    assert.ok(agrees(c, 9, pool, module));
  }
  assert.equal(pool.runs, 0);
  assert.equal(pool.threadsFor(1e12), 1);
});

Deno.test("wasm.matmul: the same products on one thread and on two, bit for bit", () => {
  const threads = wasm.threads;
  wasm.setThreads(2);
  assert.equal(threadPool.start(kernelModule({ shared: true })), 1);
  try {
    // Above the pool's threshold (2²³ multiply-adds), with batches, every transpose.
    for (const [transA, transB] of [[false, false], [true, false], [false, true], [true, true]]) {
      const [m, k, n] = [203, 310, 150];
      const a = Float32Array.from({ length: 2 * m * k }, (_, i) => Math.sin(i));
      const b = Float32Array.from({ length: 2 * k * n }, (_, i) => Math.cos(i));
      const aShape = transA ? [2, k, m] : [2, m, k];
      const bShape = transB ? [2, n, k] : [2, k, n];
      const outs = [1, 2].map((count) => {
        wasm.setThreads(count);
        const out = new Float32Array(2 * m * n).fill(NaN);
        wasm.matmul(a, aShape, b, bShape, [2], out, { transA, transB });
        return out;
      });
      assert.ok(same(outs[1], outs[0]), `transA ${transA}, transB ${transB}`);
      assert.ok(outs[0].every(Number.isFinite));
    }
  } finally {
    wasm.setThreads(threads);
  }
});
