/**
 * `inceptionModule`: GoogLeNet's block of parallel 1×1, 3×3, 5×5 and pooling
 * branches, concatenated on channels.
 *
 * @module
 */
import type { Dim, DimText, SameDim, Shape } from "../../core/shape.ts";
import { formatShape } from "../../core/shape.ts";
import { ShapeError } from "../../core/errors.ts";
import type { Add } from "../../core/arith.ts";
import type { AsNumber } from "../../core/type_utils.ts";
import type { DType, Tensor } from "../../core/tensor.ts";
import type { PRNGKey } from "../../core/random.ts";
import { split } from "../../core/random.ts";
import { concat } from "../../ops/concat.ts";
import type { ApplyContext, EmptyParams, ShapeRule, ShapeRuleLayer } from "../layer.ts";
import { reluLayer } from "../activation.ts";
import type { ConvLayerOptions, ConvParams, OptionsDType } from "../conv_layer.ts";
import { conv2dLayer } from "../conv_layer.ts";
import { maxPool2dLayer } from "../pool_layer.ts";
import { sequential } from "../sequential.ts";
import type { ShapeText } from "../sequential.ts";
import { countParams } from "../count_params.ts";
import { countMultiplies } from "../count_multiplies.ts";
import { checkPositive } from "../_conv_layer.ts";
import type { RunnableLayer } from "./_layer_output.ts";
import { checkBatch } from "./_layer_output.ts";

type AnyTensor = Tensor<Shape, DType>;

/** The channel counts of an inception module's branches (GoogLeNet's table). */
export interface InceptionOptions {
  /** Output channels of the 1×1 branch. */
  readonly conv1: number;
  /** The 1×1 bottleneck before the 3×3 conv. */
  readonly reduce3: number;
  /** Output channels of the 3×3 branch. */
  readonly conv3: number;
  /** The 1×1 bottleneck before the 5×5 conv. */
  readonly reduce5: number;
  /** Output channels of the 5×5 branch. */
  readonly conv5: number;
  /** Output channels of the 1×1 conv after the 3×3 max pool. */
  readonly poolProj: number;
  /** The params' dtype; `"f32"` when absent. */
  readonly dtype?: DType;
}

/** The module's output channels: `conv1 + conv3 + conv5 + poolProj`, at compile time. */
export type InceptionChannels<O extends InceptionOptions> = AsNumber<
  Add<AsNumber<Add<O["conv1"], O["conv3"]>>, AsNumber<Add<O["conv5"], O["poolProj"]>>>
>;

/**
 * The per-example output of an inception module on `[H, W, C]`:
 * `[H, W, COut]`, or a `ShapeError` for another rank or `C ≠ CIn`.
 *
 * @example
 * ```ts
 * import type { InceptionShape } from "./inception_module.ts";
 * const out: InceptionShape<[28, 28, 192], 192, 256> = [28, 28, 256];
 * ```
 */
export type InceptionShape<In, CIn extends number, COut extends number> = In extends readonly Dim[]
  ? number extends In["length"] ? [number, number, COut]
  : In extends readonly [infer H extends Dim, infer W extends Dim, infer C extends Dim] ? SameDim<
      C,
      CIn,
      `inception: input has ${DimText<C>} channels but the module expects ${CIn}`
    > extends infer Checked ? Checked extends ShapeError ? Checked : [H, W, COut]
    : never
  : ShapeError<`inception: expects [height, width, ${CIn}], got ${ShapeText<In>}`>
  : never;

/** The shape rule of an inception module: {@link InceptionShape}. */
export interface InceptionRule<CIn extends number, COut extends number> extends ShapeRule {
  /** `[number, number, CIn]`. */
  readonly anyInput: [number, number, CIn];
  /** The output for `this["input"]`. */
  readonly output: InceptionShape<this["input"], CIn, COut>;
}

/** The params of an inception module: each branch's, as `sequential` lays them out. */
export type InceptionParams<CIn extends number, O extends InceptionOptions> = {
  branch1: [ConvParams<[1, 1, CIn, O["conv1"]], O["conv1"], OptionsDType<O>>, EmptyParams];
  branch3: [
    ConvParams<[1, 1, CIn, O["reduce3"]], O["reduce3"], OptionsDType<O>>,
    EmptyParams,
    ConvParams<[3, 3, O["reduce3"], O["conv3"]], O["conv3"], OptionsDType<O>>,
    EmptyParams,
  ];
  branch5: [
    ConvParams<[1, 1, CIn, O["reduce5"]], O["reduce5"], OptionsDType<O>>,
    EmptyParams,
    ConvParams<[5, 5, O["reduce5"], O["conv5"]], O["conv5"], OptionsDType<O>>,
    EmptyParams,
  ];
  pool: [
    EmptyParams,
    ConvParams<[1, 1, CIn, O["poolProj"]], O["poolProj"], OptionsDType<O>>,
    EmptyParams,
  ];
};

/**
 * An inception module as {@link inceptionModule} makes it.
 *
 * @example
 * ```ts
 * import type { InceptionLayer } from "./inception_module.ts";
 * import { inceptionModule } from "./inception_module.ts";
 * const sizes = { conv1: 1, reduce3: 1, conv3: 2, reduce5: 1, conv5: 1, poolProj: 1 } as const;
 * const block: InceptionLayer<3, typeof sizes> = inceptionModule(3, sizes);
 * ```
 */
export interface InceptionLayer<CIn extends number, O extends InceptionOptions>
  extends
    ShapeRuleLayer<
      InceptionParams<CIn, O>,
      InceptionRule<CIn, InceptionChannels<O>>,
      OptionsDType<O>
    > {
  /** Always `"inception"`. */
  readonly name: "inception";
  /** The params' dtype. */
  readonly dtype: OptionsDType<O>;
  /** Input channels. */
  readonly cIn: CIn;
  /** Output channels: the branches' sum. */
  readonly cOut: InceptionChannels<O>;
  /** The branches' params. */
  paramCount(): number;
  /** The branches' multiplies. */
  multiplyCount(inputShape: readonly number[]): number;
}

const BRANCHES = ["branch1", "branch3", "branch5", "pool"] as const;

/**
 * An inception module (Szegedy et al. 2014, the course's "inception
 * network"): four branches on the same `[H, W, cIn]` input, each ending in
 * relu, their outputs concatenated on the channel axis —
 *
 * - a 1×1 conv to `conv1` channels;
 * - a 1×1 bottleneck to `reduce3`, then a 3×3 same conv to `conv3`;
 * - a 1×1 bottleneck to `reduce5`, then a 5×5 same conv to `conv5`;
 * - a 3×3 max pool (stride 1, same), then a 1×1 conv to `poolProj`.
 *
 * Every branch keeps `H × W`, so the output is
 * `[H, W, conv1 + conv3 + conv5 + poolProj]`, the sum computed at compile
 * time. The bottlenecks are what make it affordable: on 28×28×192, the 5×5
 * branch to 32 channels costs 120,422,400 multiplies directly and
 * 12,443,648 through a 16-channel 1×1 bottleneck (`countMultiplies`).
 *
 * @throws {RangeError} when a channel count is not a positive integer.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inceptionModule } from "./inception_module.ts";
 * const block = inceptionModule(192, {
 *   conv1: 64,
 *   reduce3: 96,
 *   conv3: 128,
 *   reduce5: 16,
 *   conv5: 32,
 *   poolProj: 32,
 * });
 * const channels: 256 = block.cOut;
 * assert.deepEqual(block.outputShape([28, 28, 192]), [28, 28, 256]);
 * ```
 */
export function inceptionModule<const CIn extends number, const O extends InceptionOptions>(
  cIn: CIn,
  options: O,
): InceptionLayer<CIn, O> {
  checkPositive("inception", "cIn", cIn);
  for (const name of ["conv1", "reduce3", "conv3", "reduce5", "conv5", "poolProj"] as const) {
    checkPositive("inception", name, options?.[name]);
  }
  const dtype: DType = options.dtype ?? "f32";
  const conv = conv2dLayer as (
    f: number,
    cIn: number,
    cOut: number,
    o: ConvLayerOptions,
  ) => unknown;
  const chain = sequential as unknown as (...layers: unknown[]) => RunnableLayer;
  const same = { padding: "same", dtype } as const;
  const branches: Record<(typeof BRANCHES)[number], RunnableLayer> = {
    branch1: chain(conv(1, cIn, options.conv1, same), reluLayer),
    branch3: chain(
      conv(1, cIn, options.reduce3, same),
      reluLayer,
      conv(3, options.reduce3, options.conv3, same),
      reluLayer,
    ),
    branch5: chain(
      conv(1, cIn, options.reduce5, same),
      reluLayer,
      conv(5, options.reduce5, options.conv5, same),
      reluLayer,
    ),
    pool: chain(
      maxPool2dLayer(3, { stride: 1, padding: "same" }),
      conv(1, cIn, options.poolProj, same),
      reluLayer,
    ),
  };
  const cOut = options.conv1 + options.conv3 + options.conv5 + options.poolProj;
  const outputShape = (shape: readonly number[]): number[] => {
    if (shape.length !== 3) {
      throw new ShapeError(`inception: expects [height, width, ${cIn}], got ${formatShape(shape)}`);
    }
    if (shape[2] !== cIn) {
      throw new ShapeError(
        `inception: input has ${shape[2]} channels but the module expects ${cIn}`,
      );
    }
    return [shape[0], shape[1], cOut];
  };
  type P = Record<(typeof BRANCHES)[number], unknown>;
  return Object.freeze({
    name: "inception" as const,
    dtype,
    cIn,
    cOut,
    init(key: PRNGKey): P {
      const keys = split(key, BRANCHES.length);
      return Object.fromEntries(
        BRANCHES.map((name, index) => [name, branches[name].init(keys[index])]),
      ) as P;
    },
    apply(params: P, x: AnyTensor, context?: ApplyContext): AnyTensor {
      checkBatch("inception", x);
      outputShape((x.shape as readonly number[]).slice(1));
      const outputs = BRANCHES.map((name) => branches[name].apply(params[name], x, context));
      return (concat as unknown as (ts: AnyTensor[], axis: number) => AnyTensor)(outputs, -1);
    },
    outputShape,
    paramCount(): number {
      return BRANCHES.reduce((total, name) => total + countParams(branches[name]), 0);
    },
    multiplyCount(shape: readonly number[]): number {
      outputShape(shape);
      return BRANCHES.reduce((total, name) => total + countMultiplies(branches[name], shape), 0);
    },
  }) as unknown as InceptionLayer<CIn, O>;
}
