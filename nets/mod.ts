/**
 * shapeflow/nets: layers and models, initialisers, regularisation,
 * optimisers and learning-rate schedules, data (MNIST, mini-batches,
 * normalisation), checkpoints, and the training loop.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adam, mlp } from "./mod.ts";
 * import { key } from "../mod.ts";
 * const model = mlp([784, 128, 64, 10]);
 * const params = model.init(key(0));
 * const state = adam().init(params);
 * assert.equal(state.step, 0);
 * ```
 *
 * @module
 */
export type * from "./layer.ts";
export type * from "./dense.ts";
export { dense } from "./dense.ts";
export { leakyReluLayer, reluLayer, sigmoidLayer, softmaxLayer, tanhLayer } from "./activation.ts";
export type * from "./dropout.ts";
export { dropout } from "./dropout.ts";
export type * from "./sequential.ts";
export { sequential } from "./sequential.ts";
export type * from "./mlp.ts";
export { mlp } from "./mlp.ts";
export type * from "./logistic_regression.ts";
export { logisticRegression } from "./logistic_regression.ts";
export type * from "./softmax_regression.ts";
export { softmaxRegression } from "./softmax_regression.ts";
export { countParams } from "./count_params.ts";
export type { Initializer, InitOptions } from "./init.ts";
export { glorot, he, scaledNormal, xavier, zeros as zerosInit } from "./init.ts";
export type * from "./regularization.ts";
export { l2Penalty, weightDecay } from "./regularization.ts";

// Optimisers and schedules.
export type * from "./optim/optimizer.ts";
export { applyUpdates } from "./optim/optimizer.ts";
export type * from "./optim/sgd.ts";
export { sgd } from "./optim/sgd.ts";
export type * from "./optim/momentum.ts";
export { momentum } from "./optim/momentum.ts";
export type * from "./optim/rmsprop.ts";
export { rmsprop } from "./optim/rmsprop.ts";
export type * from "./optim/adam.ts";
export { adam } from "./optim/adam.ts";
export type * from "./optim/schedules.ts";
export {
  exponentialDecay,
  inverseSqrtDecay,
  inverseTimeDecay,
  staircase,
} from "./optim/schedules.ts";

// Data.
export type * from "./data/dataset.ts";
export { makeDataset } from "./data/dataset.ts";
export type * from "./data/batches.ts";
export { batchCount, batches } from "./data/batches.ts";
export { permutation } from "./data/permutation.ts";
export { shuffle } from "./data/shuffle.ts";
export { takeRows } from "./data/take_rows.ts";
export type * from "./data/split.ts";
export { splitDataset } from "./data/split.ts";
export type * from "./data/normalize.ts";
export { fitNormalizer, normalize } from "./data/normalize.ts";
export type * from "./data/mnist.ts";
export { decodeMnist, loadMnist, splitMnist } from "./data/mnist.ts";

// Checkpoints.
export type * from "./checkpoint/safetensors.ts";
export { decodeCheckpoint, encodeCheckpoint } from "./checkpoint/safetensors.ts";
export { loadCheckpoint, saveCheckpoint } from "./checkpoint/file.ts";

// Training.
export type * from "./train/fit.ts";
export { fit } from "./train/fit.ts";
export { accuracy } from "./train/accuracy.ts";
export type * from "./train/progress.ts";
export { progressSink } from "./train/progress.ts";
export type * from "./train/history.ts";
export { historySvg } from "./train/history.ts";
