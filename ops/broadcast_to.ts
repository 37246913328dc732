/**
 * `broadcastTo`: stretch size-1 and missing axes to a target shape.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import type { BroadcastToShape } from "../core/shapes/broadcast.ts";
import { broadcastToShape } from "../core/shapes/broadcast.ts";
import type { DType } from "../core/tensor.ts";
import type { Tensor } from "../core/tensor.ts";
import { broadcastTensor } from "../core/_broadcast_ad.ts";

/**
 * Copies `x` broadcast to `shape` (numpy rules: align on the right, a 1
 * stretches). Gradient: the cotangent summed over the stretched axes. Like
 * `jnp.broadcast_to`.
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
  const to = broadcastToShape(x.shape as readonly number[], shape);
  return broadcastTensor(x, to) as Tensor<Ok<BroadcastToShape<S, T>>, D>;
}
