/**
 * `concat`: join tensors along an axis.
 *
 * @module
 */
import type { IsUnion } from "../core/type_utils.ts";
import type { Guard, Ok, Shape } from "../core/shape.ts";
import { sizeOf } from "../core/shape.ts";
import type { ConcatShape } from "../core/shapes/concat.ts";
import { concatShape } from "../core/shapes/concat.ts";
import { normalizeAxis } from "../core/shape.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import { kernels } from "../core/kernels/active.ts";
import { sameDType } from "../core/_same_dtype.ts";
import { record } from "../core/trace.ts";
import { slice } from "./slice.ts";

/** The static shapes of a tuple of tensors. */
export type ShapesOf<Ts extends readonly Tensor<Shape, DType>[]> = {
  [K in keyof Ts]: Ts[K] extends Tensor<infer S, DType> ? S : never;
};

/** The dtypes of a tuple of tensors (a union when they differ). */
export type DTypeOfTensors<Ts extends readonly Tensor<Shape, DType>[]> = Ts[number] extends
  Tensor<Shape, infer D extends DType> ? D : never;

/** Rejects a mix of dtypes at compile time (the run time rejects it too). */
export type OneDType<Ts extends readonly Tensor<Shape, DType>[]> = true extends
  IsUnion<DTypeOfTensors<Ts>> ? { readonly "concat: tensors of different dtypes": never }
  : unknown;

/**
 * Joins tensors of one rank along `axis` (negative counts from the end); the
 * other dims must agree. The Inception module concatenates its branches on
 * the channel axis this way. Gradient: each part gets its slab of the
 * cotangent. Like `jnp.concatenate` and `torch.cat`.
 *
 * @example
 * ```ts
 * import { concat } from "./concat.ts";
 * import { zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const both: Tensor<[2, 7, 7, 96]> = concat([zeros([2, 7, 7, 64]), zeros([2, 7, 7, 32])], -1);
 * ```
 */
export function concat<
  const Ts extends readonly Tensor<Shape, DType>[],
  const Axis extends number,
>(
  tensors: Ts & NoInfer<Guard<ConcatShape<ShapesOf<Ts>, Axis>> & OneDType<Ts>>,
  axis: Axis,
): Tensor<Ok<ConcatShape<ShapesOf<Ts>, Axis>>, DTypeOfTensors<Ts>> {
  const shapes = tensors.map((t) => t.shape as readonly number[]);
  const shape = concatShape(shapes, axis);
  for (const t of tensors) sameDType("concat", tensors[0], t);
  const dtype = tensors[0].dtype as DTypeOfTensors<Ts>;
  const out = allocate(dtype, sizeOf(shape));
  const along = normalizeAxis("concat", axis, shape);
  kernels().concat(tensors.map((t) => t.data), shapes, along, out);
  const joined = new Tensor<Ok<ConcatShape<ShapesOf<Ts>, Axis>>, DTypeOfTensors<Ts>>(
    shape,
    dtype,
    out,
  );
  // Each part's cotangent is its slab of the joined cotangent.
  const offsets = shapes.map((_, index) =>
    shapes.slice(0, index).reduce((total, part) => total + part[along], 0)
  );
  return record("concat", joined, tensors, (g) =>
    shapes.map((part, index) => {
      const begin = part.map((_, a) => (a === along ? offsets[index] : 0));
      return slice(g, begin, part);
    }));
}
