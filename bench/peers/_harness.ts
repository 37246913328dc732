/**
 * Timing and checking, the same for every library: warm-up runs excluded,
 * then runs in chunks, each chunk waited for (`sync`), until the time budget
 * is spent; and a spot check of a GEMM product against float64 dot products.
 *
 * @module
 */
import type { GemmSpec, Runner, WorkloadId } from "./_protocol.ts";

/** How long to time a runner. */
export interface Budget {
  /**
   * Runs before the clock starts (JIT compilation, caches, buffer pools); at
   * least one, and no more once warming up has taken `minSeconds`.
   */
  readonly warmup: number;
  /** Keep timing until at least this many seconds have passed… */
  readonly minSeconds: number;
  /** …and at least this many runs were timed. */
  readonly minRuns: number;
}

/** The measured time of a runner. */
export interface Timing {
  /** Runs timed. */
  readonly runs: number;
  /** Seconds they took, syncs included. */
  readonly seconds: number;
  /** Milliseconds per run. */
  readonly msPerRun: number;
  /** Warm-up runs before the clock started. */
  readonly warmup: number;
}

/**
 * The budget per workload: full runs give each training line ≥ 2 s, `quick`
 * runs a fraction of a second per line.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { budgetFor } from "./_harness.ts";
 * assert(budgetFor("mlp", false).minSeconds >= 2);
 * assert(budgetFor("mlp", true).minSeconds < 1);
 * ```
 */
export function budgetFor(workload: WorkloadId, quick: boolean): Budget {
  const full: Record<WorkloadId, Budget> = {
    mlp: { warmup: 10, minSeconds: 2, minRuns: 5 },
    gemm: { warmup: 2, minSeconds: 0.4, minRuns: 3 },
    conv: { warmup: 2, minSeconds: 0.8, minRuns: 2 },
    lenet: { warmup: 3, minSeconds: 2, minRuns: 2 },
  };
  const fast: Record<WorkloadId, Budget> = {
    mlp: { warmup: 3, minSeconds: 0.3, minRuns: 2 },
    gemm: { warmup: 1, minSeconds: 0.05, minRuns: 1 },
    conv: { warmup: 1, minSeconds: 0.1, minRuns: 1 },
    lenet: { warmup: 1, minSeconds: 0.3, minRuns: 1 },
  };
  return (quick ? fast : full)[workload];
}

/**
 * Times `runner` within `budget`: warm-up runs (each waited for; fewer when
 * they are slow), then chunks of runs, each followed by a sync, sized from
 * the time per run seen so far so that the last chunk ends near the budget.
 * The timing says how many warm-up runs there were.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { measure } from "./_harness.ts";
 * let count = 0;
 * const runner = { run: () => void count++, sync: () => Promise.resolve(), dispose: () => {} };
 * const timing = await measure(runner, { warmup: 2, minSeconds: 0, minRuns: 5 });
 * assert.equal(timing.runs, 5);
 * assert.equal(timing.warmup, 1); // with no time to spend, one warm-up run
 * assert.equal(count, 6);
 * ```
 */
export async function measure(runner: Runner, budget: Budget): Promise<Timing> {
  const target = budget.minSeconds * 1000;
  const warmStart = performance.now();
  let warmup = 0;
  while (
    warmup < Math.max(1, budget.warmup) && (warmup === 0 || performance.now() - warmStart < target)
  ) {
    runner.run();
    await runner.sync();
    warmup++;
  }
  const start = performance.now();
  let runs = 0;
  let elapsed = 0;
  let chunk = 1;
  while (elapsed < target || runs < budget.minRuns) {
    for (let i = 0; i < chunk; i++) runner.run();
    await runner.sync();
    runs += chunk;
    elapsed = performance.now() - start;
    const perRun = elapsed / runs;
    const wanted = Math.max(budget.minRuns - runs, Math.ceil((target - elapsed) / perRun));
    chunk = Math.max(1, Math.min(wanted, 2 * runs));
  }
  return { runs, seconds: elapsed / 1000, msPerRun: elapsed / runs, warmup };
}

/**
 * The largest error of 64 sampled entries (all, when fewer) of a product `[m, n]` against
 * float64 dot products of the stored operands, each relative to the sum of
 * its terms' magnitudes (so float32 rounding reads as about 1e-7 to 1e-6;
 * NaN or a wrong size gives `Infinity`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gemmError } from "./_harness.ts";
 * const spec = { name: "t", m: 2, k: 2, n: 2, transA: false, transB: true };
 * const a = new Float32Array([1, 2, 3, 4]);
 * const b = new Float32Array([1, 0, 0, 1]);
 * assert.equal(gemmError(spec, a, b, new Float32Array([1, 2, 3, 4])), 0);
 * assert(gemmError(spec, a, b, new Float32Array([1, 2, 3, 5])) > 0.1);
 * ```
 */
export function gemmError(
  spec: GemmSpec,
  a: Float32Array,
  b: Float32Array,
  product: Float32Array,
): number {
  const { m, k, n, transA, transB } = spec;
  if (product.length !== m * n) return Infinity;
  let worst = 0;
  const size = m * n;
  // A prime step visits distinct entries, all of them when there are at most 64.
  for (let sample = 0; sample < Math.min(64, size); sample++) {
    const flat = (sample * 7919 + 1) % size;
    const i = Math.floor(flat / n);
    const j = flat % n;
    let exact = 0;
    let scale = 0;
    for (let p = 0; p < k; p++) {
      const term = (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
      exact += term;
      scale += Math.abs(term);
    }
    const error = Math.abs(product[i * n + j] - exact) / Math.max(scale, 1e-30);
    if (Number.isNaN(error)) return Infinity;
    worst = Math.max(worst, error);
  }
  return worst;
}
