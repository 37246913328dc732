/**
 * `leakyRelu`: the rectified linear unit with a small slope below 0.
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { record } from "../core/trace.ts";
import { binaryKernel, unaryKernel } from "./_elementwise.ts";
import { add } from "./add.ts";
import { mul } from "./mul.ts";
import { sub } from "./sub.ts";

/** Options of {@link leakyRelu}. */
export interface LeakyReluOptions {
  /** The slope for `x ≤ 0`, a finite number; 0.01 when absent (PyTorch's default). */
  readonly slope?: number;
}

/**
 * `x` where `x > 0`, `slope·x` elsewhere, elementwise. Gradient: `g` where
 * `x > 0` and `slope·g` where `x ≤ 0`, so at the kink
 * `leakyRelu′(0) = slope` (PyTorch's choice; `relu′(0) = 0` is the
 * `slope = 0` case). The 0/1 mask is a constant, so the second derivative is
 * 0. NaN stays NaN. A slope that is not finite throws a `RangeError`. Like
 * `torch.nn.functional.leaky_relu(x, slope)` and `jax.nn.leaky_relu(x, slope)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { leakyRelu } from "./leaky_relu.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const y: Tensor<[3], "f64"> = leakyRelu(tensor([-2, 0, 3], { dtype: "f64" }), { slope: 0.25 });
 * assert.deepEqual(y.toArray(), [-0.5, 0, 3]);
 * assert.deepEqual(leakyRelu(tensor([-100], { dtype: "f64" })).toArray(), [-1]);
 * ```
 */
export function leakyRelu<S extends Shape, D extends DType>(
  x: Tensor<S, D>,
  options?: LeakyReluOptions,
): Tensor<S, D> {
  const slope = options?.slope ?? 0.01;
  if (typeof slope !== "number") {
    throw new TypeError(`leakyRelu: the slope must be a number, got ${typeof slope}`);
  }
  if (!Number.isFinite(slope)) {
    throw new RangeError(`leakyRelu: the slope must be a finite number, got ${slope}`);
  }
  // Per entry: 1 where x > 0, `slope` elsewhere — exactly, as step + slope·(1 − step).
  // Built from tensors no trace knows, so nothing here is recorded.
  const positive = unaryKernel("step", x);
  const weights = add(positive, mul(sub(1, positive), slope));
  return record("leakyRelu", binaryKernel("mul", x, weights) as Tensor<S, D>, [x], (g) => [
    mul(g, weights),
  ]);
}
