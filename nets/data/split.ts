/**
 * Train/dev/test splits of any labelled dataset.
 *
 * @module
 */
import type { Shape } from "../../core/shape.ts";
import type { DType } from "../../core/tensor.ts";
import type { PRNGKey } from "../../core/random.ts";
import type { Dataset } from "./dataset.ts";
import { permutation } from "./permutation.ts";
import { gatherDataset } from "./_gather.ts";

/** Options of {@link splitDataset}: the fractions of rows that go to dev and test. */
export interface SplitOptions {
  /** Fraction of the rows for the dev (hold-out) set, in [0, 1]; 0 when absent. */
  readonly dev?: number;
  /** Fraction of the rows for the test set, in [0, 1]; 0 when absent. */
  readonly test?: number;
}

/** The three parts of a split. */
export interface Splits<F extends Shape = [784], C extends number = 10, D extends DType = "f32"> {
  /** What the parameters are fitted on. */
  readonly train: Dataset<F, C, D>;
  /** What hyperparameters and early stopping are judged on. */
  readonly dev: Dataset<F, C, D>;
  /** What the final model is measured on, once. */
  readonly test: Dataset<F, C, D>;
}

function checkFraction(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`splitDataset: ${name} must be a fraction in [0, 1], got ${value}`);
  }
}

/**
 * Splits `dataset` at random into train, dev and test: the rows are drawn in
 * the order of `permutation(key, size)`; the first `round(dev · size)` go to
 * dev, the next `round(test · size)` to test, the rest to train. Each part
 * keeps the original order of its rows. The same key gives the same split.
 *
 * @throws {RangeError} when a fraction is outside [0, 1] or `dev + test > 1`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key } from "../../core/random.ts";
 * import { zeros } from "../../core/create.ts";
 * import { makeDataset } from "./dataset.ts";
 * import { splitDataset } from "./split.ts";
 * const data = makeDataset(zeros([100, 2]), new Array(100).fill(1), { classes: 2 });
 * const { train, dev, test } = splitDataset(data, key(0), { dev: 0.1, test: 0.2 });
 * assert.deepEqual([train.size, dev.size, test.size], [70, 10, 20]);
 * ```
 */
export function splitDataset<F extends Shape, C extends number, D extends DType>(
  dataset: Dataset<F, C, D>,
  key: PRNGKey,
  options: SplitOptions,
): Splits<F, C, D> {
  const devFraction = options.dev ?? 0;
  const testFraction = options.test ?? 0;
  checkFraction("dev", devFraction);
  checkFraction("test", testFraction);
  if (devFraction + testFraction > 1) {
    throw new RangeError(
      `splitDataset: dev + test must be at most 1, got ${devFraction} + ${testFraction}`,
    );
  }
  const size = dataset.size;
  const devSize = Math.round(devFraction * size);
  const testSize = Math.min(Math.round(testFraction * size), size - devSize);
  const order = permutation(key, size);
  const part = (start: number, end: number): Dataset<F, C, D> => {
    const rows = order.slice(start, end).sort();
    return gatherDataset(dataset, rows, 0, rows.length);
  };
  return {
    train: part(devSize + testSize, size),
    dev: part(0, devSize),
    test: part(devSize, devSize + testSize),
  };
}
