/**
 * The training plumbing the TensorFlow.js models share: variables from
 * shapeflow's layouts, batches as tensors, and a trainer that runs
 * `optimizer.minimize` inside `tf.tidy`.
 *
 * @module
 */
import type { Batch, DenseInit, Trainer, TrainSetup } from "./_protocol.ts";
import { tf } from "./_tfjs.ts";

/** A dense layer's `[nIn, nOut]` weight and bias as variables. */
export interface TfDense {
  /** `[nIn, nOut]`. */
  readonly w: tf.Variable;
  /** `[nOut]`. */
  readonly b: tf.Variable;
}

/**
 * Variables for a dense layer from shapeflow's `[nOut, nIn]` layout.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { denseVariables } from "./_tfjs_train.ts";
 * const layer = denseVariables({ nOut: 2, nIn: 3, w: new Float32Array([1, 2, 3, 4, 5, 6]), b: new Float32Array(2) });
 * assert.deepEqual(layer.w.shape, [3, 2]);
 * assert.deepEqual(Array.from(layer.w.dataSync()), [1, 4, 2, 5, 3, 6]);
 * ```
 */
export function denseVariables(layer: DenseInit): TfDense {
  return tf.tidy(() => ({
    w: tf.variable(tf.tensor2d(layer.w, [layer.nOut, layer.nIn]).transpose()),
    b: tf.variable(tf.tensor1d(layer.b)),
  }));
}

/**
 * A batch's pixels (with `shape`, such as `[rows, 784]`) and labels as tensors.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { batchTensors } from "./_tfjs_train.ts";
 * const { x, y } = batchTensors({ rows: 1, x: new Float32Array(784), y: new Float32Array(10) }, [1, 784]);
 * assert.deepEqual([x.shape, y.shape], [[1, 784], [1, 10]]);
 * ```
 */
export function batchTensors(batch: Batch, shape: number[]): { x: tf.Tensor; y: tf.Tensor } {
  return { x: tf.tensor(batch.x, shape), y: tf.tensor2d(batch.y, [batch.rows, 10]) };
}

/**
 * A trainer around a loss of the variables: `minimize` on the next batch per
 * `run`, everything inside `tf.tidy`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ADAM } from "./_protocol.ts";
 * import { tf } from "./_tfjs.ts";
 * import { tfTrainer } from "./_tfjs_train.ts";
 * const w = tf.variable(tf.scalar(3));
 * const x = { x: tf.scalar(1), y: tf.scalar(0) };
 * const trainer = tfTrainer([w], (b) => tf.square(tf.sub(tf.mul(w, b.x), b.y)) as tf.Scalar, [x], x, ADAM);
 * trainer.run();
 * assert((await trainer.evalLoss()) < 9);
 * trainer.dispose();
 * ```
 */
export function tfTrainer(
  variables: tf.Variable[],
  loss: (batch: { x: tf.Tensor; y: tf.Tensor }) => tf.Scalar,
  batches: { x: tf.Tensor; y: tf.Tensor }[],
  evalBatch: { x: tf.Tensor; y: tf.Tensor },
  adam: TrainSetup<unknown>["adam"],
): Trainer {
  const optimizer = tf.train.adam(adam.learningRate, adam.beta1, adam.beta2, adam.epsilon);
  let step = 0;
  return {
    run() {
      const batch = batches[step++ % batches.length];
      tf.tidy(() => void optimizer.minimize(() => loss(batch), false, variables));
    },
    sync: async () => void (await variables[0].data()),
    evalLoss: () => Promise.resolve(tf.tidy(() => loss(evalBatch).dataSync()[0])),
    dispose() {
      optimizer.dispose();
      tf.dispose([variables, batches, evalBatch]);
    },
  };
}
