/**
 * The layer abstraction: a layer is a pure pair, `init(key) → params` and
 * `apply(params, x, context?) → y`. Its types speak of one example: a dense
 * layer from 784 to 128 features is a `Layer<P, [784], [128]>`, and `apply`
 * takes any batch `Tensor<[B, 784]>` to `Tensor<[B, 128]>`, so the batch dim
 * stays generic (a literal, a name, a type parameter or `number`).
 *
 * Train and eval mode are explicit: `apply` reads `context.training` and, for
 * randomness (dropout), `context.key`; there is no global mode.
 *
 * @module
 */
import type { Dim, Shape } from "../core/shape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import type { PRNGKey } from "../core/random.ts";

/**
 * What `apply` is told about the call: train or eval mode, and the key for
 * layers that draw random numbers. Both are absent at inference.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { ApplyContext } from "./layer.ts";
 * import { key } from "../core/random.ts";
 * const training: ApplyContext = { training: true, key: key(0) };
 * const inference: ApplyContext = {};
 * assert(training.training && !inference.training);
 * ```
 */
export interface ApplyContext {
  /** Training mode (dropout drops units); inference when absent or `false`. */
  readonly training?: boolean;
  /** The key for random layers (dropout); required by them in training mode. */
  readonly key?: PRNGKey;
}

/**
 * The params of a layer that has none (activations, dropout): an empty record,
 * a parameter tree without leaves.
 *
 * @example
 * ```ts
 * import type { EmptyParams } from "./layer.ts";
 * const none: EmptyParams = {};
 * ```
 */
export type EmptyParams = Record<string, never>;

/**
 * A layer: params of type `P`, per-example input shape `In`, per-example output
 * shape `Out`, params of dtype `PD` (inputs must have that dtype; a layer
 * without params takes either). Layers are plain immutable objects; compose
 * them with `sequential`.
 *
 * - `init(key)` draws fresh params from an explicit key;
 * - `apply(params, x, context?)` maps a batch `[B, ...In]` to `[B, ...Out]`,
 *   recorded by `grad` like any other op;
 * - `outputShape(inputShape)` is the run-time twin of the types: the output
 *   shape of one example, or a `ShapeError` when the input does not fit;
 * - `inputShape` is the per-example input the layer needs, absent when it takes
 *   any shape (activations, dropout); `dtype` is its params' dtype, absent
 *   when it has none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { Layer } from "./layer.ts";
 * import { dense } from "./dense.ts";
 * import { key } from "../core/random.ts";
 * import { zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const layer: Layer<{ w: Tensor<[3, 2]>; b: Tensor<[3]> }, [2], [3], "f32"> = dense(2, 3);
 * const y: Tensor<[5, 3]> = layer.apply(layer.init(key(0)), zeros([5, 2]));
 * assert.deepEqual(layer.outputShape([2]), [3]);
 * assert.deepEqual(y.shape, [5, 3]);
 * ```
 */
export interface Layer<P, In extends Shape, Out extends Shape, PD extends DType = DType> {
  /**
   * What the layer is (`"dense"`, `"relu"`, …); error messages quote it. Type it
   * as a literal for `sequential`'s compile errors to name it (else they say
   * `layer`).
   */
  readonly name: string;
  /** The per-example input shape the layer needs; absent when any shape will do. */
  readonly inputShape?: readonly number[];
  /** The params' dtype, which inputs must share; absent for a layer without params. */
  readonly dtype?: PD;
  /** Fresh params drawn from `key`. */
  init(key: PRNGKey): P;
  /** The layer on a batch: `[B, ...In]` to `[B, ...Out]`. */
  apply<B extends Dim, D extends PD>(
    params: P,
    x: Tensor<[B, ...In], D>,
    context?: ApplyContext,
  ): Tensor<[B, ...Out], D>;
  /** The per-example output shape for a per-example input shape; throws a `ShapeError` if it does not fit. */
  outputShape(inputShape: readonly number[]): number[];
}

/**
 * A layer whose output has its input's shape, whatever it is: activations and
 * dropout. Its `apply` keeps the exact type of its input, and `sequential`
 * passes the shape through it.
 *
 * @example
 * ```ts
 * import type { SameShapeLayer } from "./layer.ts";
 * import { reluLayer } from "./activation.ts";
 * import { zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const layer: SameShapeLayer = reluLayer;
 * const y: Tensor<[4, 28, 28, 6], "f64"> = layer.apply({}, zeros([4, 28, 28, 6], { dtype: "f64" }));
 * ```
 */
export interface SameShapeLayer<P = EmptyParams> extends Layer<P, Shape, Shape, DType> {
  /** The marker `sequential` looks for. */
  readonly sameShape: true;
  /** Absent: the layer has no params, so it takes either dtype. */
  readonly dtype?: never;
  /** The layer on a batch (rank ≥ 1, batch first); the output has the input's type. */
  apply<S extends readonly [Dim, ...Dim[]], D extends DType>(
    params: P,
    x: Tensor<S, D>,
    context?: ApplyContext,
  ): Tensor<S, D>;
}

/**
 * The params type of a layer.
 *
 * @example
 * ```ts
 * import type { ParamsOf } from "./layer.ts";
 * import { dense } from "./dense.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const layer = dense(2, 3);
 * const shapes: ParamsOf<typeof layer> extends { w: Tensor<[3, 2]> } ? true : false = true;
 * ```
 */
export type ParamsOf<L> = L extends { init(key: PRNGKey): infer P } ? P : never;

/**
 * The per-example input shape of a layer (`Shape` for a {@link SameShapeLayer}).
 *
 * @example
 * ```ts
 * import type { InputOf } from "./layer.ts";
 * import { dense } from "./dense.ts";
 * const shape: InputOf<ReturnType<typeof dense<784, 10>>> = [784];
 * ```
 */
export type InputOf<L> = L extends Layer<infer _P, infer In, infer _Out, infer _PD> ? In : never;

/**
 * The per-example output shape of a layer (`Shape` for a {@link SameShapeLayer}).
 *
 * @example
 * ```ts
 * import type { OutputOf } from "./layer.ts";
 * import { dense } from "./dense.ts";
 * const shape: OutputOf<ReturnType<typeof dense<784, 10>>> = [10];
 * ```
 */
export type OutputOf<L> = L extends Layer<infer _P, infer _In, infer Out, infer _PD> ? Out : never;

/**
 * The dtype a layer's inputs must have: its params' dtype (its `dtype`
 * property's type), or any `DType` for a layer without params.
 *
 * @example
 * ```ts
 * import type { DTypeOf } from "./layer.ts";
 * import { dense } from "./dense.ts";
 * const layer = dense(2, 3, { dtype: "f64" });
 * const dtype: DTypeOf<typeof layer> = "f64";
 * ```
 */
export type DTypeOf<L> = L extends { readonly dtype?: infer D extends DType }
  ? [D] extends [never] ? DType : D
  : DType;
