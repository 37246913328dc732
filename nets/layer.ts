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
import type { Dim, Guard, Shape } from "../core/shape.ts";
import type { ShapeError } from "../core/errors.ts";
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
  /**
   * How many numbers `init` draws, counted from shapes alone (no allocation);
   * `countParams(layer)` reads it. Optional: absent, `countParams` needs the
   * params themselves.
   */
  paramCount?(): number;
  /**
   * The multiplications of one example's forward pass through the layer's
   * weights (conv and dense: one per weight use, a multiply-add counted
   * once), for a per-example input shape; `countMultiplies` reads it.
   */
  multiplyCount?(inputShape: readonly number[]): number;
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

/**
 * A layer's output with its new state, as `applyWithState` returns them.
 *
 * @example
 * ```ts
 * import type { WithState } from "./layer.ts";
 * import { zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const result: WithState<Tensor<[2, 3]>, { count: Tensor<[]> }> = {
 *   output: zeros([2, 3]),
 *   state: { count: zeros([]) },
 * };
 * ```
 */
export interface WithState<Y, St> {
  /** The layer's output. */
  readonly output: Y;
  /** The state after this call (in training mode, updated; else the state given). */
  readonly state: St;
}

/**
 * A layer that keeps non-trainable state beside its params: batch norm's
 * running mean and variance. The state is a tree of its own, outside the
 * params, so `grad` and the optimisers never see it; it flows functionally:
 * `applyWithState(params, state, x, context)` returns the output and the new
 * state, which the caller passes to the next call (like Flax's
 * `batch_stats` collection with `mutable=["batch_stats"]`). A stateless
 * layer behaves as if its state were {@link EmptyParams} (`{}`); `sequential`
 * gives every network this protocol, its state a tuple of its layers'.
 *
 * `apply` of a stateful layer has no state to read, so it throws; see the
 * layer's own docs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { StatefulLayer, StateOf } from "./layer.ts";
 * import { sequential } from "./sequential.ts";
 * import { dense } from "./dense.ts";
 * import { batchNorm } from "./batch_norm.ts";
 * import { key } from "../core/random.ts";
 * import { ones } from "../core/create.ts";
 * const net = sequential(dense(3, 2, { bias: false }), batchNorm(2));
 * const layer: StatefulLayer<ReturnType<typeof net.init>, StateOf<typeof net>, [3], [2], "f32"> =
 *   net;
 * const { output, state } = layer.applyWithState(net.init(key(0)), net.initState(), ones([4, 3]), {
 *   training: true,
 * });
 * assert.deepEqual(output.shape, [4, 2]);
 * assert.deepEqual(state[1].mean.shape, [2]);
 * ```
 */
export interface StatefulLayer<P, St, In extends Shape, Out extends Shape, PD extends DType = DType>
  extends Layer<P, In, Out, PD> {
  /** The state before any training step (batch norm: mean 0, variance 1). */
  initState(): St;
  /** The layer on a batch with its state: the output and the new state. */
  applyWithState<B extends Dim, D extends PD>(
    params: P,
    state: St,
    x: Tensor<[B, ...In], D>,
    context?: ApplyContext,
  ): WithState<Tensor<[B, ...Out], D>, St>;
}

/**
 * The state type of a layer: what its `initState` returns, or
 * {@link EmptyParams} for a layer without state.
 *
 * @example
 * ```ts
 * import type { EmptyParams, StateOf } from "./layer.ts";
 * import { dense } from "./dense.ts";
 * const none: StateOf<ReturnType<typeof dense<2, 3>>> = {} as EmptyParams;
 * ```
 */
export type StateOf<L> = L extends { initState(): infer St } ? St : EmptyParams;

/**
 * A layer whose output has its input's shape, of any rank, as long as the
 * last axis has `C` entries: batch norm (and layer norm) over the features or
 * channels of dense (`[B, C]`) and NHWC conv (`[B, H, W, C]`) activations.
 * `sequential` looks for the `lastAxis` marker: it passes the shape through
 * and checks only its last dim (`expects [..., 64], got [128]`). It has every
 * member of a {@link Layer} but is not one: its `apply` takes any rank, not a
 * fixed `[B, ...In]`.
 *
 * @example
 * ```ts
 * import type { LastAxisLayer } from "./layer.ts";
 * import { batchNorm } from "./batch_norm.ts";
 * const layer: LastAxisLayer<ReturnType<ReturnType<typeof batchNorm<8>>["init"]>, 8, "f32"> =
 *   batchNorm(8);
 * ```
 */
export interface LastAxisLayer<P, C extends number, PD extends DType = DType>
  extends Omit<Layer<P, Shape, Shape, PD>, "apply"> {
  /** The size the input's last axis must have: the marker `sequential` looks for. */
  readonly lastAxis: C;
  /** The layer on a batch (rank ≥ 2, batch first, last axis `C`); the output has its type. */
  apply<S extends readonly [Dim, ...Dim[], C], D extends PD>(
    params: P,
    x: Tensor<S, D>,
    context?: ApplyContext,
  ): Tensor<S, D>;
}

/**
 * A shape rule: a type-level function from a per-example input shape to the
 * per-example output shape, or a `ShapeError` saying why the input does not
 * fit. TypeScript has no type-level lambdas, so a rule is an interface whose
 * `output` reads `this["input"]`, and {@link ApplyRule} fills `input` in.
 * `anyInput` is the widest input the rule takes (`number` for the dims it
 * leaves open): `sequential` checks what it can against it before the input
 * is known (the channels of a conv after a conv).
 *
 * @example
 * ```ts
 * import type { ApplyRule, ShapeRule } from "./layer.ts";
 * interface Twice extends ShapeRule {
 *   readonly anyInput: [number];
 *   readonly output: this["input"] extends [infer N] ? [N, N] : never;
 * }
 * const out: ApplyRule<Twice, [3]> = [3, 3];
 * ```
 */
export interface ShapeRule {
  /** The per-example input shape, filled in by {@link ApplyRule}. */
  readonly input: unknown;
  /** The per-example output shape for `input`, or a `ShapeError`. */
  readonly output: unknown;
  /** The widest per-example input the rule takes. */
  readonly anyInput: Shape;
}

/**
 * Rule `R` on the per-example input `In`: a shape or a `ShapeError`.
 *
 * @example
 * ```ts
 * import type { ApplyRule } from "./layer.ts";
 * import type { Conv2dLayer } from "./conv_layer.ts";
 * const out: ApplyRule<Conv2dLayer<5, 1, 6>["shapeRule"], [32, 32, 1]> = [28, 28, 6];
 * ```
 */
export type ApplyRule<R extends ShapeRule, In> = (R & { readonly input: In })["output"];

/**
 * Rule `R` on a batch `S = [B, ...In]`: `[B, ...output]`, or the rule's
 * `ShapeError`.
 *
 * @example
 * ```ts
 * import type { BatchRule } from "./layer.ts";
 * import type { Conv2dLayer } from "./conv_layer.ts";
 * const out: BatchRule<Conv2dLayer<5, 1, 6>["shapeRule"], ["B", 32, 32, 1]> = ["B", 28, 28, 6];
 * ```
 */
export type BatchRule<R extends ShapeRule, S extends Shape> = S extends
  readonly [infer B extends Dim, ...infer In extends Dim[]]
  ? ApplyRule<R, In> extends infer Out ? Out extends Shape ? [B, ...Out] : Out : never
  : ShapeError<"expected a batch-first input">;

/** The output of {@link BatchRule} as a shape (`never` for an error, which the guard reports). */
export type BatchRuleShape<R extends ShapeRule, S extends Shape> = BatchRule<R, S> extends
  infer Out extends Shape ? Out : never;

/**
 * A layer whose per-example output shape is a type-level function (a
 * {@link ShapeRule}) of its input: convolution, pooling, flatten, and blocks
 * built from them. Its `apply` takes any batch the rule accepts, and the
 * compile error of one it does not lands on the input and quotes the rule's
 * message. `sequential` looks for the `shapeRule` marker and applies the rule
 * to the shape before it.
 *
 * @example
 * ```ts
 * import type { ShapeRuleLayer } from "./layer.ts";
 * import { conv2dLayer } from "./conv_layer.ts";
 * import { key } from "../core/random.ts";
 * import { zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const layer = conv2dLayer(5, 1, 6);
 * const generic: ShapeRuleLayer<ReturnType<typeof layer.init>, typeof layer.shapeRule, "f32"> =
 *   layer;
 * const y: Tensor<[2, 28, 28, 6]> = layer.apply(layer.init(key(0)), zeros([2, 32, 32, 1]));
 * ```
 */
export interface ShapeRuleLayer<P, R extends ShapeRule, PD extends DType = DType>
  extends Omit<Layer<P, Shape, Shape, PD>, "apply"> {
  /** The rule: a compile-time carrier, never set at run time. */
  readonly shapeRule: R;
  /** The layer on a batch `[B, ...In]`: `[B, ...rule(In)]`. */
  apply<S extends readonly [Dim, ...Dim[]], D extends PD>(
    params: P,
    x: Tensor<S, D> & NoInfer<Guard<BatchRule<R, S>>>,
    context?: ApplyContext,
  ): Tensor<BatchRuleShape<R, S>, D>;
}

/**
 * A {@link ShapeRuleLayer} with state beside its params, threaded like a
 * {@link StatefulLayer}'s: blocks whose paths may hold batch norm
 * (`residual`, `inceptionModule`, a `sequential` that starts with a conv).
 *
 * @example
 * ```ts
 * import type { StatefulShapeRuleLayer } from "./layer.ts";
 * import { residualBlock } from "./models/residual_block.ts";
 * const block = residualBlock(8, 8);
 * const layer: StatefulShapeRuleLayer<
 *   ReturnType<typeof block.init>,
 *   ReturnType<typeof block.initState>,
 *   typeof block.shapeRule,
 *   "f32"
 * > = block;
 * ```
 */
export interface StatefulShapeRuleLayer<P, St, R extends ShapeRule, PD extends DType = DType>
  extends ShapeRuleLayer<P, R, PD> {
  /** The state before any training step. */
  initState(): St;
  /** The layer on a batch with its state: the output and the new state. */
  applyWithState<S extends readonly [Dim, ...Dim[]], D extends PD>(
    params: P,
    state: St,
    x: Tensor<S, D> & NoInfer<Guard<BatchRule<R, S>>>,
    context?: ApplyContext,
  ): WithState<Tensor<BatchRuleShape<R, S>, D>, St>;
}
