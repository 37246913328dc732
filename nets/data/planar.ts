/**
 * The course's planar "flower": two classes of 2-D points on the petals of
 * the curve `r = a·sin(4θ)`, a set that no straight line separates.
 *
 * @module
 */
import type { PRNGKey } from "../../core/random.ts";
import { normalArray } from "../../core/random.ts";
import { Tensor } from "../../core/tensor.ts";
import type { Dataset } from "./dataset.ts";
import { makeDataset } from "./dataset.ts";

/** Options of {@link planarDataset}. */
export interface PlanarOptions {
  /** The number of points, an even integer ≥ 2 (half per class); 400 when absent. */
  readonly size?: number;
  /** The standard deviation of the noise on θ and on r; 0.2 when absent. */
  readonly noise?: number;
  /** `a`, the longest petal; 4 when absent. */
  readonly radius?: number;
}

/**
 * The planar "flower" of the course's shallow-network week
 * (`load_planar_dataset`): `size / 2` points per class; class `j` takes
 * angles `t` evenly spaced over `[3.12·j, 3.12·(j + 1)]` plus N(0, noise²),
 * radii `r = radius·sin(4t)` plus N(0, noise²), and the point
 * `(r·sin t, r·cos t)`. Class 0 comes first, then class 1; `fit` and
 * `batches` shuffle. The noise is drawn from `key` (the course seeds numpy
 * with 1; our generator differs, so the points do too), so the same key gives
 * the same points.
 *
 * @throws {RangeError} when `size` is not an even integer ≥ 2, or `noise` or
 * `radius` is not a finite number ≥ 0.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { planarDataset } from "./planar.ts";
 * import { key } from "../../core/random.ts";
 * import type { Dataset } from "./dataset.ts";
 * const flower: Dataset<[2], 2> = planarDataset(key(1));
 * assert.deepEqual(flower.images.shape, [400, 2]);
 * assert.equal(flower.labels.filter((label) => label === 1).length, 200);
 * ```
 */
export function planarDataset(key: PRNGKey, options?: PlanarOptions): Dataset<[2], 2, "f32"> {
  const size = options?.size ?? 400;
  const noise = options?.noise ?? 0.2;
  const radius = options?.radius ?? 4;
  if (!Number.isSafeInteger(size) || size < 2 || size % 2 !== 0) {
    throw new RangeError(`planarDataset: size must be an even integer >= 2, got ${size}`);
  }
  for (const [name, value] of [["noise", noise], ["radius", radius]] as const) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`planarDataset: ${name} must be a finite number >= 0, got ${value}`);
    }
  }
  const perClass = size / 2;
  const gaussians = normalArray(key, 2 * size, { dtype: "f64" });
  const points = new Float32Array(2 * size);
  const labels = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const j = i < perClass ? 0 : 1;
    const k = i - j * perClass;
    const spaced = perClass === 1 ? 0 : (3.12 * k) / (perClass - 1);
    const t = 3.12 * j + spaced + noise * gaussians[i];
    const r = radius * Math.sin(4 * t) + noise * gaussians[size + i];
    points[2 * i] = r * Math.sin(t);
    points[2 * i + 1] = r * Math.cos(t);
    labels[i] = j;
  }
  return makeDataset(new Tensor<[number, 2]>([size, 2], "f32", points), labels, { classes: 2 });
}
