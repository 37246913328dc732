/**
 * `logSoftmax`: the logarithm of the softmax, computed stably.
 *
 * @module
 */
import type { Guard, Shape } from "../core/shape.ts";
import type { ReduceShape } from "../core/shapes/reduce.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { stopGradient } from "../core/autodiff.ts";
import { max } from "./max.ts";
import { reductionAxes, sum } from "./sum.ts";
import { sub } from "./sub.ts";
import { exp } from "./exp.ts";
import { log } from "./log.ts";

type AnyTensor = Tensor<Shape, DType>;

/** Options of {@link logSoftmax} and `softmax`. */
export interface SoftmaxOptions<Axis extends number | readonly number[]> {
  /** The axis (or axes) that the probabilities sum to 1 over; −1 (the last) when absent. */
  readonly axis?: Axis;
}

/**
 * `x − logsumexp(x)` over `axis` (the last when absent): the log of the
 * softmax. Stable: with `m` the maximum over the axis, held constant, it
 * computes `(x − m) − log(Σ exp(x − m))`, so large entries neither overflow
 * nor lose digits, and entries far below the maximum never meet `log(0)`.
 * Same shape as `x`. −Infinity entries below a finite maximum (masked
 * logits) give −Infinity; a slice whose maximum is ±Infinity gives NaN, as
 * in JAX.
 *
 * Gradient: `g − softmax(x)·Σ g` over the axis; it comes from the
 * composition (the shift is a constant and cancels). Smooth, so grad of grad
 * works. Like `jax.nn.log_softmax` and `torch.log_softmax`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logSoftmax } from "./log_softmax.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const y: Tensor<[1, 2], "f64"> = logSoftmax(tensor([[1000, 1000]], { dtype: "f64" }));
 * assert.deepEqual(y.toArray(), [[-Math.LN2, -Math.LN2]]);
 * ```
 */
export function logSoftmax<
  S extends Shape,
  D extends DType,
  const Axis extends number | readonly number[] = -1,
>(
  x: Tensor<S, D> & NoInfer<Guard<ReduceShape<S, Axis, true, "logSoftmax">>>,
  options?: SoftmaxOptions<Axis>,
): Tensor<S, D> {
  const input = x as AnyTensor;
  const axis = reductionAxes("logSoftmax", input.shape as readonly number[], options?.axis ?? -1);
  // x − logsumexp(x) would add the maximum back and take it off again, losing
  // the low digits of large logits; subtracting it once keeps them (as JAX does).
  const maxima: AnyTensor = max(input, { axis, keepdims: true });
  const shifted: AnyTensor = sub(input, stopGradient(maxima));
  const normalizer: AnyTensor = log(sum(exp(shifted), { axis, keepdims: true }));
  return sub(shifted, normalizer) as unknown as Tensor<S, D>;
}
