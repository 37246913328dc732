/**
 * `leakyRelu`: the rectified linear unit with a small slope below zero.
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import { record } from "../core/trace.ts";
import { mul } from "./mul.ts";

/** Options of {@link leakyRelu}. */
export interface LeakyReluOptions {
  /** The slope for `x ≤ 0`; 0.01 when absent. */
  readonly slope?: number;
}

/**
 * `x` for `x > 0`, `slope·x` otherwise (slope 0.01 by default). Gradient: 1
 * for `x > 0`, `slope` for `x ≤ 0` — so `leakyRelu′(0) = slope`, the
 * convention that matches `relu′(0) = 0` at slope 0. Like
 * `jax.nn.leaky_relu` and `torch.nn.functional.leaky_relu`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { leakyRelu } from "./leaky_relu.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(leakyRelu(tensor([-100, 2], { dtype: "f64" })).toArray(), [-1, 2]);
 * assert.deepEqual(leakyRelu(tensor([-1, 2]), { slope: 0.5 }).toArray(), [-0.5, 2]);
 * ```
 */
export function leakyRelu<S extends Shape, D extends DType>(
  x: Tensor<S, D>,
  options?: LeakyReluOptions,
): Tensor<S, D> {
  const slope = options?.slope ?? 0.01;
  if (!Number.isFinite(slope)) {
    throw new RangeError(`leakyRelu: slope must be a finite number, got ${slope}`);
  }
  // y = x ⊙ w with w constant (1 above zero, slope elsewhere): the gradient is
  // g ⊙ w, whose own derivative is zero.
  const weights = allocate(x.dtype, x.size);
  const out = allocate(x.dtype, x.size);
  for (let i = 0; i < x.size; i++) {
    weights[i] = x.data[i] > 0 ? 1 : slope;
    out[i] = x.data[i] * weights[i];
  }
  const shape = x.shape as readonly number[];
  const slopes = new Tensor(shape, x.dtype, weights);
  return record("leakyRelu", new Tensor<S, D>(shape, x.dtype, out), [x], (g) => [mul(g, slopes)]);
}
