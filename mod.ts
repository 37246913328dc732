/**
 * shapeflow: a functional, shape-typed deep-learning DSL for Deno.
 *
 * Tensors carry their shapes in the type system, so a `matmul` of `[8, 784]`
 * and `[128, 784]` does not compile, and the dims only known at run time are
 * checked when the op runs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { matmul, ShapeError, transpose, zeros } from "./mod.ts";
 * import type { Tensor } from "./mod.ts";
 * const x = zeros([8, 784]);
 * const w = zeros([128, 784]);
 * const y: Tensor<[8, 128]> = matmul(x, transpose(w));
 * // @ts-expect-error matmul: inner dimensions 784 and 128 differ
 * assert.throws(() => matmul(x, w), ShapeError);
 * ```
 *
 * @module
 */
export { DTypeError, ShapeError, ValidationError } from "./core/errors.ts";
export type * from "./core/shape.ts";
export type * from "./core/type_utils.ts";
export type * from "./core/arith.ts";
export type * from "./core/tensor.ts";
export { Tensor } from "./core/tensor.ts";
export type * from "./core/create.ts";
export { fromArray, full, ones, scalar, tensor, zeros } from "./core/create.ts";
export { assertShape } from "./core/assert_shape.ts";
export type { DecodeOptions, Either, Left, Right, TensorJSON } from "./core/decode.ts";
export { decodeTensor, decodeTensorJSON, encodeTensorJSON } from "./core/decode.ts";
export type * from "./core/random.ts";
export { foldIn, key, randomBits, split } from "./core/random.ts";
export type * from "./core/sample.ts";
export { randomNormal, randomUniform } from "./core/sample.ts";

// Shape rules: the types (and their building blocks) and the run-time twins.
export type * from "./core/shapes/axes.ts";
export type * from "./core/shapes/broadcast.ts";
export { broadcastShapes, broadcastToShape } from "./core/shapes/broadcast.ts";
export type * from "./core/shapes/matmul.ts";
export { dotShape, matmulShape } from "./core/shapes/matmul.ts";
export type * from "./core/shapes/reduce.ts";
export { reduceShape } from "./core/shapes/reduce.ts";
export type * from "./core/shapes/transpose.ts";
export { transposeShape } from "./core/shapes/transpose.ts";
export type * from "./core/shapes/product.ts";
export type * from "./core/shapes/reshape.ts";
export { flattenShape, reshapeShape } from "./core/shapes/reshape.ts";
export type * from "./core/shapes/concat.ts";
export { concatShape } from "./core/shapes/concat.ts";
export type * from "./core/shapes/conv.ts";
export { convOutputSize, convShape, paddingAmounts, pool2dShape } from "./core/shapes/conv.ts";

export type * from "./core/shapes/slice.ts";
export { sliceShape } from "./core/shapes/slice.ts";
export type * from "./core/shapes/pad.ts";
export { padShape } from "./core/shapes/pad.ts";
export type * from "./core/shapes/stack.ts";
export { stackShape } from "./core/shapes/stack.ts";

// Automatic differentiation and parameter trees.
export { grad, stopGradient, valueAndGrad, vjp } from "./core/autodiff.ts";
export type { ValueAndGradOptions } from "./core/autodiff.ts";
export { jvp } from "./ops/jvp.ts";
export type * from "./core/tree.ts";
export { mapTree, treeLeaves, treeMap, treeZip } from "./core/tree.ts";
export type { VJPRule } from "./core/trace.ts";
export { isTracing, record } from "./core/trace.ts";

// Kernels.
export type * from "./core/kernels/backend.ts";
export { setBackend } from "./core/kernels/active.ts";
export { reference as referenceBackend } from "./core/kernels/reference.ts";
export { wasm as wasmBackend } from "./core/kernels/wasm/backend.ts";
export type { WasmBackend } from "./core/kernels/wasm/backend.ts";

// Elementwise ops and activations.
export type { BinaryOp, UnaryOp } from "./ops/_elementwise.ts";
export { add } from "./ops/add.ts";
export { sub } from "./ops/sub.ts";
export { mul } from "./ops/mul.ts";
export { div } from "./ops/div.ts";
export { neg } from "./ops/neg.ts";
export { exp } from "./ops/exp.ts";
export { log } from "./ops/log.ts";
export { sqrt } from "./ops/sqrt.ts";
export { square } from "./ops/square.ts";
export { pow } from "./ops/pow.ts";
export { abs } from "./ops/abs.ts";
export { maximum } from "./ops/maximum.ts";
export { minimum } from "./ops/minimum.ts";
export type { GuardThird, WhereShape } from "./ops/where.ts";
export { where } from "./ops/where.ts";
export { equal, greater, greaterEqual, less, lessEqual } from "./ops/compare.ts";
export { sigmoid } from "./ops/sigmoid.ts";
export { tanh } from "./ops/tanh.ts";
export { relu } from "./ops/relu.ts";
export type { LeakyReluOptions } from "./ops/leaky_relu.ts";
export { leakyRelu } from "./ops/leaky_relu.ts";
export type { SoftmaxOptions } from "./ops/log_softmax.ts";
export { logSoftmax } from "./ops/log_softmax.ts";
export { softmax } from "./ops/softmax.ts";

// Reductions.
export type { ReduceOptions } from "./ops/sum.ts";
export { sum } from "./ops/sum.ts";
export { mean } from "./ops/mean.ts";
export { max } from "./ops/max.ts";
export { logsumexp } from "./ops/logsumexp.ts";

// Linear algebra and movement.
export { matmul } from "./ops/matmul.ts";
export { dot } from "./ops/dot.ts";
export { transpose } from "./ops/transpose.ts";
export { reshape } from "./ops/reshape.ts";
export { flatten } from "./ops/flatten.ts";
export { broadcastTo } from "./ops/broadcast_to.ts";
export type * from "./ops/concat.ts";
export { concat } from "./ops/concat.ts";
export { slice } from "./ops/slice.ts";
export type { PadOptions } from "./ops/pad.ts";
export { pad } from "./ops/pad.ts";
export type * from "./ops/stack.ts";
export { stack } from "./ops/stack.ts";

// Convolution and pooling.
export { conv1d } from "./ops/conv1d.ts";
export { conv2d } from "./ops/conv2d.ts";
export { conv3d } from "./ops/conv3d.ts";
export { maxPool2d } from "./ops/max_pool2d.ts";
export { avgPool2d } from "./ops/avg_pool2d.ts";

// Losses.
export type { ClassAxis } from "./ops/softmax_cross_entropy.ts";
export { softmaxCrossEntropy } from "./ops/softmax_cross_entropy.ts";
export { sigmoidCrossEntropy } from "./ops/sigmoid_cross_entropy.ts";
export type { LossShapes, SameDims } from "./ops/mean_squared_error.ts";
export { meanSquaredError } from "./ops/mean_squared_error.ts";
