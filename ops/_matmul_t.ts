/**
 * `matmulT`: the matmul primitive with transpose flags, `op(a)·op(b)`, where
 * `op` swaps the last two axes of an operand whose flag is set. The kernels
 * read a transposed operand through strides, so `Aᵀ·B` and `A·Bᵀ` cost what
 * `A·B` costs, and no transposed copy is made. `matmul` and the gradient
 * rules are written with it.
 *
 * @module
 */
import type { MatmulOptions } from "../core/kernels/backend.ts";
import { matmulShape } from "../core/shapes/matmul.ts";
import type { AnyTensor } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import { kernels } from "../core/kernels/active.ts";
import { sameDType } from "../core/_same_dtype.ts";
import { record } from "../core/trace.ts";

/** Which operands `matmulT` reads transposed. */
export type MatmulTOptions = MatmulOptions;

/** `shape` with its last two dims swapped when `swap` holds. */
function logical(shape: readonly number[], swap: boolean): readonly number[] {
  if (!swap || shape.length < 2) return shape;
  const rank = shape.length;
  if (rank === 2) return [shape[1], shape[0]];
  return [...shape.slice(0, -2), shape[rank - 1], shape[rank - 2]];
}

/**
 * `op(a)·op(b)` with broadcast batch dims; the shape rule is `matmul`'s on
 * the logical (transposed) shapes, and so are its errors. Gradient (`G` the
 * cotangent, `op(B)ᵀ` a flag flip): `d op(A) = G·op(B)ᵀ` and `d op(B) =
 * op(A)ᵀ·G`, each again a `matmulT` stored the way its operand is. Since the
 * rule is made of `matmulT`, every order of derivative works.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { matmulT } from "./_matmul_t.ts";
 * import { tensor } from "../core/create.ts";
 * const x = tensor([[1, 2], [3, 4]]);
 * // x·xᵀ without a transposed copy of x.
 * assert.deepEqual([...matmulT(x, x, { transB: true }).data], [5, 11, 11, 25]);
 * ```
 */
export function matmulT(a: AnyTensor, b: AnyTensor, options: MatmulTOptions = {}): AnyTensor {
  sameDType("matmul", a, b);
  const transA = options.transA ?? false;
  const transB = options.transB ?? false;
  const aShape = a.shape as readonly number[];
  const bShape = b.shape as readonly number[];
  const shape = matmulShape(logical(aShape, transA), logical(bShape, transB));
  const out = allocate(a.dtype, shape.reduce((size, dim) => size * dim, 1));
  kernels().matmul(a.data, aShape, b.data, bShape, shape.slice(0, -2), out, { transA, transB });
  const product = new Tensor(shape, a.dtype, out);
  // A cotangent nobody asked for (the data batch's, in a dense layer) is not computed.
  return record("matmul", product, [a, b], (g, [left, right], _out, needed) => [
    !needed[0]
      ? null
      : transA
      ? matmulT(right, g, { transA: transB, transB: true })
      : matmulT(g, right, { transB: !transB }),
    !needed[1]
      ? null
      : transB
      ? matmulT(g, left, { transA: true, transB: transA })
      : matmulT(left, g, { transA: !transA }),
  ]);
}
