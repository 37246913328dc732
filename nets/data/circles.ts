/**
 * Two concentric circles, scikit-learn's `make_circles`: the 2-D set the
 * course's initialisation notebook trains on.
 *
 * @module
 */
import type { PRNGKey } from "../../core/random.ts";
import { normalArray } from "../../core/random.ts";
import { Tensor } from "../../core/tensor.ts";
import type { Dataset } from "./dataset.ts";
import { makeDataset } from "./dataset.ts";

/** Options of {@link circlesDataset}. */
export interface CirclesOptions {
  /** The number of points, an integer ≥ 2; 300 when absent (as in the course). */
  readonly size?: number;
  /** The standard deviation of the Gaussian noise added to each coordinate; 0.05 when absent. */
  readonly noise?: number;
  /** The inner circle's radius over the outer one's (1), in (0, 1); 0.8 when absent. */
  readonly factor?: number;
}

/**
 * Two circles, like `sklearn.datasets.make_circles(n_samples = size, noise,
 * factor)` without its shuffle: the first `⌊size/2⌋` points (class 0) on the
 * unit circle, the others (class 1) on the circle of radius `factor`, each
 * ring's angles evenly spaced over `[0, 2π)`, and every coordinate with
 * N(0, noise²) noise drawn from `key`. The same key gives the same points;
 * `fit` and `batches` shuffle.
 *
 * @throws {RangeError} when `size` is not an integer ≥ 2, `noise` is not a
 * finite number ≥ 0, or `factor` is not in (0, 1).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { circlesDataset } from "./circles.ts";
 * import { key } from "../../core/random.ts";
 * const rings = circlesDataset(key(1), { size: 300, noise: 0.05 });
 * assert.deepEqual(rings.images.shape, [300, 2]);
 * const [x, y] = rings.images.data; // the first point: the outer ring at angle 0
 * assert(Math.abs(Math.hypot(x, y) - 1) < 0.3);
 * ```
 */
export function circlesDataset(key: PRNGKey, options?: CirclesOptions): Dataset<[2], 2, "f32"> {
  const size = options?.size ?? 300;
  const noise = options?.noise ?? 0.05;
  const factor = options?.factor ?? 0.8;
  if (!Number.isSafeInteger(size) || size < 2) {
    throw new RangeError(`circlesDataset: size must be an integer >= 2, got ${size}`);
  }
  if (typeof noise !== "number" || !Number.isFinite(noise) || noise < 0) {
    throw new RangeError(`circlesDataset: noise must be a finite number >= 0, got ${noise}`);
  }
  if (typeof factor !== "number" || !(factor > 0 && factor < 1)) {
    throw new RangeError(`circlesDataset: factor must be in (0, 1), got ${factor}`);
  }
  const outer = Math.floor(size / 2);
  const gaussians = normalArray(key, 2 * size, { dtype: "f64" });
  const points = new Float32Array(2 * size);
  const labels = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const label = i < outer ? 0 : 1;
    const count = label === 0 ? outer : size - outer;
    const t = (2 * Math.PI * (label === 0 ? i : i - outer)) / count;
    const r = label === 0 ? 1 : factor;
    points[2 * i] = r * Math.cos(t) + noise * gaussians[2 * i];
    points[2 * i + 1] = r * Math.sin(t) + noise * gaussians[2 * i + 1];
    labels[i] = label;
  }
  return makeDataset(new Tensor<[number, 2]>([size, 2], "f32", points), labels, { classes: 2 });
}
