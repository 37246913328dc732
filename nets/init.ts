/**
 * Weight initialisers: functions `(key, [nOut, nIn], options?) → Tensor` that
 * draw a dense layer's `W` (`[n_out, n_in]`, the course's `W[l]`). Biases
 * start at zero whatever the initialiser.
 *
 * | initialiser          | entries                              | use with                 |
 * | -------------------- | ------------------------------------ | ------------------------ |
 * | `zeros`              | 0 (hidden units stay identical)      | logistic regression only |
 * | `scaledNormal(0.01)` | N(0, 0.01²)                          | shallow nets             |
 * | `he`                 | N(0, 2/n_in)                         | relu                     |
 * | `xavier`             | N(0, 1/n_in)                         | tanh                     |
 * | `glorot`             | N(0, 2/(n_in + n_out))               | tanh, sigmoid            |
 *
 * @module
 */
import type { DType, Tensor } from "../core/tensor.ts";
import { allocate, resolveDType, Tensor as TensorClass } from "../core/tensor.ts";
import { checkShape, formatShape, sizeOf } from "../core/shape.ts";
import { ShapeError } from "../core/errors.ts";
import type { PRNGKey } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";

/** Options of an {@link Initializer}. */
export interface InitOptions<D extends DType> {
  /** Element type; `"f32"` when absent. */
  readonly dtype?: D;
}

/**
 * A weight initialiser: draws a `[nOut, nIn]` matrix from `key`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Initializer } from "./init.ts";
 * import { he } from "./init.ts";
 * import { key } from "../core/random.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const init: Initializer = he;
 * const w: Tensor<[128, 784], "f64"> = init(key(0), [128, 784], { dtype: "f64" });
 * assert.deepEqual(w.shape, [128, 784]);
 * ```
 */
export type Initializer = <const S extends readonly [number, number], D extends DType = "f32">(
  key: PRNGKey,
  shape: S,
  options?: InitOptions<D>,
) => Tensor<[...S], D>;

function checkMatrix(op: string, shape: readonly number[]): void {
  if (!Array.isArray(shape) || shape.length !== 2) {
    throw new ShapeError(
      `${op}: expected a weight shape [nOut, nIn], got ${
        Array.isArray(shape) ? formatShape(shape) : String(shape)
      }`,
    );
  }
  checkShape(op, shape);
}

/** An initialiser drawing N(0, std²), with `std` computed from `[nOut, nIn]`. */
function normalWith(op: string, std: (nOut: number, nIn: number) => number): Initializer {
  return <const S extends readonly [number, number], D extends DType = "f32">(
    key: PRNGKey,
    shape: S,
    options?: InitOptions<D>,
  ): Tensor<[...S], D> => {
    checkMatrix(op, shape);
    const dtype = resolveDType(op, options?.dtype);
    const [nOut, nIn] = shape;
    const deviation = nOut * nIn === 0 ? 0 : std(nOut, nIn);
    return randomNormal(key, shape, { dtype, std: deviation }) as Tensor<[...S], D>;
  };
}

/**
 * All zeros. Every hidden unit then computes the same function and gets the
 * same gradient, so gradient descent never tells them apart (the symmetry
 * problem); fine for logistic regression, which has no hidden layer. The key
 * is not used.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { zeros } from "./init.ts";
 * import { key } from "../core/random.ts";
 * assert(zeros(key(0), [3, 2]).data.every((x) => x === 0));
 * ```
 */
export function zeros<const S extends readonly [number, number], D extends DType = "f32">(
  _key: PRNGKey,
  shape: S,
  options?: InitOptions<D>,
): Tensor<[...S], D> {
  checkMatrix("zeros", shape);
  const dtype = resolveDType("zeros", options?.dtype);
  return new TensorClass<[...S], D>(shape, dtype, allocate(dtype, sizeOf(shape)));
}

/**
 * Normal entries of standard deviation `scale` (0.01 when absent): the
 * course's `np.random.randn(n_out, n_in) * 0.01`. Small weights keep tanh and
 * sigmoid units out of their flat tails, but in deep nets the signal shrinks
 * layer by layer; prefer {@link he} or {@link glorot} there.
 *
 * @throws {RangeError} when `scale` is negative or not finite.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scaledNormal } from "./init.ts";
 * import { key } from "../core/random.ts";
 * const w = scaledNormal(0.01)(key(0), [4, 3]);
 * assert(w.data.every((x) => Math.abs(x) < 0.1));
 * ```
 */
export function scaledNormal(scale = 0.01): Initializer {
  if (typeof scale !== "number" || !Number.isFinite(scale) || scale < 0) {
    throw new RangeError(`scaledNormal: scale must be a finite number >= 0, got ${scale}`);
  }
  return normalWith("scaledNormal", () => scale);
}

/**
 * He initialisation: N(0, 2/n_in), standard deviation `√(2/n_in)`, which
 * keeps the variance of relu activations steady from layer to layer (He et
 * al. 2015). Like `jax.nn.initializers.he_normal` without its truncation and
 * `torch.nn.init.kaiming_normal_` (fan-in, relu gain).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { he } from "./init.ts";
 * import { key } from "../core/random.ts";
 * const w = he(key(0), [256, 512], { dtype: "f64" });
 * const std = Math.sqrt(w.data.reduce((s, x) => s + x * x, 0) / w.size);
 * assert(Math.abs(std / Math.sqrt(2 / 512) - 1) < 0.01);
 * ```
 */
export const he: Initializer = normalWith("he", (_nOut, nIn) => Math.sqrt(2 / nIn));

/**
 * Xavier initialisation as the course writes it: N(0, 1/n_in), standard
 * deviation `√(1/n_in)`, for tanh layers. Like
 * `jax.nn.initializers.lecun_normal` without its truncation.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { xavier } from "./init.ts";
 * import { key } from "../core/random.ts";
 * const w = xavier(key(0), [256, 400], { dtype: "f64" });
 * const std = Math.sqrt(w.data.reduce((s, x) => s + x * x, 0) / w.size);
 * assert(Math.abs(std / Math.sqrt(1 / 400) - 1) < 0.01);
 * ```
 */
export const xavier: Initializer = normalWith("xavier", (_nOut, nIn) => Math.sqrt(1 / nIn));

/**
 * Glorot (Bengio's) initialisation: N(0, 2/(n_in + n_out)), standard deviation
 * `√(2/(n_in + n_out))`, a compromise between the forward and the backward
 * pass. Like `jax.nn.initializers.glorot_normal` without its truncation and
 * `torch.nn.init.xavier_normal_`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { glorot } from "./init.ts";
 * import { key } from "../core/random.ts";
 * const w = glorot(key(0), [300, 500], { dtype: "f64" });
 * const std = Math.sqrt(w.data.reduce((s, x) => s + x * x, 0) / w.size);
 * assert(Math.abs(std / Math.sqrt(2 / 800) - 1) < 0.01);
 * ```
 */
export const glorot: Initializer = normalWith(
  "glorot",
  (nOut, nIn) => Math.sqrt(2 / (nIn + nOut)),
);
