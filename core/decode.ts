/**
 * Decoding tensors from outside data with io-ts: nested arrays of unknown
 * shape and the `{ dtype, shape, data }` JSON form. Failures come back as a
 * `ValidationError` naming the path of the bad element.
 *
 * @module
 */
import * as t from "io-ts";
import * as E from "fp-ts/Either";
import { pipe } from "fp-ts/function";
import { ValidationError } from "./errors.ts";
import type { Shape } from "./shape.ts";
import { formatShape, sizeOf } from "./shape.ts";
import type { DType } from "./tensor.ts";
import { allocate, resolveDType, Tensor } from "./tensor.ts";
import { flattenNested, pathOf } from "./_nested.ts";
import type { Flattened } from "./_nested.ts";

/** A failed result, as fp-ts's `Left`. */
export interface Left<E> {
  /** Tells the two cases apart. */
  readonly _tag: "Left";
  /** The error. */
  readonly left: E;
}

/** A successful result, as fp-ts's `Right`. */
export interface Right<A> {
  /** Tells the two cases apart. */
  readonly _tag: "Right";
  /** The value. */
  readonly right: A;
}

/**
 * fp-ts's `Either`, restated so that the docs stand on their own; values are
 * interchangeable with fp-ts's (`E.isLeft`, `E.match`, `pipe`, …).
 */
export type Either<E, A> = Left<E> | Right<A>;

/** io-ts codec of rectangular nested arrays of numbers, decoded to their flat form. */
export const NestedNumbersCodec: t.Type<Flattened, unknown, unknown> = new t.Type<
  Flattened,
  unknown,
  unknown
>(
  "NestedNumbers",
  (u): u is Flattened => typeof u === "object" && u !== null && "shape" in u && "values" in u,
  (u, context) => {
    const flat = flattenNested(u);
    if ("problem" in flat) {
      const inner = flat.indices.map((index) => ({ key: String(index), type: t.number }));
      return t.failure(u, [...context, ...inner], flat.problem);
    }
    return t.success(flat);
  },
  (flat) => flat,
);

const NaturalCodec = t.refinement(
  t.number,
  (n) => Number.isSafeInteger(n) && n >= 0,
  "NonNegativeInteger",
);

/** The JSON form of a tensor. */
export interface TensorJSON {
  /** Element type. */
  readonly dtype: DType;
  /** Dims, outermost first. */
  readonly shape: number[];
  /** The elements, row-major. */
  readonly data: number[];
}

/** io-ts codec of the JSON form of a tensor: `{ dtype, shape, data }`. */
export const TensorJSONCodec: t.Type<TensorJSON, TensorJSON, unknown> = t.type({
  dtype: t.keyof({ f32: null, f64: null }),
  shape: t.array(NaturalCodec),
  data: t.array(t.number),
});

function toValidationError(errors: t.Errors): ValidationError {
  const error = errors[0];
  const keys = error.context.slice(1).map(({ key }) => /^\d+$/.test(key) ? Number(key) : key);
  const expected = error.context[error.context.length - 1]?.type.name ?? "a value";
  const got = JSON.stringify(error.value) ?? String(error.value);
  return new ValidationError(pathOf(keys), error.message ?? `expected ${expected}, got ${got}`);
}

/** Options of {@link decodeTensor}. */
export interface DecodeOptions<D extends DType, S extends Shape> {
  /** Element type; `"f32"` when absent. */
  readonly dtype?: D;
  /** The shape the data must have (symbolic dims are not allowed here). */
  readonly shape?: S;
}

/**
 * Decodes nested arrays of unknown shape (parsed JSON, say) into a tensor.
 * Ragged arrays, non-numbers and a shape other than `options.shape` come back
 * as `Left(ValidationError)` with the path of the bad element.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeTensor } from "./decode.ts";
 * const good = decodeTensor(JSON.parse("[[1, 2], [3, 4]]"), { shape: [2, 2] });
 * assert(good._tag === "Right");
 * const ragged = decodeTensor([[1, 2], [3]]);
 * assert(ragged._tag === "Left" && ragged.left.path === "$[1]");
 * ```
 */
export function decodeTensor<
  const S extends readonly number[] = number[],
  D extends DType = "f32",
>(input: unknown, options?: DecodeOptions<D, S>): Either<ValidationError, Tensor<[...S], D>> {
  return pipe(
    NestedNumbersCodec.decode(input),
    E.mapLeft(toValidationError),
    E.chain((flat) => {
      const expected = options?.shape;
      if (expected !== undefined) {
        for (let axis = 0; axis < Math.max(expected.length, flat.shape.length); axis++) {
          if (expected[axis] !== flat.shape[axis]) {
            return E.left(
              new ValidationError(
                pathOf(new Array(Math.min(axis, flat.shape.length)).fill(0)),
                `expected shape ${formatShape(expected)}, got ${formatShape(flat.shape)} ` +
                  `(axis ${axis} differs)`,
              ),
            );
          }
        }
      }
      const dtype = resolveDType("decodeTensor", options?.dtype);
      const data = allocate(dtype, flat.values.length);
      data.set(flat.values);
      return E.right(new Tensor<[...S], D>(flat.shape, dtype, data));
    }),
  );
}

/**
 * Decodes the JSON form `{ dtype, shape, data }` of a tensor, checking that
 * `data` has as many numbers as `shape` needs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeTensorJSON, encodeTensorJSON } from "./decode.ts";
 * import { tensor } from "./create.ts";
 * const back = decodeTensorJSON(encodeTensorJSON(tensor([[1, 2], [3, 4]])));
 * assert(back._tag === "Right");
 * ```
 */
export function decodeTensorJSON(
  input: unknown,
): Either<ValidationError, Tensor<number[], DType>> {
  return pipe(
    TensorJSONCodec.decode(input),
    E.mapLeft(toValidationError),
    E.chain(({ dtype, shape, data }) => {
      const size = sizeOf(shape);
      if (data.length !== size) {
        return E.left(
          new ValidationError(
            "$.data",
            `expected ${size} numbers for shape ${formatShape(shape)}, got ${data.length}`,
          ),
        );
      }
      const values = allocate(dtype, size);
      values.set(data);
      return E.right(new Tensor<number[], DType>(shape, dtype, values));
    }),
  );
}

/**
 * The JSON form of a tensor (`data` as a plain array of numbers).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { encodeTensorJSON } from "./decode.ts";
 * import { tensor } from "./create.ts";
 * assert(encodeTensorJSON(tensor([1, 2])).shape[0] === 2);
 * ```
 */
export function encodeTensorJSON(x: Tensor<Shape, DType>): TensorJSON {
  return { dtype: x.dtype, shape: [...(x.shape as readonly number[])], data: Array.from(x.data) };
}
