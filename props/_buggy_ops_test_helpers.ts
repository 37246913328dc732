/**
 * Deliberately wrong ops for the props tests: a checker is only worth
 * something if it catches these.
 *
 * @module
 */
import { stopGradient } from "../core/autodiff.ts";
import type { Shape } from "../core/shape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { record } from "../core/trace.ts";
import { mul } from "../ops/mul.ts";

/**
 * `x²` whose rule forgot the factor 2: `g·x` instead of `g·2x`. The
 * first-order check must call it a bug.
 */
export function squareMissingFactor<S extends Shape, D extends DType>(
  x: Tensor<S, D>,
): Tensor<S, D> {
  const t = x as Tensor<Shape, DType>;
  const y = stopGradient(mul(t, t)) as unknown as Tensor<S, D>;
  return record("squareMissingFactor", y, [x], (g, [input]) => [mul(g, input)]);
}

/**
 * `x²` with a correct first derivative `g·2x` whose `2x` is cut off from
 * differentiation: first order passes, grad of grad sees a zero Hessian
 * where it should see 2. Only the order-2 check catches it.
 */
export function squareFrozenRule<S extends Shape, D extends DType>(
  x: Tensor<S, D>,
): Tensor<S, D> {
  const t = x as Tensor<Shape, DType>;
  const y = stopGradient(mul(t, t)) as unknown as Tensor<S, D>;
  return record("squareFrozenRule", y, [x], (g, [input]) => [
    mul(g, stopGradient(mul(input, 2))),
  ]);
}
