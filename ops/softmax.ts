/**
 * `softmax`: exponentials normalised to sum to 1 over an axis.
 *
 * @module
 */
import type { Guard, Shape } from "../core/shape.ts";
import type { ReduceShape } from "../core/shapes/reduce.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import type { SoftmaxOptions } from "./log_softmax.ts";
import { logSoftmax } from "./log_softmax.ts";
import { exp } from "./exp.ts";
import { reductionAxes } from "./sum.ts";

type AnyTensor = Tensor<Shape, DType>;

/**
 * `exp(x) / Σ exp(x)` over `axis` (the last when absent), computed as
 * `exp(logSoftmax(x))`: no overflow for large entries, and entries far below
 * the maximum underflow to 0 rather than giving NaN. Same shape as `x`.
 *
 * Gradient: `s·(g − Σ g·s)` over the axis, with `s` the softmax; it comes
 * from the composition. Smooth, so grad of grad works. Like
 * `jax.nn.softmax` and `torch.softmax`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { softmax } from "./softmax.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const p: Tensor<[2, 2], "f64"> = softmax(tensor([[0, 0], [1000, 0]], { dtype: "f64" }));
 * assert.deepEqual(p.toArray(), [[0.5, 0.5], [1, 0]]);
 * const columns: Tensor<[2, 2], "f64"> = softmax(tensor([[0, 1], [0, 1]], { dtype: "f64" }), {
 *   axis: 0,
 * });
 * assert.deepEqual(columns.toArray(), [[0.5, 0.5], [0.5, 0.5]]);
 * ```
 */
export function softmax<
  S extends Shape,
  D extends DType,
  const Axis extends number | readonly number[] = -1,
>(
  x: Tensor<S, D> & NoInfer<Guard<ReduceShape<S, Axis, true, "softmax">>>,
  options?: SoftmaxOptions<Axis>,
): Tensor<S, D> {
  const input = x as AnyTensor;
  const axis = reductionAxes("softmax", input.shape as readonly number[], options?.axis ?? -1);
  return exp(logSoftmax(input, { axis })) as unknown as Tensor<S, D>;
}
