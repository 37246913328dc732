/**
 * `batchNorm`: batch normalisation over the last axis, with its running
 * statistics as explicit, non-trainable state.
 *
 * @module
 */
import type { Dim, Shape } from "../core/shape.ts";
import { formatShape } from "../core/shape.ts";
import { DTypeError, ShapeError } from "../core/errors.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, resolveDType, Tensor } from "../core/tensor.ts";
import { add } from "../ops/add.ts";
import { div } from "../ops/div.ts";
import { mul } from "../ops/mul.ts";
import { sqrt } from "../ops/sqrt.ts";
import { sub } from "../ops/sub.ts";
import type { ApplyContext, LastAxisLayer, WithState } from "./layer.ts";
import { batchNormTraining } from "./_batch_norm_training.ts";

type AnyTensor = Tensor<Shape, DType>;

/**
 * The learnable params of batch norm: the scale `gamma` (γ, 1 at init) and
 * the shift `beta` (β, 0 at init), one per feature.
 *
 * @example
 * ```ts
 * import type { BatchNormParams } from "./batch_norm.ts";
 * import { ones, zeros } from "../core/create.ts";
 * const params: BatchNormParams<3> = { gamma: ones([3]), beta: zeros([3]) };
 * ```
 */
export type BatchNormParams<C extends number, D extends DType = "f32"> = {
  gamma: Tensor<[C], D>;
  beta: Tensor<[C], D>;
};

/**
 * The non-trainable state of batch norm: the running mean and (biased)
 * variance per feature, 0 and 1 at init. It is kept out of the params, so
 * `grad` and the optimisers never see it.
 *
 * @example
 * ```ts
 * import type { BatchNormState } from "./batch_norm.ts";
 * import { ones, zeros } from "../core/create.ts";
 * const state: BatchNormState<3> = { mean: zeros([3]), variance: ones([3]) };
 * ```
 */
export type BatchNormState<C extends number, D extends DType = "f32"> = {
  mean: Tensor<[C], D>;
  variance: Tensor<[C], D>;
};

/** Options of {@link batchNorm}. */
export interface BatchNormOptions<D extends DType> {
  /** The weight of the old running statistics in each update, in [0, 1]; 0.9 when absent. */
  readonly momentum?: number;
  /** Added to the variance before the square root; 1e-5 when absent. */
  readonly epsilon?: number;
  /** The params' and state's dtype; `"f32"` when absent (`"f64"` for gradient checks). */
  readonly dtype?: D;
}

/**
 * A batch-norm layer over `C` features, as {@link batchNorm} makes it.
 *
 * @example
 * ```ts
 * import type { BatchNormLayer } from "./batch_norm.ts";
 * import { batchNorm } from "./batch_norm.ts";
 * const layer: BatchNormLayer<128> = batchNorm(128);
 * ```
 */
export interface BatchNormLayer<C extends number, D extends DType = "f32">
  extends LastAxisLayer<BatchNormParams<C, D>, C, D> {
  /** Always `"batchNorm"`. */
  readonly name: "batchNorm";
  /** The params' and state's dtype. */
  readonly dtype: D;
  /** The features: the size of the input's last axis. */
  readonly features: C;
  /** The running statistics' momentum. */
  readonly momentum: number;
  /** The variance's epsilon. */
  readonly epsilon: number;
  /** Mean 0 and variance 1 per feature. */
  initState(): BatchNormState<C, D>;
  /** Throws: the running statistics are state; call `applyWithState`. */
  apply<S extends readonly [Dim, ...Dim[], C], DX extends D>(
    params: BatchNormParams<C, D>,
    x: Tensor<S, DX>,
    context?: ApplyContext,
  ): Tensor<S, DX>;
  /** Normalises `x` (batch statistics in training, running ones else); returns the new state. */
  applyWithState<S extends readonly [Dim, ...Dim[], C], DX extends D>(
    params: BatchNormParams<C, D>,
    state: BatchNormState<C, D>,
    x: Tensor<S, DX>,
    context?: ApplyContext,
  ): WithState<Tensor<S, DX>, BatchNormState<C, D>>;
}

function filled(dtype: DType, size: number, value: number): AnyTensor {
  return new Tensor([size], dtype, allocate(dtype, size).fill(value));
}

/**
 * Batch normalisation over every axis but the last, so it takes dense
 * activations `[B, C]` and NHWC conv activations `[B, H, W, C]` alike:
 * `y = γ·(x − μ)/√(σ² + ε) + β`, per feature (last-axis entry).
 *
 * - Training (`context.training`): μ and σ² are the batch's, σ² biased
 *   (divided by the count, like PyTorch and Keras), and the gradient flows
 *   through them. `applyWithState` returns the running statistics moved
 *   towards the batch's: `running = momentum·running + (1 − momentum)·batch`,
 *   the biased σ² for the variance. This is the Keras and Flax convention
 *   (`keras.layers.BatchNormalization(momentum=0.9)`,
 *   `flax.linen.BatchNorm(momentum=0.9)`); `torch.nn.BatchNorm1d/2d` writes
 *   the momentum the other way (its `momentum=0.1` is our 0.9) and keeps the
 *   unbiased variance in `running_var`.
 * - Inference (`training` absent or `false`): μ and σ² are the running
 *   statistics, constants to `grad`; the state comes back unchanged.
 *
 * The statistics are state, not params: `initState()` gives mean 0 and
 * variance 1 and the caller threads it (`sequential` threads every layer's).
 * `apply` has no state to read, so it throws whatever the mode (inference
 * with the initial statistics would quietly give wrong outputs once
 * trained). Drop the bias of a dense or conv layer before batch norm
 * (`dense(n, m, { bias: false })`): β takes its place.
 *
 * @throws {RangeError} when `features` is not a positive integer, `momentum`
 * not in [0, 1] or `epsilon` negative; from `applyWithState` in training
 * mode with fewer than 2 values per feature.
 * @throws {ShapeError} when the input's last axis is not `features` (or
 * the state's shapes are wrong).
 * @throws {TypeError} from `apply`, always.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { batchNorm } from "./batch_norm.ts";
 * import { key } from "../core/random.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const layer = batchNorm(2, { dtype: "f64" });
 * const x = tensor([[1, 10], [3, 30]], { dtype: "f64" });
 * const { output, state } = layer.applyWithState(layer.init(key(0)), layer.initState(), x, {
 *   training: true,
 * });
 * const y: Tensor<[2, 2], "f64"> = output;
 * assert.deepEqual(y.toArray().map((row) => row.map((v) => Math.round(v * 1e4) / 1e4)), [
 *   [-1, -1],
 *   [1, 1],
 * ]);
 * // running = 0.9·running + 0.1·batch: mean (2, 20), variance (1, 100).
 * const rounded = (t: Tensor<[2], "f64">) => Array.from(t.data, (v) => Math.round(v * 1e9) / 1e9);
 * assert.deepEqual(rounded(state.mean), [0.2, 2]);
 * assert.deepEqual(rounded(state.variance), [1, 10.9]);
 * assert.throws(() => layer.apply(layer.init(key(0)), x), /applyWithState/);
 * ```
 */
export function batchNorm<const C extends number, D extends DType = "f32">(
  features: C,
  options?: BatchNormOptions<D>,
): BatchNormLayer<C, D> {
  if (!Number.isSafeInteger(features) || features < 1) {
    throw new RangeError(`batchNorm: features must be a positive integer, got ${features}`);
  }
  const momentum = options?.momentum ?? 0.9;
  if (typeof momentum !== "number" || !(momentum >= 0 && momentum <= 1)) {
    throw new RangeError(`batchNorm: momentum must be in [0, 1], got ${momentum}`);
  }
  const epsilon = options?.epsilon ?? 1e-5;
  if (typeof epsilon !== "number" || !(epsilon >= 0) || !Number.isFinite(epsilon)) {
    throw new RangeError(`batchNorm: epsilon must be a non-negative number, got ${epsilon}`);
  }
  const dtype = resolveDType("batchNorm", options?.dtype) as D;
  type P = BatchNormParams<C, D>;
  type St = BatchNormState<C, D>;
  const name = `batchNorm(${features})`;

  const checkInput = (x: AnyTensor): void => {
    const shape = x.shape as readonly number[];
    if (shape.length < 2 || shape[shape.length - 1] !== features) {
      throw new ShapeError(
        `${name}: expected an input of shape [batch, ..., ${features}], got ${formatShape(shape)}`,
      );
    }
    if (x.dtype !== dtype) {
      throw new DTypeError(
        `${name}: expected a ${dtype} input (its params' dtype), got ${x.dtype}`,
      );
    }
  };
  const checkState = (state: St): void => {
    for (const [key, leaf] of [["mean", state?.mean], ["variance", state?.variance]] as const) {
      const shape = leaf instanceof Tensor ? (leaf.shape as readonly number[]) : undefined;
      if (shape === undefined || shape.length !== 1 || shape[0] !== features) {
        throw new ShapeError(
          `${name}: expected state.${key} of shape [${features}], got ${
            shape === undefined ? typeof leaf : formatShape(shape)
          }`,
        );
      }
    }
  };
  const checkParams = (params: P): void => {
    const leaves = params as { gamma?: unknown; beta?: unknown } | undefined;
    for (const [key, leaf] of [["gamma", leaves?.gamma], ["beta", leaves?.beta]] as const) {
      const shape = leaf instanceof Tensor ? (leaf.shape as readonly number[]) : undefined;
      if (!(leaf instanceof Tensor) || shape?.length !== 1 || shape[0] !== features) {
        throw new ShapeError(
          `${name}: expected params.${key} of shape [${features}], got ${
            shape === undefined ? typeof leaf : formatShape(shape)
          }`,
        );
      }
      if (leaf.dtype !== dtype) {
        throw new DTypeError(
          `${name}: expected params.${key} of dtype ${dtype}, got ${leaf.dtype}`,
        );
      }
    }
  };
  const running = (old: AnyTensor, batch: AnyTensor): AnyTensor => {
    const data = allocate(dtype, features);
    for (let c = 0; c < features; c++) {
      data[c] = momentum * old.data[c] + (1 - momentum) * batch.data[c];
    }
    return new Tensor([features], dtype, data);
  };

  return Object.freeze({
    name: "batchNorm" as const,
    lastAxis: features,
    dtype,
    features,
    momentum,
    epsilon,
    init(): P {
      return { gamma: filled(dtype, features, 1), beta: filled(dtype, features, 0) } as P;
    },
    initState(): St {
      return { mean: filled(dtype, features, 0), variance: filled(dtype, features, 1) } as St;
    },
    apply<S extends readonly [Dim, ...Dim[], C], DX extends D>(
      _params: P,
      x: Tensor<S, DX>,
      _context?: ApplyContext,
    ): Tensor<S, DX> {
      checkInput(x as AnyTensor);
      throw new TypeError(
        `${name}: apply has no state to read (the running mean and variance); call ` +
          "applyWithState(params, state, x, context), on the sequential network if the layer " +
          "is inside one, and thread the state it returns",
      );
    },
    applyWithState<S extends readonly [Dim, ...Dim[], C], DX extends D>(
      params: P,
      state: St,
      x: Tensor<S, DX>,
      context?: ApplyContext,
    ): WithState<Tensor<S, DX>, St> {
      const input = x as AnyTensor;
      checkInput(input);
      checkParams(params);
      checkState(state);
      const shape = input.shape as readonly number[];
      const p = params as { gamma: AnyTensor; beta: AnyTensor };
      // γ/√(σ² + ε) is per feature, so the batch-sized work is one sub, one mul, one add.
      const affine = (centered: AnyTensor, variance: AnyTensor): AnyTensor =>
        add(mul(centered, div(p.gamma, sqrt(add(variance, epsilon)))), p.beta) as AnyTensor;
      if (context?.training !== true) {
        const centered = sub(input, state.mean as AnyTensor) as AnyTensor;
        const output = affine(centered, state.variance as AnyTensor);
        return { output: output as Tensor<S, DX>, state };
      }
      const count = input.size / features;
      if (!(count >= 2)) {
        throw new RangeError(
          `${name}: training needs 2 or more values per feature, got input of shape ` +
            formatShape(shape),
        );
      }
      const { output, mean, variance } = batchNormTraining(input, p.gamma, p.beta, epsilon);
      const next = {
        mean: running(state.mean as AnyTensor, mean),
        variance: running(state.variance as AnyTensor, variance),
      } as St;
      return { output: output as Tensor<S, DX>, state: next };
    },
    outputShape(shape: readonly number[]): number[] {
      if (shape.length < 1 || shape[shape.length - 1] !== features) {
        throw new ShapeError(
          `${name}: expected a per-example shape [..., ${features}], got ${formatShape(shape)}`,
        );
      }
      return [...shape];
    },
    /** γ and β: 2·C (the running mean and variance are state, not params, as in PyTorch). */
    paramCount(): number {
      return 2 * features;
    },
    /** One multiply per element at inference (the per-feature scale γ/√(σ² + ε) folded in). */
    multiplyCount(shape: readonly number[]): number {
      return this.outputShape(shape).reduce((product, dim) => product * dim, 1);
    },
  });
}
