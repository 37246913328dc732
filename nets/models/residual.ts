/**
 * `residual`: a skip connection around a main path,
 * `a[l+2] = g(z[l+2] + shortcut(a[l]))`.
 *
 * @module
 */
import type { Guard, Shape } from "../../core/shape.ts";
import { formatShape, sameShape } from "../../core/shape.ts";
import { ShapeError } from "../../core/errors.ts";
import type { DType, Tensor } from "../../core/tensor.ts";
import type { PRNGKey } from "../../core/random.ts";
import { foldIn, split } from "../../core/random.ts";
import { add } from "../../ops/add.ts";
import type {
  ApplyContext,
  DTypeOf,
  ParamsOf,
  SameShapeLayer,
  ShapeRule,
  StatefulShapeRuleLayer,
  StateOf,
  WithState,
} from "../layer.ts";
import { reluLayer } from "../activation.ts";
import type { ShapesFit, ShapeText } from "../sequential.ts";
import { countParams } from "../count_params.ts";
import { countMultiplies } from "../count_multiplies.ts";
import type { LayerAnyInput, LayerOutput, RunnableLayer } from "./_layer_output.ts";
import { checkBatch, commonDType, runLayer } from "./_layer_output.ts";

export type { LayerAnyInput, LayerOutput } from "./_layer_output.ts";

type AnyTensor = Tensor<Shape, DType>;

/** `A` when the two shapes agree (`number` fits any dim), else a `ShapeError<Message>`. */
export type SameShapes<A, B, Message extends string> = A extends readonly unknown[]
  ? B extends readonly unknown[] ? ShapesFit<A, B> extends true ? A : ShapeError<Message>
  : ShapeError<Message>
  : ShapeError<Message>;

/**
 * The per-example output of a residual block on `In`: the main path's
 * output, which must have the shortcut's shape (`In` itself for the
 * identity), or a `ShapeError`.
 *
 * @example
 * ```ts
 * import type { ResidualShape } from "./residual.ts";
 * import type { Conv2dLayer } from "../conv_layer.ts";
 * type Main = Conv2dLayer<3, 64, 64, { padding: "same" }>;
 * const out: ResidualShape<Main, undefined, [56, 56, 64]> = [56, 56, 64];
 * ```
 */
export type ResidualShape<Main, Shortcut, In> = LayerOutput<Main, In> extends infer Z
  ? Z extends ShapeError ? Z
  : [Shortcut] extends [undefined] ? SameShapes<
      Z,
      In,
      `residual: the main path maps ${ShapeText<AsList<In>>} to ${ShapeText<
        AsList<Z>
      >}; an identity shortcut needs the same shape (give a projection shortcut)`
    >
  : LayerOutput<Shortcut, In> extends infer S ? S extends ShapeError ? S
    : SameShapes<
      Z,
      S,
      `residual: the main path gives ${ShapeText<AsList<Z>>} but the shortcut ${ShapeText<
        AsList<S>
      >}`
    >
  : never
  : never;

/** `S` when it is a list, else `[]` (for messages). */
export type AsList<S> = S extends readonly unknown[] ? S : [];

/** The shape rule of a residual block: {@link ResidualShape}. */
export interface ResidualRule<Main, Shortcut> extends ShapeRule {
  /** The main path's widest input. */
  readonly anyInput: LayerAnyInput<Main>;
  /** The output for `this["input"]`. */
  readonly output: ResidualShape<Main, Shortcut, this["input"]>;
}

/** The params of a residual block: the main path's, and the shortcut's when it has one. */
export type ResidualParams<Main, Shortcut> = [Shortcut] extends [undefined]
  ? { main: ParamsOf<Main> }
  : { main: ParamsOf<Main>; shortcut: ParamsOf<Shortcut> };

/** The state of a residual block: its paths' (`{}` for a path without state). */
export type ResidualState<Main, Shortcut> = {
  main: StateOf<Main>;
  shortcut: StateOf<Shortcut>;
};

/**
 * A residual block as {@link residual} makes it.
 *
 * @example
 * ```ts
 * import type { ResidualLayer } from "./residual.ts";
 * import { residual } from "./residual.ts";
 * import { conv2dLayer } from "../conv_layer.ts";
 * const main = conv2dLayer(3, 8, 8, { padding: "same" });
 * const block: ResidualLayer<typeof main, undefined> = residual(main);
 * ```
 */
export interface ResidualLayer<Main, Shortcut> extends
  StatefulShapeRuleLayer<
    ResidualParams<Main, Shortcut>,
    ResidualState<Main, Shortcut>,
    ResidualRule<Main, Shortcut>,
    DTypeOf<Main> & DTypeOf<Shortcut>
  > {
  /** Always `"residual"`. */
  readonly name: "residual";
  /** The main path. */
  readonly main: Main;
  /** The projection shortcut, or `undefined` for the identity. */
  readonly shortcut: Shortcut;
  /** The main path's params plus the shortcut's. */
  paramCount(): number;
  /** The main path's multiplies plus the shortcut's (the addition is free). */
  multiplyCount(inputShape: readonly number[]): number;
}

/** Options of {@link residual}. */
export interface ResidualOptions<Shortcut> {
  /** The projection (a 1×1 conv with the main path's stride); the identity when absent. */
  readonly shortcut?: Shortcut;
  /** `g`, applied after the sum; relu when absent. */
  readonly activation?: SameShapeLayer;
}

/**
 * A residual block (He et al. 2015): `a[l+2] = g(z[l+2] + a[l])`, where
 * `z[l+2]` is the main path's output (end it without an activation: `g`
 * comes after the sum) and `a[l]` the block's input, added through the
 * identity, or through a projection shortcut (`options.shortcut`, a 1×1
 * conv with the main path's stride) when the main path changes the shape.
 * The block is a shape-rule layer: it takes any input its main path does,
 * and its type rejects an identity shortcut around a main path that changes
 * the shape, when it is built as far as the types can tell (the channels)
 * and at `apply` (the sizes). The paths' state (batch norm) is threaded.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { residual } from "./residual.ts";
 * import { sequential } from "../sequential.ts";
 * import { conv2dLayer } from "../conv_layer.ts";
 * import { reluLayer } from "../activation.ts";
 * import { key } from "../../core/random.ts";
 * import { ones } from "../../core/create.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * const same = { padding: "same" } as const;
 * const block = residual(sequential(conv2dLayer(3, 4, 4, same), reluLayer, conv2dLayer(3, 4, 4, same)));
 * const y: Tensor<[2, 6, 6, 4]> = block.apply(block.init(key(0)), ones([2, 6, 6, 4]));
 * assert.deepEqual(y.shape, [2, 6, 6, 4]);
 * ```
 */
export function residual<const Main, const Shortcut = undefined>(
  main: Main & NoInfer<Guard<ResidualShape<Main, Shortcut, LayerAnyInput<Main>>>>,
  options?: ResidualOptions<Shortcut>,
): ResidualLayer<Main, Shortcut> {
  const path = main as unknown as RunnableLayer;
  const projection = options?.shortcut as RunnableLayer | undefined;
  const activation = options?.activation ?? reluLayer;
  const dtype = commonDType("residual", [path, projection]);
  const outputShape = (shape: readonly number[]): number[] => {
    const z = path.outputShape(shape);
    const s = projection === undefined ? [...shape] : projection.outputShape(shape);
    if (!sameShape(z, s)) {
      throw new ShapeError(
        projection === undefined
          ? `residual: the main path maps ${formatShape(shape)} to ${formatShape(z)}; an ` +
            "identity shortcut needs the same shape (give a projection shortcut)"
          : `residual: the main path gives ${formatShape(z)} but the shortcut ${formatShape(s)}`,
      );
    }
    return z;
  };
  type P = { main: unknown; shortcut?: unknown };
  type St = { main: unknown; shortcut: unknown };
  const run = (params: P, state: St | undefined, x: AnyTensor, context?: ApplyContext) => {
    checkBatch("residual", x);
    outputShape((x.shape as readonly number[]).slice(1));
    const key = context?.key;
    const inner = (index: number) =>
      key === undefined ? context : { ...context, key: foldIn(key, index) };
    const z = runLayer(path, params.main, state?.main, x, inner(0));
    const s = projection === undefined
      ? { output: x, state: state?.shortcut ?? {} }
      : runLayer(projection, params.shortcut, state?.shortcut, x, inner(1));
    const output = activation.apply({}, add(z.output, s.output) as Tensor<[number, ...number[]]>);
    return { output: output as AnyTensor, state: { main: z.state, shortcut: s.state } };
  };
  const layer = {
    name: "residual" as const,
    main,
    shortcut: options?.shortcut,
    ...(dtype === undefined ? {} : { dtype }),
    init(key: PRNGKey): P {
      const [mainKey, shortcutKey] = split(key, 2);
      const params: P = { main: path.init(mainKey) };
      if (projection !== undefined) params.shortcut = projection.init(shortcutKey);
      return params;
    },
    initState(): St {
      return { main: path.initState?.() ?? {}, shortcut: projection?.initState?.() ?? {} };
    },
    apply(params: P, x: AnyTensor, context?: ApplyContext): AnyTensor {
      return run(params, undefined, x, context).output;
    },
    applyWithState(
      params: P,
      state: St,
      x: AnyTensor,
      context?: ApplyContext,
    ): WithState<AnyTensor, St> {
      return run(params, state, x, context);
    },
    outputShape,
    paramCount(): number {
      return countParams(path) + (projection === undefined ? 0 : countParams(projection));
    },
    multiplyCount(shape: readonly number[]): number {
      outputShape(shape);
      return countMultiplies(path, shape) +
        (projection === undefined ? 0 : countMultiplies(projection, shape));
    },
  };
  return Object.freeze(layer) as unknown as ResidualLayer<Main, Shortcut>;
}
