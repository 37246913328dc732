/**
 * `dot`: inner product of two vectors.
 *
 * @module
 */
import type { Guard, Shape } from "../core/shape.ts";
import type { DotShape } from "../core/shapes/matmul.ts";
import { dotShape } from "../core/shapes/matmul.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import { sameDType } from "../core/_same_dtype.ts";
import { record } from "../core/trace.ts";
import { mul } from "./mul.ts";

/**
 * Inner product of two vectors of one length, as a scalar tensor. Only rank 1
 * is accepted (`matmul` takes the rest). Gradient: `g·b` and `g·a`. Like
 * `torch.dot`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dot } from "./dot.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const s: Tensor<[]> = dot(tensor([1, 2, 3]), tensor([4, 5, 6]));
 * assert(s.data[0] === 32);
 * ```
 */
export function dot<A extends Shape, B extends Shape, D extends DType>(
  a: Tensor<A, D>,
  b: Tensor<B, NoInfer<D>> & NoInfer<Guard<DotShape<A, B>>>,
): Tensor<[], D> {
  sameDType("dot", a, b);
  dotShape(a.shape as readonly number[], b.shape as readonly number[]);
  let total = 0;
  for (let i = 0; i < a.size; i++) total += a.data[i] * b.data[i];
  const out = allocate(a.dtype, 1);
  out[0] = total;
  return record("dot", new Tensor<[], D>([], a.dtype, out), [a, b], (g, [left, right]) => [
    mul(g, right),
    mul(g, left),
  ]);
}
