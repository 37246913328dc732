/**
 * TensorFlow.js in the peer benchmark, written the way its docs train:
 * `tf.variable`s, `tf.train.adam(...).minimize` inside `tf.tidy`,
 * `tf.losses.softmaxCrossEntropy`; dense weights stored `[nIn, nOut]`
 * (converted from shapeflow's `[nOut, nIn]` once); GEMMs by a transpose
 * with `tf.matMul`'s flags; conv gradients from `tf.valueAndGrads`. Every
 * intermediate is disposed (the tests of `tf.memory()` in the suite catch
 * leaks). Both backends compute synchronously; `sync` reads the last result.
 *
 * @module
 */
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
import { getThreadsCount, tf, useBackend, version_wasm } from "./_tfjs.ts";
import { batchTensors, denseVariables, tfTrainer } from "./_tfjs_train.ts";
import { lenetTrainer } from "./tfjs_lenet.ts";

function mlpTrainer(setup: TrainSetup<MlpInit>): Trainer {
  const layers = setup.params.map(denseVariables);
  const batches = setup.batches.map((b) => batchTensors(b, [b.rows, 784]));
  const evalBatch = batchTensors(setup.evalBatch, [setup.evalBatch.rows, 784]);
  const loss = ({ x, y }: { x: tf.Tensor; y: tf.Tensor }) => {
    let h = x as tf.Tensor2D;
    layers.forEach((layer, l) => {
      h = tf.add(tf.matMul(h, layer.w), layer.b);
      if (l < layers.length - 1) h = tf.relu(h);
    });
    return tf.losses.softmaxCrossEntropy(y, h) as tf.Scalar;
  };
  return tfTrainer(layers.flatMap((l) => [l.w, l.b]), loss, batches, evalBatch, setup.adam);
}

function gemmRunner(spec: GemmSpec, aData: Float32Array, bData: Float32Array): GemmRunner {
  const a = tf.tensor2d(aData, spec.transA ? [spec.k, spec.m] : [spec.m, spec.k]);
  const b = tf.tensor2d(bData, spec.transB ? [spec.n, spec.k] : [spec.k, spec.n]);
  let last: tf.Tensor | undefined;
  return {
    run() {
      last?.dispose();
      last = tf.matMul(a, b, spec.transA, spec.transB);
    },
    sync: async () => void (await last?.data()),
    product: async () => (await last!.data()) as Float32Array,
    dispose: () => tf.dispose([a, b, last!]),
  };
}

function convRunner(spec: ConvSpec, data: ConvData): ConvRunner {
  const out = convOutSize(spec);
  const x = tf.tensor4d(data.x, [spec.batch, spec.size, spec.size, spec.cIn]);
  const w = tf.tensor4d(data.w, [spec.f, spec.f, spec.cIn, spec.cOut]);
  const g = tf.tensor4d(data.g, [spec.batch, out, out, spec.cOut]);
  const forward = tf.valueAndGrads((a: tf.Tensor, b: tf.Tensor) =>
    tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, spec.padding)
  );
  let last: tf.Tensor[] = [];
  return {
    run() {
      tf.dispose(last);
      const { value, grads } = forward([x, w], g);
      last = [value, ...grads];
    },
    sync: async () => void (await last[2]?.data()),
    sums: () =>
      Promise.resolve(last.map((t) => tf.sum(t).dataSync()[0]) as [number, number, number]),
    dispose: () => tf.dispose([x, w, g, ...last]),
  };
}

/**
 * TensorFlow.js on its `cpu` (plain JS) or `wasm` (XNNPACK, SIMD, one
 * thread under Deno) backend. Call once per process.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { GEMMS } from "./_protocol.ts";
 * import { gemmOperands } from "./_data.ts";
 * import { createTfjsPeer } from "./tfjs.ts";
 * const peer = await createTfjsPeer("cpu");
 * const [a, b] = gemmOperands(GEMMS[7], 7);
 * const runner = peer.gemm(GEMMS[7], a, b);
 * runner.run();
 * assert.equal((await runner.product()).length, 10 * 64);
 * runner.dispose();
 * ```
 */
export async function createTfjsPeer(backend: "cpu" | "wasm"): Promise<Peer> {
  await useBackend(backend);
  const wasm = backend === "wasm";
  return {
    id: `tfjs-${backend}`,
    library: `TensorFlow.js ${tf.version.tfjs}`,
    backend: wasm ? `wasm ${version_wasm} (XNNPACK, SIMD)` : "cpu (plain JS)",
    threads: wasm ? getThreadsCount() : 1,
    mlp: mlpTrainer,
    gemm: gemmRunner,
    conv: convRunner,
    lenet: lenetTrainer,
    liveTensors: () => tf.memory().numTensors,
  };
}
