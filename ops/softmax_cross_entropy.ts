/**
 * `softmaxCrossEntropy`: the multi-class cross-entropy loss on logits.
 *
 * @module
 */
import { ShapeError } from "../core/errors.ts";
import type { Guard, Shape } from "../core/shape.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import type { VJPRule } from "../core/trace.ts";
import { isTraced, record } from "../core/trace.ts";
import type { LossShapes } from "./mean_squared_error.ts";
import { checkLossShapes } from "./mean_squared_error.ts";
import { logSoftmax } from "./log_softmax.ts";
import { div } from "./div.ts";
import { exp } from "./exp.ts";
import { mul } from "./mul.ts";
import { neg } from "./neg.ts";
import { sub } from "./sub.ts";
import { sum } from "./sum.ts";
import { crossEntropyRows, crossEntropyRowsGrad } from "./_softmax_cross_entropy_rows.ts";

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
  const rows = sizeOfRows(shape);
  const stats = new Float64Array(2 * rows);
  // The softmax is kept for the backward pass only when a transform records this call.
  const traced = isTraced([logits, labels]);
  const probabilities = traced ? new Float64Array(logits.size) : null;
  const out = allocate(logits.dtype, 1);
  out[0] = crossEntropyRows(logits.data, labels.data, rows, stats, probabilities);
  const loss = new Tensor<[], D>([], logits.dtype, out);
  if (!traced) return loss;
  const rule: VJPRule = (g, [x, y], _output, needed) => {
    if (!isTraced([g, x, y])) {
      // Nothing records this backward pass: the fused loop.
      const dx = needed[0] ? allocate(x.dtype, x.size) : null;
      const dy = needed[1] ? allocate(y.dtype, y.size) : null;
      const scale = g.data[0] / rows;
      crossEntropyRowsGrad(x.data, y.data, rows, stats, probabilities!, scale, dx, dy);
      return [dx && new Tensor(shape, x.dtype, dx), dy && new Tensor(shape, y.dtype, dy)];
    }
    // Under an outer transform: the same formulas with ops, so they differentiate again.
    const logProbabilities: AnyTensor = logSoftmax(x, { axis: -1 });
    const scale = div(g, rows);
    const labelSums = sum(y, { axis: -1, keepdims: true });
    return [
      needed[0] ? mul(sub(mul(labelSums, exp(logProbabilities)), y), scale) : null,
      needed[1] ? mul(neg(logProbabilities), scale) : null,
    ];
  };
  return record(op, loss, [logits, labels], rule);
}

/** The number of rows: every dim but the last (the classes) multiplied. */
function sizeOfRows(shape: readonly number[]): number {
  let rows = 1;
  for (let axis = 0; axis < shape.length - 1; axis++) rows *= shape[axis];
  return rows;
}
