/**
 * `sum`: reduce by addition over axes.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import type { AxisOption, ReduceShape } from "../core/shapes/reduce.ts";
import { reduceShape } from "../core/shapes/reduce.ts";
import { normalizeAxes } from "../core/shapes/axes.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import { sizeOf } from "../core/shape.ts";
import { kernels } from "../core/kernels/active.ts";
import { record } from "../core/trace.ts";
import { broadcastTensor } from "../core/_broadcast_ad.ts";
import { reshape } from "./reshape.ts";

/** Options of the reductions. */
export interface ReduceOptions<Axis extends AxisOption, Keep extends boolean> {
  /** The axis or axes to reduce (negative counts from the end); all when absent. */
  readonly axis?: Axis;
  /** Keep each reduced axis as a 1 (so the result broadcasts against the input). */
  readonly keepdims?: Keep;
}

/** The axes a reduction works on, resolved and sorted. */
export function reductionAxes(
  op: string,
  shape: readonly number[],
  axis: AxisOption,
): number[] {
  const axes = axis === undefined
    ? shape.map((_, index) => index)
    : normalizeAxes(op, typeof axis === "number" ? [axis] : axis, shape);
  return axes.sort((a, b) => a - b);
}

/**
 * The sum over `axis` (all axes when absent), keeping reduced axes as 1 with
 * `keepdims`. Gradient: the cotangent broadcast back over the reduced axes.
 * Like `jnp.sum` and `torch.sum`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sum } from "./sum.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const x = tensor([[1, 2, 3], [4, 5, 6]]);
 * const total: Tensor<[]> = sum(x);
 * const rows: Tensor<[2]> = sum(x, { axis: -1 });
 * const columns: Tensor<[1, 3]> = sum(x, { axis: 0, keepdims: true });
 * assert.equal(total.data[0], 21);
 * assert.deepEqual(rows.toArray(), [6, 15]);
 * assert.deepEqual(columns.toArray(), [[5, 7, 9]]);
 * ```
 */
export function sum<
  S extends Shape,
  D extends DType,
  const Axis extends AxisOption = undefined,
  Keep extends boolean = false,
>(
  x: Tensor<S, D> & NoInfer<Guard<ReduceShape<S, Axis, Keep, "sum">>>,
  options?: ReduceOptions<Axis, Keep>,
): Tensor<Ok<ReduceShape<S, Axis, Keep, "sum">>, D> {
  const shape = x.shape as readonly number[];
  const axes = reductionAxes("sum", shape, options?.axis);
  const outShape = reduceShape(shape, {
    axis: options?.axis,
    keepdims: options?.keepdims ?? false,
    op: "sum",
  });
  const out = allocate(x.dtype, sizeOf(outShape));
  kernels().reduce("sum", x.data, shape, axes, out);
  const kept = shape.map((dim, axis) => (axes.includes(axis) ? 1 : dim));
  return record("sum", new Tensor(outShape, x.dtype, out), [x], (g) => [
    broadcastTensor(reshape(g, kept), shape),
  ]);
}
