/**
 * The shared body of the convolution layers (1-d, 2-d, 3-d): option checks,
 * the run-time shape rule, init, apply and the counts.
 *
 * @module
 */
import type { Dim, Shape } from "../core/shape.ts";
import { formatShape, sizeOf } from "../core/shape.ts";
import { ShapeError } from "../core/errors.ts";
import type { Padding, WindowOptions } from "../core/shapes/conv.ts";
import { convOutputSize } from "../core/shapes/conv.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, resolveDType, Tensor } from "../core/tensor.ts";
import type { PRNGKey } from "../core/random.ts";
import { add } from "../ops/add.ts";
import { conv1d } from "../ops/conv1d.ts";
import { conv2d } from "../ops/conv2d.ts";
import { conv3d } from "../ops/conv3d.ts";
import type { ApplyContext } from "./layer.ts";
import type { ConvAxes, ConvOp } from "./conv_layer.ts";
import type { Initializer } from "./init.ts";
import { he } from "./init.ts";

type AnyTensor = Tensor<Shape, DType>;
type AnyConv = (x: AnyTensor, w: AnyTensor, options: WindowOptions) => AnyTensor;

/** The names of a conv layer's spatial axes, for messages. */
export const SPATIAL_AXES: ConvAxes = {
  conv1d: "length",
  conv2d: "height, width",
  conv3d: "depth, height, width",
};

const OPS: Record<ConvOp, AnyConv> = {
  conv1d: conv1d as unknown as AnyConv,
  conv2d: conv2d as unknown as AnyConv,
  conv3d: conv3d as unknown as AnyConv,
};

const RANKS: Record<ConvOp, number> = { conv1d: 1, conv2d: 2, conv3d: 3 };

/** The options every conv layer takes, as the run time sees them. */
export interface RawConvOptions {
  readonly stride?: number;
  readonly padding?: Padding;
  readonly bias?: boolean;
  readonly init?: Initializer;
  readonly dtype?: DType;
}

/** Throws a `RangeError` unless `value` is a positive safe integer. */
export function checkPositive(op: string, name: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${op}: ${name} must be a positive integer, got ${String(value)}`);
  }
}

/** Throws a `RangeError` unless `padding` is `"valid"`, `"same"` or a non-negative integer. */
export function checkPadding(op: string, padding: unknown): void {
  if (padding === "valid" || padding === "same") return;
  if (typeof padding === "number" && Number.isSafeInteger(padding) && padding >= 0) return;
  throw new RangeError(
    `${op}: padding must be "valid", "same" or a non-negative integer, got ${String(padding)}`,
  );
}

/**
 * The run-time twin of `ConvLayerShape`: the per-example output of a conv
 * layer, or a `ShapeError` with the type's message.
 */
export function convLayerShape(
  op: ConvOp,
  window: readonly number[],
  channels: { readonly cIn: number; readonly cOut: number },
  options: WindowOptions,
  shape: readonly number[],
): number[] {
  const rank = window.length;
  if (shape.length !== rank + 1) {
    throw new ShapeError(
      `${op}: expects [${SPATIAL_AXES[op]}, ${channels.cIn}], got ${formatShape(shape)}`,
    );
  }
  const got = shape[rank];
  if (got !== channels.cIn) {
    throw new ShapeError(
      `${op}: input has ${got} channels but the layer expects ${channels.cIn}`,
    );
  }
  const spatial = shape.slice(0, rank).map((n, axis) =>
    convOutputSize(n, window[axis], { ...options, op })
  );
  return [...spatial, channels.cOut];
}

/** A conv layer without its static types. */
export interface RawConvLayer {
  readonly name: ConvOp;
  readonly dtype: DType;
  readonly size: number;
  readonly cIn: number;
  readonly cOut: number;
  readonly stride: number;
  readonly padding: Padding;
  readonly bias: boolean;
  init(key: PRNGKey): { w: AnyTensor; b?: AnyTensor };
  apply(
    params: { w: AnyTensor; b?: AnyTensor },
    x: Tensor<readonly [Dim, ...Dim[]], DType>,
    context?: ApplyContext,
  ): AnyTensor;
  outputShape(shape: readonly number[]): number[];
  paramCount(): number;
  multiplyCount(shape: readonly number[]): number;
}

/**
 * A conv layer of `op` with a window of side `size` from `cIn` to `cOut`
 * channels. The initialiser draws the filter as the `[cOut, fanIn]` matrix
 * of its fan-out and fan-in (`fanIn = size^rank · cIn`), entries reordered
 * into HWIO.
 */
export function makeConvLayer(
  op: ConvOp,
  size: number,
  cIn: number,
  cOut: number,
  options: RawConvOptions | undefined,
): RawConvLayer {
  checkPositive(op, "the window size", size);
  checkPositive(op, "cIn", cIn);
  checkPositive(op, "cOut", cOut);
  const stride = options?.stride ?? 1;
  checkPositive(op, "stride", stride);
  const padding = options?.padding ?? "valid";
  checkPadding(op, padding);
  const bias = options?.bias ?? true;
  if (typeof bias !== "boolean") {
    throw new RangeError(`${op}: bias must be true or false, got ${String(bias)}`);
  }
  const dtype = resolveDType(op, options?.dtype);
  const initializer = options?.init ?? he;
  const window = new Array<number>(RANKS[op]).fill(size);
  const fanIn = sizeOf(window) * cIn;
  const filterShape = [...window, cIn, cOut];
  const windowOptions: WindowOptions = { stride, padding };
  const outputShape = (shape: readonly number[]): number[] =>
    convLayerShape(op, window, { cIn, cOut }, windowOptions, shape);
  return Object.freeze({
    name: op,
    dtype,
    size,
    cIn,
    cOut,
    stride,
    padding,
    bias,
    init(key: PRNGKey): { w: AnyTensor; b?: AnyTensor } {
      const matrix = initializer(key, [cOut, fanIn], { dtype });
      const w = new Tensor(filterShape, dtype, matrix.data) as AnyTensor;
      if (!bias) return { w };
      return { w, b: new Tensor([cOut], dtype, allocate(dtype, cOut)) as AnyTensor };
    },
    apply(
      params: { w: AnyTensor; b?: AnyTensor },
      x: Tensor<readonly [Dim, ...Dim[]], DType>,
      _context?: ApplyContext,
    ): AnyTensor {
      const shape = x.shape as readonly number[];
      if (shape.length === 0) {
        throw new ShapeError(`${op}: expected a batch-first input, got a scalar`);
      }
      outputShape(shape.slice(1));
      const y = OPS[op](x as AnyTensor, params.w, windowOptions);
      return params.b === undefined ? y : add(y, params.b) as AnyTensor;
    },
    outputShape,
    paramCount(): number {
      return fanIn * cOut + (bias ? cOut : 0);
    },
    multiplyCount(shape: readonly number[]): number {
      return sizeOf(outputShape(shape)) * fanIn;
    },
  });
}
