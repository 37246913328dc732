/**
 * shapeflow in the peer benchmark, as a user would write it: the MLP is
 * `nets/mlp.ts` trained with `valueAndGrad`, `adam` and `takeStep` (as `fit` does); a
 * GEMM by a transpose is `matmul(transpose(a), b)`; a conv's gradients come
 * from `vjp`. LeNet-5 lives in `shapeflow_lenet.ts`. Everything is
 * synchronous, so `sync` has nothing to wait for.
 *
 * @module
 */
import { valueAndGrad, vjp } from "../../core/autodiff.ts";
import { kernels, setBackend } from "../../core/kernels/active.ts";
import type { Backend } from "../../core/kernels/backend.ts";
import { reference } from "../../core/kernels/reference.ts";
import { Tensor } from "../../core/tensor.ts";
import { conv2d } from "../../ops/conv2d.ts";
import { matmul } from "../../ops/matmul.ts";
import { softmaxCrossEntropy } from "../../ops/softmax_cross_entropy.ts";
import { transpose } from "../../ops/transpose.ts";
import { mlp } from "../../nets/mlp.ts";
import { adam } from "../../nets/optim/adam.ts";
import { takeStep } from "../../nets/optim/take_step.ts";
import denoJson from "../../deno.json" with { type: "json" };
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
import { lenetTrainer } from "./shapeflow_lenet.ts";

type Matrix = Tensor<[number, number]>;
type Image = Tensor<[number, number, number, number]>;

/** A `Tensor` over a copy of `data`. */
function tensorOf<S extends number[]>(shape: S, data: Float32Array): Tensor<S> {
  return new Tensor<S>(shape, "f32", data.slice());
}

const done = (): Promise<void> => Promise.resolve();

function mlpTrainer(setup: TrainSetup<MlpInit>): Trainer {
  const model = mlp([784, 128, 64, 10]);
  type Params = ReturnType<typeof model.init>;
  let params = setup.params.map((layer) => ({
    w: tensorOf([layer.nOut, layer.nIn], layer.w),
    b: tensorOf([layer.nOut], layer.b),
  })) as unknown as Params;
  const batchOf = (b: { rows: number; x: Float32Array; y: Float32Array }) => ({
    x: tensorOf<[number, 784]>([b.rows, 784], b.x),
    y: tensorOf<[number, 10]>([b.rows, 10], b.y),
  });
  const batches = setup.batches.map(batchOf);
  const evalBatch = batchOf(setup.evalBatch);
  const loss = (p: Params, x: Tensor<[number, 784]>, y: Tensor<[number, 10]>) =>
    softmaxCrossEntropy(model.apply(p, x), y);
  const lossAndGrads = valueAndGrad(loss);
  const optimizer = adam(setup.adam);
  let state = optimizer.init(params);
  let step = 0;
  return {
    run() {
      const { x, y } = batches[step++ % batches.length];
      const [, grads] = lossAndGrads(params, x, y);
      ({ params, state } = takeStep(optimizer, { grads, state, params }));
    },
    sync: done,
    evalLoss: () => Promise.resolve(loss(params, evalBatch.x, evalBatch.y).data[0]),
    dispose() {},
  };
}

function gemmRunner(spec: GemmSpec, aData: Float32Array, bData: Float32Array): GemmRunner {
  const a: Matrix = tensorOf(spec.transA ? [spec.k, spec.m] : [spec.m, spec.k], aData);
  const b: Matrix = tensorOf(spec.transB ? [spec.n, spec.k] : [spec.k, spec.n], bData);
  let last: Matrix | undefined;
  return {
    run() {
      last = matmul(spec.transA ? transpose(a) : a, spec.transB ? transpose(b) : b);
    },
    sync: done,
    product: () => Promise.resolve(last!.data),
    dispose() {},
  };
}

function convRunner(spec: ConvSpec, data: ConvData): ConvRunner {
  const out = convOutSize(spec);
  const x: Image = tensorOf([spec.batch, spec.size, spec.size, spec.cIn], data.x);
  const w: Image = tensorOf([spec.f, spec.f, spec.cIn, spec.cOut], data.w);
  const g: Image = tensorOf([spec.batch, out, out, spec.cOut], data.g);
  let last: [Image, Image, Image] | undefined;
  const total = (t: Image) => t.data.reduce((s, v) => s + v, 0);
  return {
    run() {
      const [y, pullback] = vjp(
        (p: { x: Image; w: Image }) => conv2d(p.x, p.w, { padding: spec.padding }) as Image,
        { x, w },
      );
      const grads = pullback(g);
      last = [y, grads.x, grads.w];
    },
    sync: done,
    sums: () => Promise.resolve(last!.map(total) as [number, number, number]),
    dispose() {},
  };
}

/**
 * shapeflow on its default backend (`"default"`: whatever `kernels()` gives,
 * the fast one once it is registered) or on the plain-TS reference kernels
 * (`"reference"`, via `setBackend`). Call once per process: the backend
 * choice is global.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { GEMMS } from "./_protocol.ts";
 * import { gemmOperands } from "./_data.ts";
 * import { createShapeflowPeer } from "./shapeflow.ts";
 * const peer = createShapeflowPeer("default");
 * const [a, b] = gemmOperands(GEMMS[7], 7);
 * const runner = peer.gemm(GEMMS[7], a, b);
 * runner.run();
 * assert.equal((await runner.product()).length, 10 * 64);
 * ```
 */
export function createShapeflowPeer(backend: "default" | "reference"): Peer {
  if (backend === "reference") setBackend(reference);
  // One thread, unless the backend says otherwise (a `threads` count, should it get workers).
  const active = kernels() as Backend & { readonly threads?: number };
  return {
    id: backend === "reference" ? "shapeflow-reference" : "shapeflow",
    library: `shapeflow ${denoJson.version}`,
    backend: active.name,
    threads: active.threads ?? 1,
    mlp: mlpTrainer,
    gemm: gemmRunner,
    conv: convRunner,
    lenet: lenetTrainer,
  };
}
