/**
 * jax-js in the peer benchmark, written as its README teaches: `jit` around
 * the whole training step, `valueAndGrad`, `nn.logSoftmax`; dense weights
 * `[nIn, nOut]` with `x @ W`; a GEMM by a transpose is `matmul` of a
 * transposed view inside `jit`; convolutions in its native NCHW/OIHW layout
 * (`lax.conv`, gradients from `vjp`), the data converted once outside the
 * timing. jax-js runs lazily: `sync` waits with `blockUntilReady`.
 *
 * @module
 */
import { jit, lax, vjp } from "npm:@jax-js/jax@0.1.25";
import type {
  ConvData,
  ConvRunner,
  ConvSpec,
  GemmRunner,
  GemmSpec,
  MlpInit,
  Peer,
  Trainer,
  TrainSetup,
} from "./_protocol.ts";
import { convOutSize } from "./_protocol.ts";
import { blockUntilReady, JAX_VERSION, jaxTrainer, np, startJax, tree } from "./_jax.ts";
import { crossEntropy, denseArrays, denseStack, toChannelsFirst } from "./_jax_model.ts";
import { lenetTrainer } from "./jax_lenet.ts";

function mlpTrainer(setup: TrainSetup<MlpInit>): Trainer {
  const params = setup.params.flatMap(denseArrays);
  const loss = (p: np.Array[], x: np.Array, y: np.Array) => crossEntropy(denseStack(p, x), y);
  return jaxTrainer(loss, params, setup, [784]);
}

/**
 * The outputs of runs not yet waited for. jax-js is lazy: a jit call queues
 * its kernels, and they run when a result is read or waited for; a result
 * disposed before that is never computed. So every run's outputs are kept
 * until `sync` has waited for all of them; the last run's stay for checking.
 */
function pendingResults() {
  let waiting: np.Array[][] = [];
  let last: np.Array[] = [];
  return {
    add(outputs: np.Array[]) {
      waiting.push(outputs);
    },
    async sync() {
      if (waiting.length === 0) return;
      await blockUntilReady(waiting);
      tree.dispose(last);
      last = waiting.pop()!;
      tree.dispose(waiting);
      waiting = [];
    },
    last: () => last,
    dispose() {
      tree.dispose([waiting, last]);
    },
  };
}

function gemmRunner(spec: GemmSpec, aData: Float32Array, bData: Float32Array): GemmRunner {
  const a = np.array(aData.slice()).reshape(spec.transA ? [spec.k, spec.m] : [spec.m, spec.k]);
  const b = np.array(bData.slice()).reshape(spec.transB ? [spec.n, spec.k] : [spec.k, spec.n]);
  const product = jit((x: np.Array, y: np.Array) =>
    np.matmul(spec.transA ? x.transpose() : x, spec.transB ? y.transpose() : y)
  );
  const results = pendingResults();
  return {
    run: () => results.add([product(a.ref, b.ref)]),
    sync: results.sync,
    product: async () => {
      await results.sync();
      return (await results.last()[0].ref.data()) as Float32Array;
    },
    dispose() {
      tree.dispose([a, b]);
      results.dispose();
      product.dispose();
    },
  };
}

function convRunner(spec: ConvSpec, data: ConvData): ConvRunner {
  const out = convOutSize(spec);
  const x = toChannelsFirst(data.x, [spec.batch, spec.size, spec.size, spec.cIn], [0, 3, 1, 2]);
  const w = toChannelsFirst(data.w, [spec.f, spec.f, spec.cIn, spec.cOut], [3, 2, 0, 1]);
  const g = toChannelsFirst(data.g, [spec.batch, out, out, spec.cOut], [0, 3, 1, 2]);
  const padding = spec.padding === "same" ? "SAME" : "VALID";
  const forwardBackward = jit((input: np.Array, filter: np.Array, cotangent: np.Array) => {
    const conv = (a: np.Array, b: np.Array) => lax.conv(a, b, [1, 1], padding);
    const [y, pullback] = vjp(conv, [input, filter]);
    const [dx, dw] = pullback(cotangent);
    pullback.dispose();
    return [y, dx, dw];
  });
  const results = pendingResults();
  return {
    run: () => results.add(forwardBackward(x.ref, w.ref, g.ref)),
    sync: results.sync,
    sums: async () => {
      await results.sync();
      const totals = await Promise.all(results.last().map((t) => t.ref.sum().data()));
      return totals.map((t) => t[0]) as [number, number, number];
    },
    dispose() {
      tree.dispose([x, w, g]);
      results.dispose();
      forwardBackward.dispose();
    },
  };
}

/**
 * jax-js on its wasm device: with its worker pool, or on the main thread
 * alone when the process hid `Worker` before importing jax-js (the id then
 * ends in `-1t`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { GEMMS } from "./_protocol.ts";
 * import { gemmOperands } from "./_data.ts";
 * import { createJaxPeer } from "./jax.ts";
 * const peer = await createJaxPeer();
 * const [a, b] = gemmOperands(GEMMS[7], 7);
 * const runner = peer.gemm(GEMMS[7], a, b);
 * runner.run();
 * assert.equal((await runner.product()).length, 10 * 64);
 * runner.dispose();
 * ```
 */
export async function createJaxPeer(): Promise<Peer> {
  const count = await startJax();
  const workers = typeof Worker !== "undefined";
  return {
    id: workers ? "jax-js" : "jax-js-1t",
    library: `jax-js ${JAX_VERSION}`,
    backend: `wasm (SIMD, jit)${workers ? `, ${count} workers` : ", main thread"}`,
    threads: count,
    mlp: mlpTrainer,
    gemm: gemmRunner,
    conv: convRunner,
    lenet: lenetTrainer,
  };
}
