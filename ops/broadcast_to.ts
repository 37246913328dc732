/**
 * `broadcastTo`: stretch size-1 and missing axes to a target shape.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import { sizeOf } from "../core/shape.ts";
import type { BroadcastToShape } from "../core/shapes/broadcast.ts";
import { broadcastToShape } from "../core/shapes/broadcast.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import { kernels } from "../core/kernels/active.ts";

/**
 * Copies `x` broadcast to `shape` (numpy rules: align on the right, a 1
 * stretches). Like `jnp.broadcast_to`; the result owns its data.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { broadcastTo } from "./broadcast_to.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const rows: Tensor<[2, 3]> = broadcastTo(tensor([1, 2, 3]), [2, 3]);
 * assert(rows.data[4] === 2);
 * ```
 */
export function broadcastTo<S extends Shape, D extends DType, const T extends readonly number[]>(
  x: Tensor<S, D>,
  shape: T & NoInfer<Guard<BroadcastToShape<S, T>>>,
): Tensor<Ok<BroadcastToShape<S, T>>, D> {
  const from = x.shape as readonly number[];
  const to = broadcastToShape(from, shape);
  const out = allocate(x.dtype, sizeOf(to));
  kernels().broadcastTo(x.data, from, to, out);
  return new Tensor(to, x.dtype, out);
}
