/**
 * `softmaxCrossEntropy`: the multi-class cross-entropy loss on logits.
 *
 * @module
 */
import { ShapeError } from "../core/errors.ts";
import type { Guard, Shape } from "../core/shape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import type { LossShapes } from "./mean_squared_error.ts";
import { checkLossShapes } from "./mean_squared_error.ts";
import { logSoftmax } from "./log_softmax.ts";
import { mean } from "./mean.ts";
import { mul } from "./mul.ts";
import { neg } from "./neg.ts";
import { sum } from "./sum.ts";

type AnyTensor = Tensor<Shape, DType>;

/** Logits need a class axis: rank ≥ 1, or a {@link ShapeError}. */
export type ClassAxis<S extends Shape> = S extends readonly []
  ? ShapeError<"softmaxCrossEntropy: logits need rank >= 1 (the last axis holds the classes)">
  : S;

/**
 * The cross-entropy of `softmax(logits)` against `labels` over the last axis
 * (the classes), `−Σ_c labels·logSoftmax(logits)`, averaged over every other
 * axis (the batch first; for `[B, C]`, the mean over the batch) into a
 * scalar; a rank-1 input is a single example. `labels` are one-hot rows or
 * any probability rows, of the logits' shape (no broadcasting). Computed from
 * the stable `logSoftmax`: large logits do not overflow.
 *
 * Gradient: `(softmax(logits)·Σ_c labels − labels)/n` for the logits (that is
 * `(softmax − onehot)/B` for one-hot rows) and `−logSoftmax(logits)/n` for
 * the labels, which are just inputs (wrap them in `stopGradient` to hold them
 * constant); `n` is the number of rows. Smooth, so grad of grad works. Like
 * `optax.softmax_cross_entropy(...).mean()` and
 * `torch.nn.CrossEntropyLoss()` with probability targets.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { softmaxCrossEntropy } from "./softmax_cross_entropy.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const logits = tensor([[0, 0], [0, 1000]], { dtype: "f64" });
 * const onehot = tensor([[1, 0], [0, 1]], { dtype: "f64" });
 * const loss: Tensor<[], "f64"> = softmaxCrossEntropy(logits, onehot);
 * assert.equal(loss.data[0], Math.LN2 / 2);
 * ```
 */
export function softmaxCrossEntropy<A extends Shape, B extends Shape, D extends DType>(
  logits: Tensor<A, D> & NoInfer<Guard<ClassAxis<A>>>,
  labels: Tensor<B, NoInfer<D>> & NoInfer<Guard<LossShapes<A, B, "softmaxCrossEntropy">>>,
): Tensor<[], D> {
  const op = "softmaxCrossEntropy";
  checkLossShapes(op, logits, labels);
  const shape = logits.shape as readonly number[];
  if (shape.length === 0) {
    throw new ShapeError(`Cannot ${op} logits of shape []: they need a class axis (rank >= 1)`);
  }
  const logProbabilities: AnyTensor = logSoftmax(logits as AnyTensor, { axis: -1 });
  const perRow: AnyTensor = neg(sum(mul(labels as AnyTensor, logProbabilities), { axis: -1 }));
  return mean(perRow) as unknown as Tensor<[], D>;
}
