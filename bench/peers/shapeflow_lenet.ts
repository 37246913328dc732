/**
 * LeNet-5 in shapeflow, written with ops (conv 5×5×6 same, relu, max-pool 2;
 * conv 5×5×16 valid, relu, max-pool 2; flatten 400) and the library's dense
 * layers (120, 84, 10: `x·wᵀ` without a transposed copy), softmax
 * cross-entropy, trained with `valueAndGrad` and `adam`.
 * The shapes are checked at compile time down to the 400 features.
 *
 * @module
 */
import { valueAndGrad } from "../../core/autodiff.ts";
import { Tensor } from "../../core/tensor.ts";
import { add } from "../../ops/add.ts";
import { conv2d } from "../../ops/conv2d.ts";
import { flatten } from "../../ops/flatten.ts";
import { maxPool2d } from "../../ops/max_pool2d.ts";
import { relu } from "../../ops/relu.ts";
import { softmaxCrossEntropy } from "../../ops/softmax_cross_entropy.ts";
import { adam } from "../../nets/optim/adam.ts";
import { takeStep } from "../../nets/optim/take_step.ts";
import { dense } from "../../nets/dense.ts";
import type { DenseParams } from "../../nets/dense.ts";
import type { Batch, DenseInit, LenetInit, Trainer, TrainSetup } from "./_protocol.ts";

type Dense<I extends number, O extends number> = DenseParams<I, O>;

interface Conv<CI extends number, CO extends number> {
  w: Tensor<[5, 5, CI, CO]>;
  b: Tensor<[CO]>;
}

interface LenetParams {
  conv1: Conv<1, 6>;
  conv2: Conv<6, 16>;
  dense1: Dense<400, 120>;
  dense2: Dense<120, 84>;
  dense3: Dense<84, 10>;
}

type Images = Tensor<[number, 28, 28, 1]>;
type Labels = Tensor<[number, 10]>;

function copy<S extends number[]>(shape: S, data: Float32Array): Tensor<S> {
  return new Tensor<S>(shape, "f32", data.slice());
}

function denseOf<I extends number, O extends number>(
  layer: DenseInit,
  nIn: I,
  nOut: O,
): Dense<I, O> {
  return { w: copy<[O, I]>([nOut, nIn], layer.w), b: copy<[O]>([nOut], layer.b) };
}

function paramsOf(init: LenetInit): LenetParams {
  return {
    conv1: { w: copy([5, 5, 1, 6], init.conv1.w), b: copy([6], init.conv1.b) },
    conv2: { w: copy([5, 5, 6, 16], init.conv2.w), b: copy([16], init.conv2.b) },
    dense1: denseOf(init.dense[0], 400, 120),
    dense2: denseOf(init.dense[1], 120, 84),
    dense3: denseOf(init.dense[2], 84, 10),
  };
}

const dense1 = dense(400, 120);
const dense2 = dense(120, 84);
const dense3 = dense(84, 10);

/** The logits of LeNet-5 for a batch of 28×28×1 images. */
function lenet(p: LenetParams, x: Images): Labels {
  const c1 = maxPool2d(relu(add(conv2d(x, p.conv1.w, { padding: "same" }), p.conv1.b)), {
    size: 2,
  });
  const c2 = maxPool2d(relu(add(conv2d(c1, p.conv2.w), p.conv2.b)), { size: 2 });
  const features: Tensor<[number, 400]> = flatten(c2);
  const h1 = relu(dense1.apply(p.dense1, features));
  const h2 = relu(dense2.apply(p.dense2, h1));
  return dense3.apply(p.dense3, h2);
}

function loss(p: LenetParams, x: Images, y: Labels): Tensor<[]> {
  return softmaxCrossEntropy(lenet(p, x), y);
}

function batchOf(batch: Batch): { x: Images; y: Labels } {
  return {
    x: copy<[number, 28, 28, 1]>([batch.rows, 28, 28, 1], batch.x),
    y: copy<[number, 10]>([batch.rows, 10], batch.y),
  };
}

/**
 * A LeNet-5 trainer on shapeflow's active backend: each `run` is one Adam
 * step on the next batch.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ADAM } from "./_protocol.ts";
 * import { lenetInit } from "./_data.ts";
 * import { lenetTrainer } from "./shapeflow_lenet.ts";
 * const zeros = { rows: 2, x: new Float32Array(2 * 784), y: new Float32Array([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]) };
 * const trainer = lenetTrainer({ batches: [zeros], evalBatch: zeros, params: lenetInit(), adam: ADAM });
 * const before = await trainer.evalLoss();
 * for (let i = 0; i < 5; i++) trainer.run();
 * assert((await trainer.evalLoss()) < before);
 * ```
 */
export function lenetTrainer(setup: TrainSetup<LenetInit>): Trainer {
  let params = paramsOf(setup.params);
  const batches = setup.batches.map(batchOf);
  const evalBatch = batchOf(setup.evalBatch);
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
    sync: () => Promise.resolve(),
    evalLoss: () => Promise.resolve(loss(params, evalBatch.x, evalBatch.y).data[0]),
    dispose() {},
  };
}
