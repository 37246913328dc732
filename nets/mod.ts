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
export type * from "./batch_norm.ts";
export { batchNorm } from "./batch_norm.ts";
export type * from "./sequential.ts";
export { sequential } from "./sequential.ts";
export type * from "./mlp.ts";
export { mlp } from "./mlp.ts";
export type * from "./logistic_regression.ts";
export { logisticRegression } from "./logistic_regression.ts";
export type * from "./softmax_regression.ts";
export { softmaxRegression } from "./softmax_regression.ts";
export { countParams } from "./count_params.ts";
export type * from "./conv_layer.ts";
export { conv2dLayer } from "./conv_layer.ts";
export type * from "./conv_layer_1d.ts";
export { conv1dLayer } from "./conv_layer_1d.ts";
export type * from "./conv_layer_3d.ts";
export { conv3dLayer } from "./conv_layer_3d.ts";
export type * from "./pool_layer.ts";
export { avgPool2dLayer, maxPool2dLayer } from "./pool_layer.ts";
export type * from "./flatten_layer.ts";
export { flattenLayer } from "./flatten_layer.ts";
export type * from "./global_avg_pool.ts";
export { globalAvgPool } from "./global_avg_pool.ts";
export type * from "./input_layer.ts";
export { inputLayer } from "./input_layer.ts";
export type * from "./count_params.ts";
export { countMultiplies } from "./count_multiplies.ts";

// Models and blocks.
export type * from "./models/lenet5.ts";
export { lenet5 } from "./models/lenet5.ts";
export type * from "./models/alexnet.ts";
export { alexnet } from "./models/alexnet.ts";
export type * from "./models/vgg16.ts";
export { vgg16 } from "./models/vgg16.ts";
export type * from "./models/course_conv_net.ts";
export { courseConvNet } from "./models/course_conv_net.ts";
export type * from "./models/residual.ts";
export { residual } from "./models/residual.ts";
export type * from "./models/residual_block.ts";
export { residualBlock } from "./models/residual_block.ts";
export type * from "./models/inception_module.ts";
export { inceptionModule } from "./models/inception_module.ts";
export type * from "./models/dense_to_conv.ts";
export { denseToConv } from "./models/dense_to_conv.ts";
export type * from "./models/sliding_windows.ts";
export { slidingWindows } from "./models/sliding_windows.ts";

export type { Initializer, InitOptions } from "./init.ts";
export { glorot, he, scaledNormal, xavier, zeros as zerosInit } from "./init.ts";
export type * from "./regularization.ts";
export { l2Penalty, weightDecay } from "./regularization.ts";

// Optimisers and schedules.
export type * from "./optim/optimizer.ts";
export { applyUpdates } from "./optim/optimizer.ts";
export { takeStep } from "./optim/take_step.ts";
export type { StepInputs } from "./optim/take_step.ts";
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
export type * from "./data/select_classes.ts";
export { selectClasses } from "./data/select_classes.ts";
export type * from "./data/split.ts";
export { splitDataset } from "./data/split.ts";
export type * from "./data/normalize.ts";
export { fitNormalizer, normalize } from "./data/normalize.ts";
export type * from "./data/mnist.ts";
export { decodeMnist, loadMnist, splitMnist } from "./data/mnist.ts";
export type * from "./data/planar.ts";
export { planarDataset } from "./data/planar.ts";
export type * from "./data/moons.ts";
export { moonsDataset } from "./data/moons.ts";
export type * from "./data/circles.ts";
export { circlesDataset } from "./data/circles.ts";

// Checkpoints.
export type * from "./checkpoint/safetensors.ts";
export { decodeCheckpoint, encodeCheckpoint } from "./checkpoint/safetensors.ts";
export { loadCheckpoint, saveCheckpoint } from "./checkpoint/file.ts";

// Training.
export type * from "./train/fit.ts";
export { fit } from "./train/fit.ts";
export { accuracy } from "./train/accuracy.ts";
export type * from "./train/metrics.ts";
export { binaryMetrics } from "./train/metrics.ts";
export type * from "./train/decision_boundary_svg.ts";
export { decisionBoundarySvg } from "./train/decision_boundary_svg.ts";
export type * from "./train/progress.ts";
export { progressSink } from "./train/progress.ts";
export type * from "./train/history.ts";
export { historySvg } from "./train/history.ts";
export type * from "./train/early_stopping.ts";
export { earlyStopping } from "./train/early_stopping.ts";

// Hyperparameter search.
export type * from "./search/distribution.ts";
export { uniform } from "./search/uniform.ts";
export { logUniform } from "./search/log_uniform.ts";
export { oneMinusLogUniform } from "./search/one_minus_log_uniform.ts";
export { intUniform } from "./search/int_uniform.ts";
export { choice } from "./search/choice.ts";
export { sampleSpace } from "./search/sample_space.ts";
export type * from "./search/random_search.ts";
export { randomSearch } from "./search/random_search.ts";
export type * from "./search/refine.ts";
export { refine } from "./search/refine.ts";
export type * from "./search/format_search_table.ts";
export { formatSearchTable } from "./search/format_search_table.ts";

// Augmentation.
export type * from "./augment/random_flip.ts";
export { randomFlip } from "./augment/random_flip.ts";
export type * from "./augment/random_crop.ts";
export { randomCrop } from "./augment/random_crop.ts";
export type * from "./augment/color_shift.ts";
export { colorShift } from "./augment/color_shift.ts";
export type * from "./augment/symmetric_eigen.ts";
export { symmetricEigen } from "./augment/symmetric_eigen.ts";
export type * from "./augment/fit_pca_color.ts";
export { fitPcaColor } from "./augment/fit_pca_color.ts";
export type * from "./augment/pca_color.ts";
export { pcaColor } from "./augment/pca_color.ts";
export type * from "./augment/ten_crop.ts";
export { tenCrop } from "./augment/ten_crop.ts";
export type * from "./augment/augment.ts";
export { augment } from "./augment/augment.ts";

// Transfer learning.
export type * from "./transfer/partition_params.ts";
export { partitionParams } from "./transfer/partition_params.ts";
export { mergeParams } from "./transfer/merge_params.ts";
export type * from "./transfer/precompute_features.ts";
export { precomputeFeatures } from "./transfer/precompute_features.ts";

// Prefetching.
export type * from "./data/prefetch.ts";
export { prefetch } from "./data/prefetch.ts";
export type * from "./data/prefetch_augmented.ts";
export { prefetchAugmented } from "./data/prefetch_augmented.ts";

// Ensembles and multi-crop evaluation.
export type * from "./ensemble_average.ts";
export { averagePredictions } from "./ensemble_average.ts";
export type * from "./ensemble.ts";
export { ensemble } from "./ensemble.ts";
export type * from "./multi_crop.ts";
export { multiCropPredict } from "./multi_crop.ts";
