/**
 * Where one training step of the MNIST demo's 784-128-64-10 MLP (ReLU,
 * softmax cross-entropy, Adam, batch 64) spends its time: inside the kernels
 * or outside them (ops, tape, broadcasting, gradient sums, tree walks), per
 * phase and per kernel kind.
 *
 * Two passes over the same steps: a plain one gives the time per step and per
 * phase; a second one runs on a timing proxy of the active backend that adds
 * up the time spent in each kernel call (its own cost per call, measured on a
 * no-op, is taken off).
 *
 * Phases: `data` (the epoch's shuffle and batch gather, amortised per step),
 * `forward` (the loss under the tape), `backward` (the pullback), `optimiser`
 * (Adam's fused `takeStep`; with `--separate`, its `update`) and `apply`
 * (with `--separate`, `applyUpdates`). The optimiser's own kernel is not a
 * backend kernel: its in-kernel time is that of the fused Adam pass alone on
 * leaves of the model's sizes (copies into the module included), measured
 * apart.
 *
 * Each pass runs many short rounds and keeps, per phase and per kernel, the
 * fastest (other processes on a shared machine only ever add time).
 *
 * Run: `deno run bench/step_profile.ts [--reference] [--separate] [--steps N] [--rounds R]`
 *
 * @module
 */
import { foldIn, key } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";
import { vjp } from "../core/autodiff.ts";
import { Tensor } from "../core/tensor.ts";
import { kernels, setBackend } from "../core/kernels/active.ts";
import { reference } from "../core/kernels/reference.ts";
import type { Tally } from "./_kernel_timer.ts";
import { kernelTimer } from "./_kernel_timer.ts";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import { mlp } from "../nets/mlp.ts";
import { adam } from "../nets/optim/adam.ts";
import { applyUpdates } from "../nets/optim/optimizer.ts";
import { takeStep } from "../nets/optim/take_step.ts";
import { adamKernel } from "../nets/optim/_adam_kernel.ts";
import { treeLeaves } from "../core/tree.ts";
import { makeDataset } from "../nets/data/dataset.ts";
import type { Dataset } from "../nets/data/dataset.ts";
import { batches } from "../nets/data/batches.ts";

const PHASES = ["data", "forward", "backward", "optimiser", "apply"] as const;
type Phase = typeof PHASES[number];

const args = Deno.args;
const option = (name: string, fallback: number): number =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const steps = option("--steps", 50);
const rounds = option("--rounds", 20);
const warmup = 100;
if (args.includes("--reference")) setBackend(reference);
const separate = args.includes("--separate");

const batchSize = 64;
const rows = 64 * 100;
const data = makeDataset(
  randomNormal(key(1), [rows, 784]) as Tensor<[number, 784]>,
  Array.from({ length: rows }, (_, i) => (i * 7) % 10),
  { classes: 10 },
);
const model = mlp([784, 128, 64, 10]);
type Params = ReturnType<typeof model.init>;
const loss = (params: Params, batch: Dataset): Tensor<[], "f32"> =>
  softmaxCrossEntropy(model.apply(params, batch.images), batch.onehot);

/** Milliseconds per step, by phase, summed over the timed steps. */
type PhaseTimes = Record<Phase, number>;

function zeroPhases(): PhaseTimes {
  return { data: 0, forward: 0, backward: 0, optimiser: 0, apply: 0 };
}

const active = kernels();
const timer = kernelTimer(active);
/** Attributes kernel calls to `phase` while `timing` (outside warm-up). */
let timing = false;
const enter = (phase: Phase) => timer.phase(timing ? phase : null);

/** Runs `warmup + count` steps like `fit` does; returns the phase times of the last `count`. */
function run(count: number, warmup: number): PhaseTimes {
  const times = zeroPhases();
  const optimizer = adam({ learningRate: 1e-3 });
  let params = model.init(key(0));
  let state = optimizer.init(params);
  let epoch = 0;
  let epochBatches: Dataset[] = [];
  let dataMs = 0;
  let next = 0;
  const seed = new Float32Array([1]);
  for (let i = 0; i < warmup + count; i++) {
    timing = i >= warmup;
    if (next === epochBatches.length) {
      enter("data");
      const t = performance.now();
      epochBatches = batches(data, { batchSize, key: foldIn(key(2), ++epoch) });
      dataMs = (performance.now() - t) / epochBatches.length;
      next = 0;
    }
    if (timing) times.data += dataMs;
    const batch = epochBatches[next++];
    enter("forward");
    const t0 = performance.now();
    const [value, pullback] = vjp((p: Params) => loss(p, batch), params);
    enter("backward");
    const t1 = performance.now();
    const grads = pullback(new Tensor<[], "f32">([], value.dtype, seed));
    enter("optimiser");
    const t2 = performance.now();
    let t3 = t2;
    if (separate) {
      const step = optimizer.update(grads, state, params);
      enter("apply");
      t3 = performance.now();
      params = applyUpdates(params, step.updates);
      state = step.state;
    } else {
      ({ params, state } = takeStep(optimizer, { grads, state, params }));
      t3 = performance.now();
    }
    const t4 = performance.now();
    if (timing) {
      times.forward += t1 - t0;
      times.backward += t2 - t1;
      times.optimiser += t3 - t2;
      times.apply += t4 - t3;
    }
  }
  return times;
}

const sumPhases = (times: PhaseTimes): number => PHASES.reduce((sum, p) => sum + times[p], 0);

interface Best {
  times: PhaseTimes;
  tallies: Map<string, Tally>;
}

/** Keeps, per phase and per kernel label, the least time seen. */
function keepBest(into: Best, times: PhaseTimes, first: boolean): void {
  for (const p of PHASES) into.times[p] = first ? times[p] : Math.min(into.times[p], times[p]);
  for (const [k, v] of timer.tallies) {
    const previous = into.tallies.get(k);
    if (previous === undefined || v.ms < previous.ms) into.tallies.set(k, { ...v });
  }
  timer.tallies.clear();
}

// Plain and proxied rounds alternate, so both see the same background load.
const plainBest: Best = { times: zeroPhases(), tallies: new Map() };
const proxiedBest: Best = { times: zeroPhases(), tallies: new Map() };
for (let round = 0; round < rounds; round++) {
  keepBest(plainBest, run(steps, round === 0 ? warmup : 5), round === 0);
  setBackend(timer.backend);
  keepBest(proxiedBest, run(steps, round === 0 ? warmup : 5), round === 0);
  setBackend(active);
}

/**
 * The fused Adam pass alone over leaves of the model's sizes, µs per step
 * (best of 50 chained steps: each step's moments and params are the next
 * one's, as in training, so they stay in the module's memory).
 */
function adamAlone(): number {
  const sizes = treeLeaves(model.init(key(0))).map(({ leaf }) => leaf.size);
  const c = { beta1: 0.9, beta2: 0.999, stepScale: -1e-3, vScale: 1.5, epsilon: 1e-8 };
  const states = sizes.map((n) => [0, 1, 2].map(() => new Float32Array(n).fill(0.5)));
  let fastest = Infinity;
  for (let round = 0; round < 50; round++) {
    let ms = 0;
    for (const state of states) {
      const n = state[0].length;
      const g = new Float32Array(n).fill(0.25);
      const t = performance.now();
      const outs = [0, 1, 2].map(() => new Float32Array(n));
      const [m, v, p] = state;
      adamKernel(g, m, v, outs[0], outs[1], outs[2], c, separate ? {} : { params: p });
      ms += performance.now() - t;
      state[0] = outs[1];
      state[1] = outs[2];
      if (!separate) state[2] = outs[0];
    }
    fastest = Math.min(fastest, ms);
  }
  return fastest;
}
const inKernels = proxiedBest.tallies;
const adamMs = adamAlone() * steps;
inKernels.set("optimiser|*", { calls: 0, ms: adamMs });
inKernels.set("optimiser|adam (fused pass, measured apart)", { calls: 0, ms: adamMs });
const plain = plainBest.times;
const proxied = proxiedBest.times;

const fmt = (ms: number) => (ms / steps * 1000).toFixed(1);
const total = sumPhases(plain);
const proxiedTotal = sumPhases(proxied);
const kernelTotal = PHASES.reduce((sum, p) => sum + (inKernels.get(`${p}|*`)?.ms ?? 0), 0);
const lines = [
  `backend ${active.name}, per phase the best of ${rounds} rounds of ${steps} steps, ` +
  `batch ${batchSize}; ` +
  `proxy cost ${(timer.perCallCost * 1e6).toFixed(0)} ns/call taken off`,
  "",
  `step: ${(total / steps).toFixed(3)} ms, ${(batchSize / (total / steps) * 1000).toFixed(0)} ` +
  `samples/s; outside kernels ${(100 * (1 - kernelTotal / proxiedTotal)).toFixed(1)} % ` +
  `(proxied step ${(proxiedTotal / steps).toFixed(3)} ms)`,
  "",
  "| phase | µs/step | in kernels (proxied) µs | outside µs | outside % | kernel calls |",
  "| --- | ---: | ---: | ---: | ---: | ---: |",
];
for (const p of PHASES) {
  const k = inKernels.get(`${p}|*`) ?? { calls: 0, ms: 0 };
  const outside = proxied[p] - k.ms;
  lines.push(
    `| ${p} | ${fmt(plain[p])} | ${fmt(k.ms)} | ${fmt(outside)} | ${
      proxied[p] > 0 ? (100 * outside / proxied[p]).toFixed(0) : "0"
    } | ${(k.calls / steps).toFixed(0)} |`,
  );
}
lines.push(
  `| all | ${fmt(total)} | ${fmt(kernelTotal)} | ${fmt(proxiedTotal - kernelTotal)} | ${
    (100 * (1 - kernelTotal / proxiedTotal)).toFixed(1)
  } | |`,
);
lines.push("", "| phase | kernel | calls/step | µs/step |", "| --- | --- | ---: | ---: |");
const byKernel = [...inKernels.entries()].filter(([k]) => !k.endsWith("|*"));
byKernel.sort((a, b) => b[1].ms - a[1].ms);
for (const [k, { calls, ms }] of byKernel) {
  const [p, label] = k.split("|");
  lines.push(`| ${p} | ${label} | ${(calls / steps).toFixed(0)} | ${fmt(ms)} |`);
}
console.log(lines.join("\n"));
