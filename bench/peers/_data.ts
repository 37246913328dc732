/**
 * The inputs every library gets, made deterministically from fixed keys so
 * that each benchmark process builds the same bytes: the MNIST digits
 * (normalised with the training set's statistics, shuffled once, cut into
 * batches of 64), the initial params, and uniform operands for the GEMM and
 * conv workloads.
 *
 * @module
 */
import { foldIn, key, normalArray, split, uniformArray } from "../../core/random.ts";
import { loadMnist } from "../../nets/data/mnist.ts";
import { fitNormalizer, normalize } from "../../nets/data/normalize.ts";
import { permutation } from "../../nets/data/permutation.ts";
import type {
  Batch,
  ConvData,
  ConvInit,
  ConvSpec,
  DenseInit,
  GemmSpec,
  LenetInit,
  MlpInit,
} from "./_protocol.ts";
import { convOutSize } from "./_protocol.ts";

/** Rows per training batch. */
export const BATCH = 64;
/** Rows of the evaluation batch (from the test split). */
export const EVAL_ROWS = 512;

/** Training batches and the evaluation batch. */
export interface MnistBatches {
  /** 125 batches of 64 shuffled training digits. */
  readonly batches: Batch[];
  /** 512 shuffled test digits. */
  readonly evalBatch: Batch;
}

function rowsOf(
  images: Float32Array,
  onehot: Float32Array,
  order: Int32Array,
  from: number,
  rows: number,
): Batch {
  const x = new Float32Array(rows * 784);
  const y = new Float32Array(rows * 10);
  for (let r = 0; r < rows; r++) {
    const source = order[from + r];
    x.set(images.subarray(source * 784, source * 784 + 784), r * 784);
    y.set(onehot.subarray(source * 10, source * 10 + 10), r * 10);
  }
  return { rows, x, y };
}

/**
 * The MNIST split of `nets/data/mnist.ts`, normalised with one mean and σ
 * of the training pixels, shuffled with fixed keys, in batches.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mnistBatches } from "./_data.ts";
 * const { batches, evalBatch } = await mnistBatches();
 * assert.equal(batches.length, 125);
 * assert.equal(evalBatch.x.length, 512 * 784);
 * ```
 */
export async function mnistBatches(): Promise<MnistBatches> {
  const { train, test } = await loadMnist();
  const stats = fitNormalizer(train.images, { perFeature: false });
  const trainX = normalize(train.images, stats).data as Float32Array;
  const testX = normalize(test.images, stats).data as Float32Array;
  const [trainKey, testKey] = split(key(7), 2);
  const order = permutation(trainKey, train.size);
  const batches: Batch[] = [];
  for (let from = 0; from + BATCH <= train.size; from += BATCH) {
    batches.push(rowsOf(trainX, train.onehot.data, order, from, BATCH));
  }
  const testOrder = permutation(testKey, test.size);
  return { batches, evalBatch: rowsOf(testX, test.onehot.data, testOrder, 0, EVAL_ROWS) };
}

function heDense(k: ReturnType<typeof key>, nIn: number, nOut: number): DenseInit {
  const w = normalArray(k, nOut * nIn);
  const scale = Math.sqrt(2 / nIn);
  for (let i = 0; i < w.length; i++) w[i] *= scale;
  return { nIn, nOut, w, b: new Float32Array(nOut) };
}

function heConv(k: ReturnType<typeof key>, f: number, cIn: number, cOut: number): ConvInit {
  const w = normalArray(k, f * f * cIn * cOut);
  const scale = Math.sqrt(2 / (f * f * cIn));
  for (let i = 0; i < w.length; i++) w[i] *= scale;
  return { f, cIn, cOut, w, b: new Float32Array(cOut) };
}

/**
 * He-normal weights and zero biases for the 784-128-64-10 MLP.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mlpInit } from "./_data.ts";
 * const layers = mlpInit();
 * assert.deepEqual(layers.map((l) => [l.nOut, l.nIn]), [[128, 784], [64, 128], [10, 64]]);
 * ```
 */
export function mlpInit(): MlpInit {
  const sizes = [784, 128, 64, 10];
  const keys = split(key(1), 3);
  return keys.map((k, l) => heDense(k, sizes[l], sizes[l + 1]));
}

/**
 * He-normal weights and zero biases for LeNet-5 (conv 5×5×6 same, conv
 * 5×5×16 valid, dense 400-120-84-10).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lenetInit } from "./_data.ts";
 * const { conv2, dense } = lenetInit();
 * assert.equal(conv2.w.length, 5 * 5 * 6 * 16);
 * assert.deepEqual(dense.map((l) => l.nIn), [400, 120, 84]);
 * ```
 */
export function lenetInit(): LenetInit {
  const [k1, k2, k3, k4, k5] = split(key(2), 5);
  return {
    conv1: heConv(k1, 5, 1, 6),
    conv2: heConv(k2, 5, 6, 16),
    dense: [heDense(k3, 400, 120), heDense(k4, 120, 84), heDense(k5, 84, 10)],
  };
}

/**
 * Operands in [-1, 1) for a GEMM, stored as the spec says.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gemmOperands } from "./_data.ts";
 * const [a, b] = gemmOperands({ name: "t", m: 2, k: 3, n: 4, transA: false, transB: false }, 0);
 * assert.deepEqual([a.length, b.length], [6, 12]);
 * ```
 */
export function gemmOperands(spec: GemmSpec, index: number): [Float32Array, Float32Array] {
  const [ka, kb] = split(foldIn(key(3), index), 2);
  return [
    uniformArray(ka, spec.m * spec.k, { low: -1, high: 1 }),
    uniformArray(kb, spec.k * spec.n, { low: -1, high: 1 }),
  ];
}

/**
 * Input, filter and output cotangent in [-1, 1) for a conv workload.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CONVS } from "./_protocol.ts";
 * import { convData } from "./_data.ts";
 * const { x, w, g } = convData(CONVS[1], 1);
 * assert.deepEqual([x.length, w.length, g.length], [64 * 14 * 14 * 6, 5 * 5 * 6 * 16, 64 * 10 * 10 * 16]);
 * ```
 */
export function convData(spec: ConvSpec, index: number): ConvData {
  const [kx, kw, kg] = split(foldIn(key(4), index), 3);
  const out = convOutSize(spec);
  const range = { low: -1, high: 1 };
  return {
    x: uniformArray(kx, spec.batch * spec.size * spec.size * spec.cIn, range),
    w: uniformArray(kw, spec.f * spec.f * spec.cIn * spec.cOut, range),
    g: uniformArray(kg, spec.batch * out * out * spec.cOut, range),
  };
}
