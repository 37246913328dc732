/**
 * f32 matmul on the wasm backend against the reference: square sizes under
 * every transpose combination, and the GEMMs of one training step of the
 * 784-128-64-10 MLP at batch 64 (per layer: `Y = X·Wᵀ`, `dX = G·W`,
 * `dW = Gᵀ·X`). Times a whole `Backend.matmul` call, copies in and out
 * included: the best of five timed blocks after a warm-up (on a shared
 * machine the best block is the one least disturbed). The wasm backend runs
 * on one thread, then on its default thread count (when above 1).
 *
 * Run: `deno run bench/matmul_bench.ts` (add `--quick` to skip 1024).
 *
 * @module
 */
import type { Backend } from "../core/kernels/backend.ts";
import { reference } from "../core/kernels/reference.ts";
import { wasm } from "../core/kernels/wasm/backend.ts";
import { wasmFeatures } from "../core/kernels/wasm/_features.ts";
import { threadPool } from "../core/kernels/wasm/_thread_pool.ts";
import { kernelModule } from "../core/kernels/wasm/_kernel_module.ts";

/** The single-core WASM SIMD128 ceiling measured on the development machine (GFLOP/s). */
const CEILING = 53;

interface Case {
  readonly label: string;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly transA: boolean;
  readonly transB: boolean;
}

/** Milliseconds of one `matmul` call on `backend` (best block), spending about `budgetMs`. */
function time(backend: Backend, c: Case, budgetMs: number): number {
  const a = Float32Array.from({ length: c.m * c.k }, (_, i) => Math.sin(i));
  const b = Float32Array.from({ length: c.k * c.n }, (_, i) => Math.cos(i));
  const out = new Float32Array(c.m * c.n);
  const aShape = c.transA ? [c.k, c.m] : [c.m, c.k];
  const bShape = c.transB ? [c.n, c.k] : [c.k, c.n];
  const options = { transA: c.transA, transB: c.transB };
  const run = () => backend.matmul(a, aShape, b, bShape, [], out, options);
  let started = performance.now();
  run();
  const once = Math.max(performance.now() - started, 1e-3);
  const reps = Math.max(1, Math.min(2000, Math.floor(budgetMs / 5 / once)));
  for (let i = 0; i < reps; i++) run();
  const samples: number[] = [];
  for (let trial = 0; trial < 5; trial++) {
    started = performance.now();
    for (let i = 0; i < reps; i++) run();
    samples.push((performance.now() - started) / reps);
  }
  return Math.min(...samples);
}

const quick = Deno.args.includes("--quick");
const cases: Case[] = [];
for (const size of quick ? [128, 256, 512] : [128, 256, 512, 1024]) {
  for (const [transA, transB] of [[false, false], [false, true], [true, false], [true, true]]) {
    cases.push({ label: `${size}³`, m: size, k: size, n: size, transA, transB });
  }
}
for (const [inputs, outputs] of [[784, 128], [128, 64], [64, 10]]) {
  const layer = `${inputs}→${outputs}`;
  const batch = 64;
  cases.push({
    label: `${layer} Y=X·Wᵀ`,
    m: batch,
    k: inputs,
    n: outputs,
    transA: false,
    transB: true,
  });
  cases.push({
    label: `${layer} dX=G·W`,
    m: batch,
    k: outputs,
    n: inputs,
    transA: false,
    transB: false,
  });
  cases.push({
    label: `${layer} dW=Gᵀ·X`,
    m: outputs,
    k: batch,
    n: inputs,
    transA: true,
    transB: false,
  });
}

// Let V8 tier the kernels up (Liftoff first, then TurboFan) before anything is timed.
for (const [transA, transB] of [[false, false], [false, true], [true, false], [true, true]]) {
  time(wasm, { label: "", m: 256, k: 256, n: 256, transA, transB }, 100);
}

const { relaxedMadd } = wasmFeatures();
const threads = wasm.threads;
// Start the GEMM workers now, so that no timed call runs before they are ready.
if (threads > 1) threadPool.start(kernelModule({ shared: true }));
console.log(`wasm SIMD128, ${relaxedMadd ? "f32x4.relaxed_madd (FMA)" : "f32x4.mul + f32x4.add"}`);
const many = threads > 1 ? ` ${threads} threads ms | GFLOP/s | ×1 thread |` : "";
console.log(`| shape | m×k×n | op | wasm ms | GFLOP/s | % of 53 |${many} reference ms | speedup |`);
console.log(`| --- | --- | --- | ---: | ---: | ---: |${" ---: |".repeat(threads > 1 ? 5 : 2)}`);
for (const c of cases) {
  const flops = 2 * c.m * c.k * c.n;
  wasm.setThreads(1);
  const fast = time(wasm, c, 300);
  wasm.setThreads(threads);
  const threaded = threads > 1 ? time(wasm, c, 300) : fast;
  const slow = time(reference, c, flops > 1e9 ? 1 : 200);
  const gflops = flops / fast / 1e6;
  const op = `${c.transA ? "Aᵀ" : "A"}·${c.transB ? "Bᵀ" : "B"}`;
  const columns = threads > 1
    ? ` ${threaded.toFixed(3)} | ${(flops / threaded / 1e6).toFixed(1)} | ${
      (fast / threaded).toFixed(2)
    }× |`
    : "";
  console.log(
    `| ${c.label} | ${c.m}×${c.k}×${c.n} | ${op} | ${fast.toFixed(3)} | ${gflops.toFixed(1)} | ` +
      `${(100 * gflops / CEILING).toFixed(0)}% |${columns} ${slow.toFixed(2)} | ${
        (slow / Math.min(fast, threaded)).toFixed(1)
      }× |`,
  );
}
