/**
 * The immutable tensor: a static shape `S` in its type, a dtype, and a
 * contiguous row-major typed array.
 *
 * @module
 */
import type { Dim, RuntimeShape, Shape } from "./shape.ts";
import { checkShape, formatShape, sizeOf } from "./shape.ts";
import { DTypeError, ShapeError } from "./errors.ts";

/** Element types: `"f32"` (the default) and `"f64"` (gradient checks, precision). */
export type DType = "f32" | "f64";

/** The typed array behind a dtype. */
export type DataOf<D extends DType> = D extends "f64" ? Float64Array : Float32Array;

/** Nested arrays of numbers of any depth: what `toArray` gives when the rank is unknown. */
export type NestedValues = number | NestedValues[];

/** Nested arrays of numbers with the structure of shape `S` (`number` for a scalar). */
export type NestedArray<S extends Shape> = number extends S["length"] ? NestedValues
  : S extends readonly [Dim, ...infer Rest extends Dim[]] ? NestedArray<Rest>[]
  : number;

declare const staticShape: unique symbol;

/**
 * An immutable tensor of static shape `S` and dtype `D`.
 *
 * `shape` holds the dims at run time (symbolic dims are plain numbers then),
 * `data` the elements in row-major order. No op writes into `data`: it is
 * read-only by contract, and ops may share it (a reshape does).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tensor } from "./create.ts";
 * import type { Tensor } from "./tensor.ts";
 * const x: Tensor<[2, 3]> = tensor([[1, 2, 3], [4, 5, 6]]);
 * assert(x.shape[1] === 3 && x.data[4] === 5);
 * ```
 */
export class Tensor<S extends Shape = Shape, D extends DType = "f32"> {
  /** The static shape; exists only for the type checker. */
  declare readonly [staticShape]: S;
  /** The dims, outermost first. */
  readonly shape: RuntimeShape<S>;
  /** The element type. */
  readonly dtype: D;
  /** The elements, row-major, contiguous; never write into it. */
  readonly data: DataOf<D>;
  /** The number of elements. */
  readonly size: number;

  /**
   * Wraps `data` as a tensor of `shape` without copying. Prefer the
   * constructors (`tensor`, `zeros`, `fromArray`, …), which validate.
   */
  constructor(shape: readonly number[], dtype: D, data: DataOf<D>) {
    checkShape("Tensor", shape);
    const size = sizeOf(shape);
    if (data.length !== size) {
      throw new ShapeError(
        `Cannot make a tensor of shape ${
          formatShape(shape)
        } from ${data.length} elements: it needs ${size}`,
      );
    }
    this.shape = Object.freeze([...shape]) as unknown as RuntimeShape<S>;
    this.dtype = dtype;
    this.data = data;
    this.size = size;
    Object.freeze(this);
  }

  /** The rank (number of dims). */
  get rank(): S["length"] {
    return this.shape.length;
  }

  /**
   * The elements as nested arrays (a plain number for a scalar).
   *
   * @example
   * ```ts
   * import assert from "node:assert/strict";
   * import { tensor } from "./create.ts";
   * const rows: number[][] = tensor([[1, 2], [3, 4]]).toArray();
   * assert(rows[1][0] === 3);
   * ```
   */
  toArray(): NestedArray<S> {
    const shape = this.shape as readonly number[];
    const data = this.data;
    const build = (axis: number, offset: number, stride: number): unknown => {
      if (axis === shape.length) return data[offset];
      const dim = shape[axis];
      const inner = dim === 0 ? 0 : stride / dim;
      const out = new Array<unknown>(dim);
      for (let i = 0; i < dim; i++) out[i] = build(axis + 1, offset + i * inner, inner);
      return out;
    };
    return build(0, 0, this.size) as NestedArray<S>;
  }

  /** A short description: `Tensor<f32>[2, 3]`. */
  toString(): string {
    return `Tensor<${this.dtype}>${formatShape(this.shape as readonly number[])}`;
  }
}

/** A tensor whose static shape is unknown (any rank). */
export type AnyTensor<D extends DType = DType> = Tensor<Shape, D>;

/** The static shape of a tensor type. */
export type ShapeOf<T> = T extends Tensor<infer S, DType> ? S : never;

/** Allocates the typed array for `size` elements of `dtype`. */
export function allocate<D extends DType>(dtype: D, size: number): DataOf<D> {
  return (dtype === "f64" ? new Float64Array(size) : new Float32Array(size)) as DataOf<D>;
}

/**
 * The dtype an op was asked for (`"f32"` when absent); throws a
 * {@link DTypeError} for anything else, such as `"f16"`.
 */
export function resolveDType<D extends DType>(op: string, dtype: D | undefined): D {
  const resolved = dtype ?? "f32";
  if (resolved !== "f32" && resolved !== "f64") {
    throw new DTypeError(`${op}: dtype must be "f32" or "f64", got ${JSON.stringify(resolved)}`);
  }
  return resolved as D;
}
