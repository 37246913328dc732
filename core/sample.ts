/**
 * Random tensors drawn from explicit PRNG keys: the same key gives the same
 * numbers on every machine.
 *
 * @module
 */
import { checkShape, sizeOf } from "./shape.ts";
import type { DType } from "./tensor.ts";
import { resolveDType, Tensor } from "./tensor.ts";
import type { PRNGKey } from "./random.ts";
import { normalArray, uniformArray } from "./random.ts";

/** Options of {@link randomNormal}. */
export interface NormalOptions<D extends DType> {
  /** Element type; `"f32"` when absent. */
  readonly dtype?: D;
  /** Mean; 0 when absent. */
  readonly mean?: number;
  /** Standard deviation; 1 when absent (He initialisation passes `Math.sqrt(2 / nIn)`). */
  readonly std?: number;
}

/** Options of {@link randomUniform}. */
export interface UniformOptions<D extends DType> {
  /** Element type; `"f32"` when absent. */
  readonly dtype?: D;
  /** Lower bound (included); 0 when absent. */
  readonly low?: number;
  /** Upper bound (excluded); 1 when absent. */
  readonly high?: number;
}

/**
 * Normal samples of `shape` from `key` (like `jax.random.normal`).
 *
 * @example
 * ```ts
 * import { key } from "./random.ts";
 * import { randomNormal } from "./sample.ts";
 * import type { Tensor } from "./tensor.ts";
 * const w: Tensor<[128, 784]> = randomNormal(key(0), [128, 784], { std: Math.sqrt(2 / 784) });
 * ```
 */
export function randomNormal<const S extends readonly number[], D extends DType = "f32">(
  key: PRNGKey,
  shape: S,
  options?: NormalOptions<D>,
): Tensor<[...S], NoInfer<D>> {
  checkShape("randomNormal", shape);
  const mean = options?.mean ?? 0;
  const std = options?.std ?? 1;
  if (!Number.isFinite(mean) || !Number.isFinite(std) || std < 0) {
    throw new RangeError(
      `randomNormal: mean must be finite and std finite and >= 0, got mean ${mean}, std ${std}`,
    );
  }
  const dtype = resolveDType("randomNormal", options?.dtype);
  const data = normalArray(key, sizeOf(shape), { dtype });
  if (mean !== 0 || std !== 1) {
    for (let i = 0; i < data.length; i++) data[i] = mean + std * data[i];
  }
  return new Tensor<[...S], D>(shape, dtype, data);
}

/**
 * Uniform samples in `[low, high)` of `shape` from `key` (like
 * `jax.random.uniform`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key } from "./random.ts";
 * import { randomUniform } from "./sample.ts";
 * const u = randomUniform(key(1), [2, 3], { low: -1, high: 1 });
 * assert(u.data.every((x) => x >= -1 && x < 1));
 * ```
 */
export function randomUniform<const S extends readonly number[], D extends DType = "f32">(
  key: PRNGKey,
  shape: S,
  options?: UniformOptions<D>,
): Tensor<[...S], NoInfer<D>> {
  checkShape("randomUniform", shape);
  const dtype = resolveDType("randomUniform", options?.dtype);
  const data = uniformArray(key, sizeOf(shape), {
    dtype,
    low: options?.low ?? 0,
    high: options?.high ?? 1,
  });
  return new Tensor<[...S], D>(shape, dtype, data);
}
