/**
 * `max`: reduce by maximum over axes.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import { sizeOf } from "../core/shape.ts";
import type { AxisOption, ReduceShape } from "../core/shapes/reduce.ts";
import { reduceShape } from "../core/shapes/reduce.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import { kernels } from "../core/kernels/active.ts";
import { record } from "../core/trace.ts";
import type { ReduceOptions } from "./sum.ts";
import { reductionAxes } from "./sum.ts";
import { reshape } from "./reshape.ts";
import { mul } from "./mul.ts";

type AnyTensor = Tensor<Shape, DType>;

/**
 * The weights that route a max's cotangent back: 1/k at each of the k entries
 * that equal their slice's maximum, 0 elsewhere. Computed by kernels from the
 * values alone, so it is a constant to every trace.
 */
function tieWeights(
  x: AnyTensor,
  maxima: AnyTensor,
  axes: readonly number[],
  kept: readonly number[],
): AnyTensor {
  const shape = x.shape as readonly number[];
  const backend = kernels();
  const spread = allocate(x.dtype, x.size);
  const ties = allocate(x.dtype, x.size);
  const counts = allocate(x.dtype, maxima.size);
  backend.broadcastTo(maxima.data, kept, shape, spread);
  backend.binary("equal", x.data, spread, ties);
  backend.reduce("sum", ties, shape, axes, counts);
  backend.broadcastTo(counts, kept, shape, spread);
  const weights = allocate(x.dtype, x.size);
  backend.binary("div", ties, spread, weights);
  return new Tensor(shape, x.dtype, weights);
}

/**
 * The largest entry over `axis` (all axes when absent), keeping reduced axes
 * as 1 with `keepdims`. NaN wins over numbers; a reduction over no entries (a
 * size-0 axis) gives −Infinity, the identity of max, as `jax.lax.reduce_max`
 * does (`jnp.max` and `torch.amax` throw instead).
 *
 * Gradient: the cotangent goes to the entries equal to the maximum; when k
 * entries tie, each gets 1/k of it (ties split evenly, as in JAX and
 * `torch.amax`; `torch.max(x, dim)` picks one index instead). The tie weights
 * are constants, so the rule is linear in the cotangent and grad of grad
 * works; the second derivative in `x` is zero wherever the maximum is unique.
 * Like `jnp.max` and `torch.amax`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { max } from "./max.ts";
 * import { grad } from "../core/autodiff.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const x = tensor([[1, 5, 3], [4, 2, 4]], { dtype: "f64" });
 * const rows: Tensor<[2], "f64"> = max(x, { axis: 1 });
 * assert.deepEqual(rows.toArray(), [5, 4]);
 * const g = grad((p: Tensor<[2, 3], "f64">) => max(p))(x);
 * assert.deepEqual(g.toArray(), [[0, 1, 0], [0, 0, 0]]);
 * const tied = grad((p: Tensor<[4], "f64">) => max(p))(tensor([1, 4, 0, 4], { dtype: "f64" }));
 * assert.deepEqual(tied.toArray(), [0, 0.5, 0, 0.5]);
 * ```
 */
export function max<
  S extends Shape,
  D extends DType,
  const Axis extends AxisOption = undefined,
  Keep extends boolean = false,
>(
  x: Tensor<S, D> & NoInfer<Guard<ReduceShape<S, Axis, Keep, "max">>>,
  options?: ReduceOptions<Axis, Keep>,
): Tensor<Ok<ReduceShape<S, Axis, Keep, "max">>, D> {
  const shape = x.shape as readonly number[];
  const axes = reductionAxes("max", shape, options?.axis);
  const outShape = reduceShape(shape, {
    axis: axes,
    keepdims: options?.keepdims ?? false,
    op: "max",
  });
  const out = allocate(x.dtype, sizeOf(outShape));
  kernels().reduce("max", x.data, shape, axes, out);
  const kept = shape.map((dim, axis) => (axes.includes(axis) ? 1 : dim));
  const result = new Tensor<Ok<ReduceShape<S, Axis, Keep, "max">>, D>(outShape, x.dtype, out);
  return record("max", result, [x], (g, [input], output) => [
    mul(reshape(g, kept), tieWeights(input, output, axes, kept)),
  ]);
}
