/**
 * `jvp`: forward-mode derivatives, obtained from reverse mode by the
 * transpose trick: the pullback `u ↦ Jᵀu` is linear in `u`, so the gradient
 * of `u ↦ ⟨Jᵀu, t⟩` is `J·t`. It costs two backward passes, needs no
 * forward-mode rules, and lives here because it is built from ops.
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import type { ParamTree } from "../core/tree.ts";
import { treeLeaves } from "../core/tree.ts";
import { grad, vjp } from "../core/autodiff.ts";
import { add } from "./add.ts";
import { mul } from "./mul.ts";
import { sum } from "./sum.ts";

/**
 * The output of `f` at `params` and its directional derivative along
 * `tangents` (a tree like `params`): `[f(θ), J·t]`. Like `jax.jvp`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jvp } from "./jvp.ts";
 * import { fromArray } from "../core/create.ts";
 * import { mul } from "./mul.ts";
 * const x = fromArray(new Float64Array([1, 2, 3]), [3]);
 * const [y, tangent] = jvp((p: typeof x) => mul(p, p), x, fromArray(new Float64Array([1, 0, 1]), [3]));
 * assert.deepEqual(Array.from(y.data), [1, 4, 9]);
 * assert.deepEqual(Array.from(tangent.data), [2, 0, 6]);
 * ```
 */
export function jvp<P extends ParamTree<P>, S extends Shape, D extends DType>(
  f: (params: P) => Tensor<S, D>,
  params: P,
  tangents: P,
): [Tensor<S, D>, Tensor<S, D>] {
  const [output, pullback] = vjp(f, params);
  const tangentLeaves = treeLeaves(tangents).map(({ leaf }) => leaf);
  const probe = new Tensor<S, D>(
    output.shape as readonly number[],
    output.dtype,
    allocate(output.dtype, output.size),
  );
  const pairing = (u: Tensor<S, D>): Tensor<[], D> => {
    const cotangents = treeLeaves(pullback(u)).map(({ leaf }) => leaf);
    let total = sum(mul(cotangents[0], tangentLeaves[0])) as Tensor<[], D>;
    for (let i = 1; i < cotangents.length; i++) {
      const term = sum(mul(cotangents[i], tangentLeaves[i])) as Tensor<[], D>;
      total = add(total, term);
    }
    return total;
  };
  return [output, grad(pairing)(probe)];
}
