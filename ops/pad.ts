/**
 * `pad`: surround a tensor with a constant.
 *
 * @module
 */
import type { Guard, Ok, Shape } from "../core/shape.ts";
import { sizeOf } from "../core/shape.ts";
import type { PadPair, PadShape } from "../core/shapes/pad.ts";
import { padShape } from "../core/shapes/pad.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import { record } from "../core/trace.ts";
import { copyRegion } from "./_copy_region.ts";
import { slice } from "./slice.ts";

/** Options of {@link pad}. */
export interface PadOptions {
  /** The value of the added entries; 0 when absent. */
  readonly value?: number;
}

/**
 * `x` with `before` entries added at the start and `after` at the end of each
 * axis, one `[before, after]` pair per axis, all set to `value` (0 by
 * default): `y[before + i] = x[i]`, every other entry of `y` is `value`.
 *
 * Gradient: the cotangent sliced back to `x`'s box ({@link slice} is the
 * adjoint of `pad`); `value` is a constant and gets none. `pad` is linear in
 * `x`, so it has no kinks and its second derivative is zero. Like
 * `jnp.pad(x, paddings, constant_values=value)`, `tf.pad` and
 * `torch.nn.functional.pad` (whose pairs run from the last axis backwards).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pad } from "./pad.ts";
 * import { tensor, zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const framed: Tensor<[3, 4]> = pad(tensor([[1, 2], [3, 4]]), [[0, 1], [1, 1]]);
 * assert.deepEqual(framed.toArray(), [[0, 1, 2, 0], [0, 3, 4, 0], [0, 0, 0, 0]]);
 * const ones: Tensor<[4]> = pad(tensor([5, 6]), [[1, 1]], { value: 1 });
 * assert.deepEqual(ones.toArray(), [1, 5, 6, 1]);
 * // LeNet-5 pads 28×28 MNIST digits to 32×32:
 * const digits: Tensor<[8, 32, 32, 1]> = pad(zeros([8, 28, 28, 1]), [[0, 0], [2, 2], [2, 2], [0, 0]]);
 * // pad(zeros([8, 28]), [[2, 2]]) does not compile: one pair per axis.
 * ```
 */
export function pad<S extends Shape, D extends DType, const P extends readonly PadPair[]>(
  x: Tensor<S, D>,
  paddings: P & NoInfer<Guard<PadShape<S, P>>>,
  options?: PadOptions,
): Tensor<Ok<PadShape<S, P>>, D> {
  const shape = x.shape as readonly number[];
  const outShape = padShape(shape, paddings);
  const value = options?.value ?? 0;
  if (typeof value !== "number") {
    throw new TypeError(`pad: value must be a number, got ${typeof value}`);
  }
  const out = allocate(x.dtype, sizeOf(outShape));
  if (value !== 0) out.fill(value);
  const before = paddings.map((pair) => pair[0]);
  copyRegion(
    { data: x.data, shape, start: shape.map(() => 0), extent: shape },
    { data: out, shape: outShape, start: before },
  );
  const result = new Tensor<Ok<PadShape<S, P>>, D>(outShape, x.dtype, out);
  return record("pad", result, [x], (g) => [slice(g, before, shape)]);
}
