/**
 * Constructors: `tensor` (from a nested literal, shape inferred), `zeros`,
 * `ones`, `full`, `scalar`, `fromArray`.
 *
 * @module
 */
import type { IsUnion } from "./type_utils.ts";
import type { Guard, Shape } from "./shape.ts";
import { checkShape, formatShape, sizeOf } from "./shape.ts";
import { ShapeError, ValidationError } from "./errors.ts";
import type { DataOf, DType } from "./tensor.ts";
import { allocate, resolveDType, Tensor } from "./tensor.ts";
import { flattenNested, pathOf } from "./_nested.ts";

/** Nested arrays of numbers, as written in a literal. */
export type NestedNumbers = number | readonly NestedNumbers[];

/** Options of the constructors. */
export interface CreateOptions<D extends DType> {
  /** Element type; `"f32"` when omitted. */
  readonly dtype?: D;
}

/** The common shape of the rows of a nested literal, or a `ShapeError` when they differ. */
export type LiteralRowsShape<Rows, Depth extends unknown[]> = true extends
  IsUnion<LiteralShape<Rows, Depth>>
  ? ShapeError<"tensor: ragged nested array (rows of different shapes)">
  : LiteralShape<Rows, Depth>;

/**
 * The shape of a nested literal: `[[1, 2, 3], [4, 5, 6]]` → `[2, 3]`; an
 * array whose length the types do not know gives `number`; ragged rows give a
 * {@link ShapeError}. Literals nest at most 12 deep.
 */
export type LiteralShape<T, Depth extends unknown[] = []> = Depth["length"] extends 12 ? Shape
  : T extends number ? []
  : T extends readonly [] ? [0]
  : T extends readonly NestedNumbers[]
    ? LiteralRowsShape<T[number], [...Depth, unknown]> extends infer Row
      ? Row extends ShapeError ? Row
      : Row extends infer R extends Shape
        ? [number extends T["length"] ? number : T["length"], ...R]
      : never
    : never
  : never;

/**
 * A tensor from a nested array literal; its shape is inferred from the
 * literal, and a ragged literal does not compile. At run time the input is
 * checked too: ragged arrays or non-numbers throw a `ValidationError` naming
 * the path of the bad element.
 *
 * @example
 * ```ts
 * import { tensor } from "./create.ts";
 * import type { Tensor } from "./tensor.ts";
 * const x: Tensor<[2, 3]> = tensor([[1, 2, 3], [4, 5, 6]]);
 * const y: Tensor<[2], "f64"> = tensor([1, 2], { dtype: "f64" });
 * ```
 */
export function tensor<const T extends NestedNumbers, D extends DType = "f32">(
  values: T & NoInfer<Guard<LiteralShape<T>>>,
  options?: CreateOptions<D>,
): Tensor<LiteralShape<T> extends infer S extends Shape ? S : never, NoInfer<D>>;
export function tensor<D extends DType>(
  values: NestedNumbers,
  options?: CreateOptions<D>,
): Tensor<Shape, D> {
  const dtype = resolveDType("tensor", options?.dtype);
  const flat = flattenNested(values);
  if ("problem" in flat) throw new ValidationError(pathOf(flat.indices), flat.problem);
  const data = allocate(dtype, flat.values.length);
  data.set(flat.values);
  return new Tensor(flat.shape, dtype, data);
}

/**
 * A tensor of `shape` with every element equal to `value`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { full } from "./create.ts";
 * assert(full([2, 2], 7).data[3] === 7);
 * ```
 */
export function full<const S extends readonly number[], D extends DType = "f32">(
  shape: S,
  value: number,
  options?: CreateOptions<D>,
): Tensor<[...S], NoInfer<D>> {
  if (typeof value !== "number") {
    throw new TypeError(`full: value must be a number, got ${typeof value}`);
  }
  const dtype = resolveDType("full", options?.dtype);
  checkShape("full", shape);
  const data = allocate(dtype, sizeOf(shape));
  if (!Object.is(value, 0)) data.fill(value);
  return new Tensor<[...S], D>(shape, dtype, data);
}

/**
 * A tensor of zeros.
 *
 * @example
 * ```ts
 * import { zeros } from "./create.ts";
 * import type { Tensor } from "./tensor.ts";
 * const w: Tensor<[128, 784]> = zeros([128, 784]);
 * ```
 */
export function zeros<const S extends readonly number[], D extends DType = "f32">(
  shape: S,
  options?: CreateOptions<D>,
): Tensor<[...S], NoInfer<D>> {
  return full(shape, 0, options);
}

/**
 * A tensor of ones.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ones } from "./create.ts";
 * assert(ones([3], { dtype: "f64" }).data[2] === 1);
 * ```
 */
export function ones<const S extends readonly number[], D extends DType = "f32">(
  shape: S,
  options?: CreateOptions<D>,
): Tensor<[...S], NoInfer<D>> {
  return full(shape, 1, options);
}

/**
 * A rank-0 tensor.
 *
 * @example
 * ```ts
 * import { scalar } from "./create.ts";
 * import type { Tensor } from "./tensor.ts";
 * const loss: Tensor<[]> = scalar(0.5);
 * ```
 */
export function scalar<D extends DType = "f32">(
  value: number,
  options?: CreateOptions<D>,
): Tensor<[], NoInfer<D>> {
  return full([], value, options);
}

/** The dtype that `fromArray` gives to each kind of flat data. */
export type DTypeOfData<A> = A extends Float64Array ? "f64" : "f32";

/**
 * A tensor from flat row-major data and a shape. The dtype follows the data
 * (`Float64Array` → `"f64"`, `Float32Array` or `number[]` → `"f32"`); the data
 * is copied; its length must equal the number of elements of `shape`.
 *
 * @example
 * ```ts
 * import { fromArray } from "./create.ts";
 * import type { Tensor } from "./tensor.ts";
 * const x: Tensor<[2, 2], "f64"> = fromArray(new Float64Array([1, 2, 3, 4]), [2, 2]);
 * ```
 */
export function fromArray<
  A extends Float32Array | Float64Array | readonly number[],
  const S extends readonly number[],
>(data: A, shape: S): Tensor<[...S], DTypeOfData<A>> {
  checkShape("fromArray", shape);
  const size = sizeOf(shape);
  if (data.length !== size) {
    throw new ShapeError(
      `Cannot make a tensor of shape ${formatShape(shape)} from ${data.length} elements: ` +
        `the shape needs ${size}`,
    );
  }
  const dtype = (data instanceof Float64Array ? "f64" : "f32") as DTypeOfData<A>;
  const copy = allocate(dtype, size) as DataOf<DType>;
  if (Array.isArray(data)) {
    for (let i = 0; i < size; i++) {
      const value = data[i];
      if (typeof value !== "number") {
        throw new ValidationError(`$[${i}]`, `expected a number, got ${typeof value}`);
      }
      copy[i] = value;
    }
  } else {
    copy.set(data as Float32Array | Float64Array);
  }
  return new Tensor<[...S], DTypeOfData<A>>(shape, dtype, copy as DataOf<DTypeOfData<A>>);
}
