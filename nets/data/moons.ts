/**
 * Two interleaving half circles, scikit-learn's `make_moons`: the 2-D set
 * the course's optimisation week trains on.
 *
 * @module
 */
import type { PRNGKey } from "../../core/random.ts";
import { normalArray } from "../../core/random.ts";
import { Tensor } from "../../core/tensor.ts";
import type { Dataset } from "./dataset.ts";
import { makeDataset } from "./dataset.ts";

/** Options of {@link moonsDataset}. */
export interface MoonsOptions {
  /** The number of points, an integer ≥ 2; 300 when absent (as in the course). */
  readonly size?: number;
  /** The standard deviation of the Gaussian noise added to each coordinate; 0.2 when absent. */
  readonly noise?: number;
}

/**
 * Two moons, like `sklearn.datasets.make_moons(n_samples = size, noise)`
 * without its shuffle: the first `⌊size/2⌋` points (class 0) lie on the
 * upper half circle `(cos t, sin t)`, the others (class 1) on the lower one
 * `(1 − cos t, 0.5 − sin t)`, `t` evenly spaced over `[0, π]` in each, and
 * every coordinate gets N(0, noise²) noise drawn from `key`. The same key
 * gives the same points; `fit` and `batches` shuffle.
 *
 * @throws {RangeError} when `size` is not an integer ≥ 2 or `noise` is not a
 * finite number ≥ 0.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { moonsDataset } from "./moons.ts";
 * import { key } from "../../core/random.ts";
 * import type { Dataset } from "./dataset.ts";
 * const moons: Dataset<[2], 2> = moonsDataset(key(3), { size: 300, noise: 0.2 });
 * assert.deepEqual(moons.images.shape, [300, 2]);
 * assert.equal(moons.labels.filter((label) => label === 1).length, 150);
 * ```
 */
export function moonsDataset(key: PRNGKey, options?: MoonsOptions): Dataset<[2], 2, "f32"> {
  const size = options?.size ?? 300;
  const noise = options?.noise ?? 0.2;
  if (!Number.isSafeInteger(size) || size < 2) {
    throw new RangeError(`moonsDataset: size must be an integer >= 2, got ${size}`);
  }
  if (typeof noise !== "number" || !Number.isFinite(noise) || noise < 0) {
    throw new RangeError(`moonsDataset: noise must be a finite number >= 0, got ${noise}`);
  }
  const outer = Math.floor(size / 2);
  const gaussians = normalArray(key, 2 * size, { dtype: "f64" });
  const points = new Float32Array(2 * size);
  const labels = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const label = i < outer ? 0 : 1;
    const count = label === 0 ? outer : size - outer;
    const index = label === 0 ? i : i - outer;
    const t = count === 1 ? 0 : (Math.PI * index) / (count - 1);
    const [x, y] = label === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    points[2 * i] = x + noise * gaussians[2 * i];
    points[2 * i + 1] = y + noise * gaussians[2 * i + 1];
    labels[i] = label;
  }
  return makeDataset(new Tensor<[number, 2]>([size, 2], "f32", points), labels, { classes: 2 });
}
