/**
 * `mean`: the average over axes.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import type { AxisOption, ReduceShape } from "../core/shapes/reduce.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import type { ReduceOptions } from "./sum.ts";
import { reductionAxes, sum } from "./sum.ts";
import { div } from "./div.ts";

type AnyTensor = Tensor<Shape, DType>;

/**
 * The mean over `axis` (all axes when absent): the {@link sum} divided by the
 * number of entries reduced, keeping reduced axes as 1 with `keepdims`.
 * Gradient: the cotangent divided by that count, broadcast back over the
 * reduced axes (it comes from the composition). A reduction over no entries
 * (a size-0 axis) gives NaN, as `jnp.mean` does. Like `jnp.mean` and
 * `torch.mean`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mean } from "./mean.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const x = tensor([[1, 2, 3], [4, 5, 6]], { dtype: "f64" });
 * const all: Tensor<[], "f64"> = mean(x);
 * const rows: Tensor<[2], "f64"> = mean(x, { axis: -1 });
 * const columns: Tensor<[1, 3], "f64"> = mean(x, { axis: 0, keepdims: true });
 * assert.equal(all.data[0], 3.5);
 * assert.deepEqual(rows.toArray(), [2, 5]);
 * assert.deepEqual(columns.toArray(), [[2.5, 3.5, 4.5]]);
 * ```
 */
export function mean<
  S extends Shape,
  D extends DType,
  const Axis extends AxisOption = undefined,
  Keep extends boolean = false,
>(
  x: Tensor<S, D> & NoInfer<Guard<ReduceShape<S, Axis, Keep, "mean">>>,
  options?: ReduceOptions<Axis, Keep>,
): Tensor<Ok<ReduceShape<S, Axis, Keep, "mean">>, D> {
  const shape = x.shape as readonly number[];
  // Resolving the axes here makes a bad axis fail with a message that names `mean`.
  const axes = reductionAxes("mean", shape, options?.axis);
  let count = 1;
  for (const axis of axes) count *= shape[axis];
  const total = sum(x as AnyTensor, { axis: axes, keepdims: options?.keepdims ?? false });
  return div(total, count) as unknown as Tensor<Ok<ReduceShape<S, Axis, Keep, "mean">>, D>;
}
