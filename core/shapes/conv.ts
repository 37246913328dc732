/**
 * The size rules of convolution and pooling, in NHWC with HWIO filters:
 * `⌊(n + 2p − f)/s⌋ + 1` for explicit padding `p`, `⌈n/s⌉` for `"same"`,
 * `⌊(n − f)/s⌋ + 1` for `"valid"`.
 *
 * @module
 */
import type { AsNumber } from "../type_utils.ts";
import type { Add, CeilDiv, FloorDiv, Mul, Sub } from "../arith.ts";
import { ShapeError } from "../errors.ts";
import type { Dim, DimText, SameDim, Shape } from "../shape.ts";
import { formatShape } from "../shape.ts";

/** Padding of a convolution or pooling window. */
export type Padding = "valid" | "same" | number;

/** Stride and padding of a convolution or pooling window. */
export interface WindowOptions {
  /** Step between windows; 1 when absent. */
  readonly stride?: number;
  /** `"valid"` (no padding, the default), `"same"` (TensorFlow's rule), or explicit zeros per side. */
  readonly padding?: Padding;
}

/**
 * Options of {@link convOutputSize} and {@link convShape}: the window's stride
 * and padding, and the op that error messages name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { convShape } from "./conv.ts";
 * import type { ConvShapeOptions } from "./conv.ts";
 * const options: ConvShapeOptions = { stride: 2, padding: "same", op: "conv1d" };
 * assert(convShape([4, 100, 1], [5, 1, 8], options).join() === "4,50,8");
 * ```
 */
export interface ConvShapeOptions extends WindowOptions {
  /**
   * The op that error messages name; when absent, `"conv"` for
   * {@link convOutputSize} and `"conv2d"` for {@link convShape}.
   */
  readonly op?: string;
}

/**
 * Options of 2-D pooling ({@link pool2dShape}, `maxPool2d`, `avgPool2d`): a
 * square window of side `size`, its stride and its padding.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pool2dShape } from "./conv.ts";
 * import type { PoolOptions } from "./conv.ts";
 * const options: PoolOptions = { size: 3, stride: 2 };
 * assert(pool2dShape([1, 7, 7, 1], options).join() === "1,3,3,1");
 * ```
 */
export interface PoolOptions extends WindowOptions {
  /** Side of the square window. */
  readonly size: number;
  /** Step between windows; the window size when absent. */
  readonly stride?: number;
}

/** Options that set nothing: every default. */
export type NoOptions = Record<never, never>;

/** The stride named by options (1 when absent). */
export type StrideOf<O> = O extends { readonly stride: infer S extends number } ? S : 1;
/** The padding named by options (`"valid"` when absent). */
export type PaddingOf<O> = O extends { readonly padding: infer P extends Padding } ? P : "valid";

/** The input size plus the explicit padding on both sides. */
export type PaddedSpan<N extends number, P extends Padding> = P extends number ? Add<N, Mul<2, P>>
  : N;

/**
 * The output size along one axis: `{ ok: size }` or a {@link ShapeError} when
 * the window does not fit. Sizes that are not literals give `number`.
 *
 * @example
 * ```ts
 * import type { ConvOutputSize } from "./conv.ts";
 * const valid: ConvOutputSize<28, 5, 1, "valid"> = { ok: 24 };
 * const same: ConvOutputSize<28, 3, 2, "same"> = { ok: 14 };
 * const explicit: ConvOutputSize<39, 3, 1, 0> = { ok: 37 };
 * ```
 */
export type ConvOutputSize<
  N extends Dim,
  F extends Dim,
  S extends number,
  P extends Padding,
  Op extends string = "conv",
> = [N, F] extends [infer Size extends number, infer Window extends number]
  ? [number] extends [Size | Window | S | (P extends number ? P : 0)] ? { ok: number }
  : P extends "same" ? { ok: AsNumber<CeilDiv<Size, S>> }
  : Sub<PaddedSpan<Size, P>, Window> extends infer Room extends number
    ? { ok: Add<AsNumber<FloorDiv<Room, S>>, 1> }
  : ShapeError<
    `${Op}: window ${Window} is larger than the padded input ${DimText<PaddedSpan<Size, P>>}`
  >
  : { ok: number };

/** The output sizes of every spatial axis: `{ ok: dims }` or a `ShapeError`. */
export type ConvSpatial<
  X extends Shape,
  W extends Shape,
  S extends number,
  P extends Padding,
  Op extends string,
  Done extends Dim[] = [],
> = X extends readonly [infer N extends Dim, ...infer XRest extends Dim[]]
  ? W extends readonly [infer F extends Dim, ...infer WRest extends Dim[]]
    ? ConvOutputSize<N, F, S, P, Op> extends infer R
      ? R extends { ok: infer D extends Dim } ? ConvSpatial<XRest, WRest, S, P, Op, [...Done, D]>
      : R
    : never
  : { ok: Done }
  : { ok: Done };

/**
 * The output shape of a convolution of `X = [B, ...spatial, C]` with a filter
 * `W = [...window, C, K]`: `[B, ...out, K]`, or a {@link ShapeError}. One rule
 * serves conv1d, conv2d and conv3d.
 *
 * @example
 * ```ts
 * import type { ConvShape } from "./conv.ts";
 * const lenet1: ConvShape<["B", 28, 28, 1], [5, 5, 1, 6]> = ["B", 24, 24, 6];
 * ```
 */
export type ConvShape<
  X extends Shape,
  W extends Shape,
  O extends WindowOptions = NoOptions,
  Op extends string = "conv2d",
  SpatialRank extends number = number,
> = X extends readonly [infer B extends Dim, ...infer Inner extends Dim[], infer C extends Dim]
  ? number extends SpatialRank ? ConvChecked<B, Inner, C, W, O, Op>
  : Inner["length"] extends SpatialRank ? ConvChecked<B, Inner, C, W, O, Op>
  : ShapeError<
    `${Op}: the input must be [batch, ${SpatialRank} spatial dims, channels], got rank ${X[
      "length"
    ]}`
  >
  : ShapeError<`${Op}: the input must be [batch, ...spatial, channels]`>;

/** `ConvShape` once the input is known to be `[B, ...spatial, C]`. */
export type ConvChecked<
  B extends Dim,
  Inner extends Dim[],
  C extends Dim,
  W extends Shape,
  O extends WindowOptions,
  Op extends string,
> = W extends readonly [...infer Window extends Dim[], infer C2 extends Dim, infer K extends Dim]
  ? Window["length"] extends Inner["length"] ? SameDim<
      C,
      C2,
      `${Op}: input has ${DimText<C>} channels but the filter expects ${DimText<C2>}`
    > extends infer R ? R extends ShapeError ? R
      : ConvSpatial<Inner, Window, StrideOf<O>, PaddingOf<O>, Op> extends infer Out
        ? Out extends { ok: infer Dims extends Dim[] } ? [B, ...Dims, K] : Out
      : never
    : never
  : ShapeError<
    `${Op}: a ${Inner["length"]}-d input needs a ${Inner["length"]}-d window, got ${Window[
      "length"
    ]}-d`
  >
  : ShapeError<`${Op}: the filter must be [...window, channels in, channels out]`>;

/**
 * The output shape of 2-D pooling of `X = [B, H, W, C]` with a square window
 * `Size` (stride defaults to the size, padding to `"valid"`).
 *
 * @example
 * ```ts
 * import type { Pool2dShape } from "./conv.ts";
 * const pooled: Pool2dShape<["B", 24, 24, 6], 2> = ["B", 12, 12, 6];
 * ```
 */
export type Pool2dShape<
  X extends Shape,
  Size extends number,
  O extends WindowOptions = NoOptions,
> = X extends
  readonly [infer B extends Dim, infer H extends Dim, infer W extends Dim, infer C extends Dim]
  ? ConvSpatial<
    [H, W],
    [Size, Size],
    O extends { readonly stride: infer S extends number } ? S : Size,
    PaddingOf<O>,
    "pool2d"
  > extends infer Out
    ? Out extends { ok: [infer H2 extends Dim, infer W2 extends Dim] } ? [B, H2, W2, C]
    : Out extends ShapeError ? Out
    : never
  : never
  : ShapeError<
    `pool2d: the input must be [batch, height, width, channels], got rank ${X["length"]}`
  >;

/**
 * The run-time twin of {@link ConvOutputSize}: the output size along one axis
 * of an input of size `n` and a window of size `f` (stride 1 and `"valid"`
 * padding unless the options say otherwise).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { convOutputSize } from "./conv.ts";
 * assert(convOutputSize(28, 5) === 24);
 * assert(convOutputSize(28, 3, { stride: 2, padding: "same" }) === 14);
 * assert(convOutputSize(39, 3, { padding: 0 }) === 37);
 * ```
 */
export function convOutputSize(n: number, f: number, options?: ConvShapeOptions): number {
  const stride = options?.stride ?? 1;
  const padding = options?.padding ?? "valid";
  const op = options?.op ?? "conv";
  if (!Number.isSafeInteger(stride) || stride < 1) {
    throw new RangeError(`${op}: stride must be a positive integer, got ${stride}`);
  }
  if (padding === "same") return Math.ceil(n / stride);
  const pad = padding === "valid" ? 0 : padding;
  if (!Number.isSafeInteger(pad) || pad < 0) {
    throw new RangeError(
      `${op}: padding must be "valid", "same" or a non-negative integer, got ${String(padding)}`,
    );
  }
  if (n + 2 * pad < f) {
    throw new ShapeError(`${op}: window ${f} is larger than the padded input ${n + 2 * pad}`);
  }
  return Math.floor((n + 2 * pad - f) / stride) + 1;
}

/**
 * The run-time twin of {@link ConvShape}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { convShape } from "./conv.ts";
 * assert(convShape([2, 28, 28, 1], [5, 5, 1, 6]).join() === "2,24,24,6");
 * assert(convShape([2, 28, 28, 1], [3, 3, 1, 6], { stride: 2, padding: 1 }).join() === "2,14,14,6");
 * ```
 */
export function convShape(
  x: readonly number[],
  w: readonly number[],
  options?: ConvShapeOptions,
): number[] {
  const op = options?.op ?? "conv2d";
  const describe = `Cannot ${op} an input of shape ${formatShape(x)} with a filter of shape ${
    formatShape(w)
  }`;
  if (x.length < 3 || w.length !== x.length) {
    throw new ShapeError(
      `${describe}: a ${
        x.length - 2
      }-d input needs a filter of rank ${x.length}, got rank ${w.length}`,
    );
  }
  const channels = x[x.length - 1];
  if (w[w.length - 2] !== channels) {
    throw new ShapeError(
      `${describe}: input has ${channels} channels but the filter expects ${
        w[w.length - 2]
      } (axis ${w.length - 2} of the filter)`,
    );
  }
  const window: ConvShapeOptions = {
    stride: options?.stride ?? 1,
    padding: options?.padding ?? "valid",
    op,
  };
  const out = [x[0]];
  for (let axis = 1; axis < x.length - 1; axis++) {
    out.push(convOutputSize(x[axis], w[axis - 1], window));
  }
  out.push(w[w.length - 1]);
  return out;
}

/**
 * The run-time twin of {@link Pool2dShape}: the shape of 2-D pooling of
 * `x = [batch, height, width, channels]` with a square window of side
 * `options.size` (the stride defaults to the size, the padding to `"valid"`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pool2dShape } from "./conv.ts";
 * assert(pool2dShape([2, 24, 24, 6], { size: 2 }).join() === "2,12,12,6");
 * assert(pool2dShape([2, 5, 5, 6], { size: 3, stride: 1 }).join() === "2,3,3,6");
 * ```
 */
export function pool2dShape(x: readonly number[], options: PoolOptions): number[] {
  if (x.length !== 4) {
    throw new ShapeError(
      `Cannot pool2d a tensor of shape ${
        formatShape(x)
      }: it must be [batch, height, width, channels]`,
    );
  }
  const size = options.size;
  const window: ConvShapeOptions = {
    stride: options.stride ?? size,
    padding: options.padding ?? "valid",
    op: "pool2d",
  };
  return [x[0], convOutputSize(x[1], size, window), convOutputSize(x[2], size, window), x[3]];
}

/**
 * The zeros added before and after one axis of size `n` under a window of
 * size `f`: explicit `p` gives `[p, p]`; `"same"` pads
 * `max((⌈n/s⌉ − 1)·s + f − n, 0)` in total with the extra one after
 * (bottom/right), as TensorFlow does; `"valid"` (the default) gives `[0, 0]`.
 * The stride `s` defaults to 1.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { paddingAmounts } from "./conv.ts";
 * assert(paddingAmounts(28, 5, { padding: "same" }).join() === "2,2");
 * assert(paddingAmounts(28, 4, { padding: "same" }).join() === "1,2");
 * assert(paddingAmounts(28, 3, { stride: 2, padding: "same" }).join() === "0,1");
 * assert(paddingAmounts(28, 5).join() === "0,0");
 * ```
 */
export function paddingAmounts(n: number, f: number, options?: WindowOptions): [number, number] {
  const stride = options?.stride ?? 1;
  const padding = options?.padding ?? "valid";
  if (padding === "valid") return [0, 0];
  if (padding !== "same") return [padding, padding];
  const total = Math.max((Math.ceil(n / stride) - 1) * stride + f - n, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}
