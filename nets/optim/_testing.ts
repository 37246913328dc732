/**
 * Fixtures for the optimiser tests: a two-leaf f64 tree with three fixed
 * gradients, a convex quadratic, the Rosenbrock function, and a loop that
 * runs an optimiser on a loss.
 *
 * @module
 */
import assert from "node:assert/strict";
import { grad } from "../../core/autodiff.ts";
import { scalar, tensor } from "../../core/create.ts";
import type { Tensor } from "../../core/tensor.ts";
import type { ParamTree } from "../../core/tree.ts";
import { add } from "../../ops/add.ts";
import { mul } from "../../ops/mul.ts";
import { square } from "../../ops/square.ts";
import { sub } from "../../ops/sub.ts";
import { sum } from "../../ops/sum.ts";
import type { Optimizer, StateFamily } from "./optimizer.ts";
import { applyUpdates } from "./optimizer.ts";

/** The two-leaf tree of the hand computations. */
export type Pair = { w: Tensor<[2], "f64">; b: Tensor<[], "f64"> };

/** Where the hand computations start: w = [1, −2], b = 0.5. */
export function start(): Pair {
  return { w: tensor([1, -2], { dtype: "f64" }), b: scalar(0.5, { dtype: "f64" }) };
}

/** The gradients of steps 1, 2, 3 (a zero in step 3 and a sign change in each leaf). */
export function gradSequence(): Pair[] {
  return [[0.5, -1, 2], [-0.25, 2, 1], [1, 0, -4]].map(([w0, w1, b]) => ({
    w: tensor([w0, w1], { dtype: "f64" }),
    b: scalar(b, { dtype: "f64" }),
  }));
}

/** The updates of each step, flattened as [w0, w1, b]. */
export function threeSteps<F extends StateFamily>(optimizer: Optimizer<F>): number[][] {
  let params = start();
  let state = optimizer.init(params);
  const updates: number[][] = [];
  for (const grads of gradSequence()) {
    const step = optimizer.update(grads, state, params);
    updates.push([...step.updates.w.data, ...step.updates.b.data]);
    params = applyUpdates(params, step.updates);
    state = step.state;
  }
  return updates;
}

/** Asserts that `actual` is within `tolerance` of `expected`, element by element. */
export function assertClose(
  actual: ArrayLike<number>,
  expected: readonly number[],
  tolerance: number,
  what = "value",
): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tolerance,
      `${what}[${i}]: expected ${expected[i]} ± ${tolerance}, got ${actual[i]}`,
    );
  }
}

/** f(p) = 1·(w₀ − 3)² + 4·(w₁ + 1)² + 2·(b − 0.5)²: minimum 0 at w = [3, −1], b = 0.5. */
export function quadratic(p: Pair): Tensor<[], "f64"> {
  const weights = tensor([1, 4], { dtype: "f64" });
  const centre = tensor([3, -1], { dtype: "f64" });
  return add(sum(mul(square(sub(p.w, centre)), weights)), mul(square(sub(p.b, 0.5)), 2));
}

/** The minimiser of {@link quadratic}, flattened as [w0, w1, b]. */
export const quadraticMinimum: readonly number[] = [3, -1, 0.5];

/** Params for Rosenbrock's function. */
export type XY = { x: Tensor<[], "f64">; y: Tensor<[], "f64"> };

/** f(x, y) = (1 − x)² + 100·(y − x²)²: minimum 0 at (1, 1), in a long curved valley. */
export function rosenbrock(p: XY): Tensor<[], "f64"> {
  return add(square(sub(1, p.x)), mul(square(sub(p.y, square(p.x))), 100));
}

/** Runs `steps` updates of `optimizer` on `loss` from `params`; the final params. */
export function minimise<P extends ParamTree<P>, F extends StateFamily>(
  optimizer: Optimizer<F>,
  loss: (params: P) => Tensor<[], "f64">,
  params: P,
  steps: number,
): P {
  const gradient = grad(loss);
  let state = optimizer.init(params);
  for (let i = 0; i < steps; i++) {
    const step = optimizer.update(gradient(params), state, params);
    params = applyUpdates(params, step.updates);
    state = step.state;
  }
  return params;
}

/** The leaves of a pair, flattened as [w0, w1, b]. */
export function flat(p: Pair): number[] {
  return [...p.w.data, ...p.b.data];
}
