/**
 * `sigmoidCrossEntropy`: the binary cross-entropy loss on logits.
 *
 * @module
 */
import type { Guard, Shape } from "../core/shape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import type { LossShapes } from "./mean_squared_error.ts";
import { checkLossShapes } from "./mean_squared_error.ts";
import { abs } from "./abs.ts";
import { add } from "./add.ts";
import { exp } from "./exp.ts";
import { log } from "./log.ts";
import { maximum } from "./maximum.ts";
import { mean } from "./mean.ts";
import { mul } from "./mul.ts";
import { neg } from "./neg.ts";
import { sub } from "./sub.ts";

type AnyTensor = Tensor<Shape, DType>;

/**
 * The cross-entropy of `sigmoid(logits)` against `labels` (targets in
 * [0, 1]), averaged over ALL elements into a scalar; for `[B]` or `[B, 1]`
 * that is the mean over the batch. The shapes must be equal (no
 * broadcasting: `[B]` against `[B, 1]` does not compile). Stable for any
 * logit: each entry is computed as `max(x, 0) − x·z + log(1 + exp(−|x|))`,
 * which never overflows and is finite at |x| = 100 in f32 and f64 (there the
 * `log` term underflows to 0: the error is a few units in the last place of
 * |x|).
 *
 * Gradient: `(sigmoid(x) − z)/n` for the logits and `−x/n` for the labels,
 * which are just inputs (wrap them in `stopGradient` to hold them constant);
 * `n` is the element count. It comes from the composition; at x = 0 the kink
 * conventions (`maximum` gives ½ to each side at a tie, `abs′(0) = 0`) give
 * exactly `(½ − z)/n`, the true derivative. Grad of grad works. Like
 * `torch.nn.BCEWithLogitsLoss()` and
 * `optax.sigmoid_binary_cross_entropy(...).mean()`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sigmoidCrossEntropy } from "./sigmoid_cross_entropy.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const logits = tensor([[0], [100], [-100]], { dtype: "f64" });
 * const labels = tensor([[1], [1], [0]], { dtype: "f64" });
 * const loss: Tensor<[], "f64"> = sigmoidCrossEntropy(logits, labels);
 * assert.equal(loss.data[0], Math.LN2 / 3);
 * ```
 */
export function sigmoidCrossEntropy<A extends Shape, B extends Shape, D extends DType>(
  logits: Tensor<A, D>,
  labels: Tensor<B, NoInfer<D>> & NoInfer<Guard<LossShapes<A, B, "sigmoidCrossEntropy">>>,
): Tensor<[], D> {
  checkLossShapes("sigmoidCrossEntropy", logits, labels);
  const x = logits as AnyTensor;
  const linear: AnyTensor = sub(maximum(x, 0), mul(x, labels as AnyTensor));
  const softplusTail: AnyTensor = log(add(exp(neg(abs(x))), 1));
  return mean(add(linear, softplusTail)) as unknown as Tensor<[], D>;
}
