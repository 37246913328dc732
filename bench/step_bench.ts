/**
 * Times one training step of the 784-128-64-10 MLP on a batch of 64 (the
 * MNIST demo's): `valueAndGrad` of softmax cross-entropy, an Adam update and
 * `applyUpdates`, on the active kernel backend and on the reference. The
 * wasm backend runs once per thread count from 1 to its default (its large
 * GEMMs split across threads).
 *
 * Run: `deno run bench/step_bench.ts`
 *
 * @module
 */
import { key } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";
import { valueAndGrad } from "../core/autodiff.ts";
import type { Tensor } from "../core/tensor.ts";
import { fromArray } from "../core/create.ts";
import { kernels, setBackend } from "../core/kernels/active.ts";
import { reference } from "../core/kernels/reference.ts";
import type { Backend } from "../core/kernels/backend.ts";
import { wasm } from "../core/kernels/wasm/backend.ts";
import { threadPool } from "../core/kernels/wasm/_thread_pool.ts";
import { kernelModule } from "../core/kernels/wasm/_kernel_module.ts";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import { mlp } from "../nets/mlp.ts";
import { adam } from "../nets/optim/adam.ts";
import { applyUpdates } from "../nets/optim/optimizer.ts";

const batch = 64;
const model = mlp([784, 128, 64, 10]);
type Params = ReturnType<typeof model.init>;
const images = randomNormal(key(1), [batch, 784]) as Tensor<[number, 784]>;
const labels = Array.from({ length: batch * 10 }, (_, i) => (i % 10 === (i / 10 | 0) % 10 ? 1 : 0));
const onehot = fromArray(labels, [batch, 10]) as Tensor<[number, 10]>;
const lossAndGrad = valueAndGrad((params: Params) =>
  softmaxCrossEntropy(model.apply(params, images), onehot)
);

/**
 * Milliseconds per step: after `warmup` untimed steps, the median and the
 * best of five blocks of `steps` steps (the machine is shared; the median
 * is the figure to quote).
 */
function timeSteps(warmup: number, steps: number): { median: number; best: number } {
  const optimizer = adam({ learningRate: 1e-3 });
  let params = model.init(key(0));
  let state = optimizer.init(params);
  const step = () => {
    const [, grads] = lossAndGrad(params);
    const { updates, state: next } = optimizer.update(grads, state, params);
    params = applyUpdates(params, updates);
    state = next;
  };
  for (let i = 0; i < warmup; i++) step();
  const blocks: number[] = [];
  for (let block = 0; block < 5; block++) {
    const started = performance.now();
    for (let i = 0; i < steps; i++) step();
    blocks.push((performance.now() - started) / steps);
  }
  blocks.sort((x, y) => x - y);
  return { median: blocks[2], best: blocks[0] };
}

const fast: Backend = kernels();
const rows: string[] = [
  "| backend | ms/step (median) | ms/step (best) | samples/s (median) |",
  "| --- | ---: | ---: | ---: |",
];
const threads = fast === wasm ? wasm.threads : 1;
// Start the GEMM workers now, so that no timed step runs before they are ready.
if (threads > 1) threadPool.start(kernelModule({ shared: true }));
const runs: [Backend, number][] = [[reference, 1]];
for (let count = 1; fast !== reference && count <= threads; count++) runs.push([fast, count]);
for (const [backend, count] of runs) {
  setBackend(backend);
  if (backend === wasm) wasm.setThreads(count);
  const { median, best } = backend === reference ? timeSteps(3, 8) : timeSteps(50, 60);
  const rate = (batch / median * 1000).toFixed(0);
  const name = backend === wasm ? `wasm, ${count} thread${count > 1 ? "s" : ""}` : backend.name;
  rows.push(`| ${name} | ${median.toFixed(2)} | ${best.toFixed(2)} | ${rate} |`);
}
setBackend(fast);
if (fast === wasm) wasm.setThreads(threads);
console.log(rows.join("\n"));
