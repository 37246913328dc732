/**
 * LeNet-5 in TensorFlow.js with ops (no Layers API, so that nothing but the
 * model differs from the other libraries): `tf.conv2d` NHWC/HWIO, `relu`,
 * `maxPool`, reshape to 400 (NHWC order, as shapeflow flattens), dense
 * layers with `[nIn, nOut]` weights.
 *
 * @module
 */
import type { LenetInit, Trainer, TrainSetup } from "./_protocol.ts";
import { tf } from "./_tfjs.ts";
import { batchTensors, denseVariables, tfTrainer } from "./_tfjs_train.ts";

/**
 * A LeNet-5 trainer on the active tfjs backend.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ADAM } from "./_protocol.ts";
 * import { lenetInit } from "./_data.ts";
 * import { useBackend } from "./_tfjs.ts";
 * import { lenetTrainer } from "./tfjs_lenet.ts";
 * await useBackend("cpu");
 * const batch = { rows: 1, x: new Float32Array(784).fill(0.5), y: new Float32Array([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]) };
 * const trainer = lenetTrainer({ batches: [batch], evalBatch: batch, params: lenetInit(), adam: ADAM });
 * const before = await trainer.evalLoss();
 * for (let i = 0; i < 3; i++) trainer.run();
 * assert((await trainer.evalLoss()) < before);
 * trainer.dispose();
 * ```
 */
export function lenetTrainer(setup: TrainSetup<LenetInit>): Trainer {
  const { conv1, conv2, dense } = setup.params;
  const filter = (c: LenetInit["conv1"]) =>
    tf.variable(tf.tensor4d(c.w, [c.f, c.f, c.cIn, c.cOut]));
  const c1 = { w: filter(conv1), b: tf.variable(tf.tensor1d(conv1.b)) };
  const c2 = { w: filter(conv2), b: tf.variable(tf.tensor1d(conv2.b)) };
  const layers = dense.map(denseVariables);
  const shape = (rows: number) => [rows, 28, 28, 1];
  const batches = setup.batches.map((b) => batchTensors(b, shape(b.rows)));
  const evalBatch = batchTensors(setup.evalBatch, shape(setup.evalBatch.rows));
  const loss = ({ x, y }: { x: tf.Tensor; y: tf.Tensor }) => {
    const block = (input: tf.Tensor4D, c: typeof c1, padding: "same" | "valid") => {
      const z = tf.add(tf.conv2d(input, c.w as tf.Tensor4D, 1, padding), c.b);
      return tf.maxPool(tf.relu(z) as tf.Tensor4D, 2, 2, "valid");
    };
    const pooled = block(block(x as tf.Tensor4D, c1, "same"), c2, "valid");
    let h = tf.reshape(pooled, [-1, 400]) as tf.Tensor2D;
    layers.forEach((layer, l) => {
      h = tf.add(tf.matMul(h, layer.w), layer.b);
      if (l < layers.length - 1) h = tf.relu(h);
    });
    return tf.losses.softmaxCrossEntropy(y, h) as tf.Scalar;
  };
  const variables = [c1.w, c1.b, c2.w, c2.b, ...layers.flatMap((l) => [l.w, l.b])];
  return tfTrainer(variables, loss, batches, evalBatch, setup.adam);
}
