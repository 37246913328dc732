/**
 * What every library in the peer benchmark implements, and the workloads
 * they share: the GEMM shapes of the MLP step, the two LeNet convolutions,
 * and the data and initial params every library starts from (all in
 * shapeflow's layouts: images NHWC, filters HWIO, dense weights
 * `[nOut, nIn]`; a peer converts them to its own once, outside the timing).
 *
 * @module
 */

/** The workloads, as named by `--only`. */
export type WorkloadId = "mlp" | "gemm" | "conv" | "lenet";

/** Every workload, in the order the suite runs and prints them. */
export const WORKLOADS: readonly WorkloadId[] = ["mlp", "gemm", "conv", "lenet"];

/** One timed unit of work: `run` starts it, `sync` waits until every started run has finished. */
export interface Runner {
  /** Does (or, on an asynchronous library, dispatches) one iteration. */
  run(): void;
  /** Resolves when all dispatched iterations have finished. */
  sync(): Promise<void>;
  /** Frees what the runner holds. */
  dispose(): void;
}

/** A training loop: `run` is one optimiser step on the next mini-batch. */
export interface Trainer extends Runner {
  /** The loss on the fixed evaluation batch at the current params. */
  evalLoss(): Promise<number>;
}

/** A GEMM runner that can hand back its last product, for a spot check. */
export interface GemmRunner extends Runner {
  /** The product `[m, n]`, row-major. */
  product(): Promise<Float32Array>;
}

/** A conv forward + backward runner; `sums` gives Σy, Σdx, Σdw of the last run. */
export interface ConvRunner extends Runner {
  /** Σ of the output, the input gradient and the filter gradient. */
  sums(): Promise<[number, number, number]>;
}

/**
 * A matrix product `op(A)·op(B)` of `[m, k]` by `[k, n]`. With `transA`, A is
 * stored `[k, m]`; with `transB`, B is stored `[n, k]`; each library uses its
 * own way to multiply by a transpose.
 */
export interface GemmSpec {
  /** What the product is, such as `"L1 fwd X·W1ᵀ"`. */
  readonly name: string;
  /** Rows of the product. */
  readonly m: number;
  /** The contracted dim. */
  readonly k: number;
  /** Columns of the product. */
  readonly n: number;
  /** A is stored transposed, `[k, m]`. */
  readonly transA: boolean;
  /** B is stored transposed, `[n, k]`. */
  readonly transB: boolean;
}

function gemm(name: string, m: number, k: number, n: number, transA = false, transB = false) {
  return { name, m, k, n, transA, transB } as const;
}

/**
 * The eight GEMMs of one 784-128-64-10 training step at batch 64 (forward
 * `X·Wᵀ`, input gradient `G·W`, weight gradient `Gᵀ·X` per layer; the first
 * layer's input gradient is never needed), then square products, plain and
 * with each transpose combination at 128² and 512².
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { GEMMS } from "./_protocol.ts";
 * assert.equal(GEMMS.filter((g) => g.name.startsWith("L")).length, 8);
 * ```
 */
export const GEMMS: readonly GemmSpec[] = [
  gemm("L1 fwd X·W1ᵀ", 64, 784, 128, false, true),
  gemm("L1 dW Gᵀ·X", 128, 64, 784, true, false),
  gemm("L2 fwd H1·W2ᵀ", 64, 128, 64, false, true),
  gemm("L2 dX G·W2", 64, 64, 128),
  gemm("L2 dW Gᵀ·H1", 64, 64, 128, true, false),
  gemm("L3 fwd H2·W3ᵀ", 64, 64, 10, false, true),
  gemm("L3 dX G·W3", 64, 10, 64),
  gemm("L3 dW Gᵀ·H2", 10, 64, 64, true, false),
  ...[128, 256, 512, 1024].map((size) => gemm(`${size}²`, size, size, size)),
  // The other transpose combinations, small and large.
  ...[128, 512].flatMap((size) => [
    gemm(`${size}² A·Bᵀ`, size, size, size, false, true),
    gemm(`${size}² Aᵀ·B`, size, size, size, true, false),
    gemm(`${size}² Aᵀ·Bᵀ`, size, size, size, true, true),
  ]),
];

/** A conv layer: `[batch, size, size, cIn]` by `[f, f, cIn, cOut]`, stride 1. */
export interface ConvSpec {
  /** What it is, such as `"conv1 28²×1→6 same"`. */
  readonly name: string;
  /** Images per batch. */
  readonly batch: number;
  /** Height and width of the input. */
  readonly size: number;
  /** Input channels. */
  readonly cIn: number;
  /** Output channels (filters). */
  readonly cOut: number;
  /** Filter height and width. */
  readonly f: number;
  /** `"same"` keeps the size; `"valid"` shrinks it by `f − 1`. */
  readonly padding: "same" | "valid";
}

/**
 * The two LeNet-5 convolutions at batch 64.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CONVS, convOutSize } from "./_protocol.ts";
 * assert.deepEqual(CONVS.map(convOutSize), [28, 10]);
 * ```
 */
export const CONVS: readonly ConvSpec[] = [
  { name: "conv1 28²×1→6 5×5 same", batch: 64, size: 28, cIn: 1, cOut: 6, f: 5, padding: "same" },
  {
    name: "conv2 14²×6→16 5×5 valid",
    batch: 64,
    size: 14,
    cIn: 6,
    cOut: 16,
    f: 5,
    padding: "valid",
  },
];

/**
 * The output height (and width) of a conv spec.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CONVS, convOutSize } from "./_protocol.ts";
 * assert.equal(convOutSize(CONVS[1]), 10);
 * ```
 */
export function convOutSize(spec: ConvSpec): number {
  return spec.padding === "same" ? spec.size : spec.size - spec.f + 1;
}

/** A dense layer's params, `w` `[nOut, nIn]` row-major and `b` `[nOut]`. */
export interface DenseInit {
  /** Rows of `w`. */
  readonly nOut: number;
  /** Columns of `w`. */
  readonly nIn: number;
  /** `[nOut, nIn]`. */
  readonly w: Float32Array;
  /** `[nOut]`. */
  readonly b: Float32Array;
}

/** A conv layer's params, `w` `[f, f, cIn, cOut]` (HWIO) and `b` `[cOut]`. */
export interface ConvInit {
  /** Filter height and width. */
  readonly f: number;
  /** Input channels. */
  readonly cIn: number;
  /** Output channels. */
  readonly cOut: number;
  /** `[f, f, cIn, cOut]`. */
  readonly w: Float32Array;
  /** `[cOut]`. */
  readonly b: Float32Array;
}

/** A mini-batch: `x` is `[rows, 784]` (or NHWC `[rows, 28, 28, 1]`, the same bytes), `y` one-hot `[rows, 10]`. */
export interface Batch {
  /** Rows in the batch. */
  readonly rows: number;
  /** The pixels, normalised. */
  readonly x: Float32Array;
  /** The one-hot labels. */
  readonly y: Float32Array;
}

/** Adam's hyperparameters. */
export interface AdamConfig {
  /** α. */
  readonly learningRate: number;
  /** β1. */
  readonly beta1: number;
  /** β2. */
  readonly beta2: number;
  /** ε. */
  readonly epsilon: number;
}

/** The recipe every library trains with: Adam(1e-3, 0.9, 0.999, 1e-8). */
export const ADAM: AdamConfig = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/** What a trainer starts from: the batches it cycles through, an eval batch, the params. */
export interface TrainSetup<P> {
  /** Training batches, used in order, round and round. */
  readonly batches: readonly Batch[];
  /** The batch the loss is checked on before and after. */
  readonly evalBatch: Batch;
  /** The initial params. */
  readonly params: P;
  /** The optimiser's hyperparameters. */
  readonly adam: AdamConfig;
}

/** The MLP's params: three dense layers, 784-128-64-10. */
export type MlpInit = readonly DenseInit[];

/** LeNet-5's params: two conv layers and three dense layers (400-120-84-10). */
export interface LenetInit {
  /** 5×5×1→6, same padding. */
  readonly conv1: ConvInit;
  /** 5×5×6→16, valid. */
  readonly conv2: ConvInit;
  /** Dense layers; the first takes the NHWC flattening `[5, 5, 16]` → 400. */
  readonly dense: readonly DenseInit[];
}

/** Inputs of a conv workload, NHWC/HWIO: `x`, filter `w` and the output cotangent `g`. */
export interface ConvData {
  /** `[batch, size, size, cIn]`. */
  readonly x: Float32Array;
  /** `[f, f, cIn, cOut]`. */
  readonly w: Float32Array;
  /** `[batch, out, out, cOut]`. */
  readonly g: Float32Array;
}

/** One library (and backend) the suite can run. */
export interface Peer {
  /** As named by `--peers`, such as `"tfjs-wasm"`. */
  readonly id: string;
  /** The library and its version. */
  readonly library: string;
  /** The backend as the library names it, and how it runs. */
  readonly backend: string;
  /** Threads it computes on. */
  readonly threads: number;
  /** A 784-128-64-10 MLP trainer. */
  mlp(setup: TrainSetup<MlpInit>): Trainer;
  /** A runner of one GEMM on operands stored as the spec says. */
  gemm(spec: GemmSpec, a: Float32Array, b: Float32Array): GemmRunner;
  /** A conv forward + backward runner. */
  conv(spec: ConvSpec, data: ConvData): ConvRunner;
  /** A LeNet-5 trainer. */
  lenet(setup: TrainSetup<LenetInit>): Trainer;
  /** Tensors the library holds now, where it counts them (tfjs's `tf.memory()`), to catch leaks. */
  liveTensors?(): number;
}
