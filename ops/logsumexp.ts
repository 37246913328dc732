/**
 * `logsumexp`: `log Σ exp` over axes, computed without overflow.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import type { AxisOption, ReduceShape } from "../core/shapes/reduce.ts";
import { reduceShape } from "../core/shapes/reduce.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import type { ReduceOptions } from "./sum.ts";
import { reductionAxes, sum } from "./sum.ts";
import { max } from "./max.ts";
import { add } from "./add.ts";
import { sub } from "./sub.ts";
import { exp } from "./exp.ts";
import { log } from "./log.ts";
import { reshape } from "./reshape.ts";

type AnyTensor = Tensor<Shape, DType>;

/**
 * The shift of a stable logsumexp: the maxima as a constant (a new tensor no
 * trace knows, like `stopGradient`), with ±Infinity and NaN replaced by 0 so
 * that a slice of −Infinity, or an empty one, gives −Infinity rather than NaN.
 */
function constantShift(maxima: AnyTensor): AnyTensor {
  const data = allocate(maxima.dtype, maxima.size);
  for (let i = 0; i < data.length; i++) {
    const value = maxima.data[i];
    data[i] = Number.isFinite(value) ? value : 0;
  }
  return new Tensor(maxima.shape as readonly number[], maxima.dtype, data);
}

/**
 * `log(Σ exp(x))` over `axis` (all axes when absent), keeping reduced axes as
 * 1 with `keepdims`. Stable: with `m` the maximum over the axes, held
 * constant, it computes `log(Σ exp(x − m)) + m`, so large entries do not
 * overflow (a non-finite `m` is replaced by 0, so a slice of −Infinity or an
 * empty slice gives −Infinity, as in `jax.nn.logsumexp`).
 *
 * Gradient: the softmax of `x` over the axes, times the cotangent; it comes
 * from the composition (the shift is a constant and cancels). Smooth, so grad
 * of grad works. Like `jax.nn.logsumexp` and `torch.logsumexp`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logsumexp } from "./logsumexp.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const x = tensor([[0, 0], [1000, 1000]], { dtype: "f64" });
 * const rows: Tensor<[2], "f64"> = logsumexp(x, { axis: -1 });
 * assert.deepEqual(rows.toArray(), [Math.LN2, 1000 + Math.LN2]);
 * const kept: Tensor<[2, 1], "f64"> = logsumexp(x, { axis: 1, keepdims: true });
 * assert.deepEqual(kept.toArray(), [[Math.LN2], [1000 + Math.LN2]]);
 * ```
 */
export function logsumexp<
  S extends Shape,
  D extends DType,
  const Axis extends AxisOption = undefined,
  Keep extends boolean = false,
>(
  x: Tensor<S, D> & NoInfer<Guard<ReduceShape<S, Axis, Keep, "logsumexp">>>,
  options?: ReduceOptions<Axis, Keep>,
): Tensor<Ok<ReduceShape<S, Axis, Keep, "logsumexp">>, D> {
  const input = x as AnyTensor;
  const shape = input.shape as readonly number[];
  const axes = reductionAxes("logsumexp", shape, options?.axis);
  const keepdims = options?.keepdims ?? false;
  const shift = constantShift(max(input, { axis: axes, keepdims: true }));
  const kept = add(log(sum(exp(sub(input, shift)), { axis: axes, keepdims: true })), shift);
  const result = keepdims
    ? kept
    : reshape(kept, reduceShape(shape, { axis: axes, op: "logsumexp" }));
  return result as unknown as Tensor<Ok<ReduceShape<S, Axis, Keep, "logsumexp">>, D>;
}
