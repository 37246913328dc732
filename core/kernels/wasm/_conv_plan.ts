/**
 * A convolution of any spatial rank as calls of the 2-D `im2col`/`col2im`
 * kernels: the last two spatial axes form the plane the kernels walk (a
 * 1-D convolution is a plane of height 1); the leading axes, with their
 * window cells, are enumerated here, once per call, as plane calls.
 *
 * The patch matrix has one row per output position (batch first) and one
 * column per filter row `(window cell, input channel)`, in the order of the
 * filter's `[...window, cIn, cOut]` layout, so that `patches · W` is the
 * convolution.
 *
 * @module
 */
import { sizeOf, stridesOf } from "../../shape.ts";

/** Byte offsets stay below 2³¹ (wasm addresses are i32; JS passes them signed). */
export const ADDRESS_LIMIT = 2 ** 31;

/** A tile's patch matrix stays under this many bytes (images are whole, at least one per tile). */
const PATCH_BUDGET = 32 * 2 ** 20;

/** One plane call, per image: where it reads and where it writes. */
export interface PlaneCall {
  /** Offset (floats) of the input plane in the image. */
  readonly input: number;
  /** First patch row (output position) it writes, counted in the image. */
  readonly row: number;
  /** First patch column (float) it writes. */
  readonly column: number;
}

/** Everything the wasm convolutions need to know about one geometry. */
export interface ConvPlan {
  readonly batch: number;
  readonly cIn: number;
  readonly cOut: number;
  /** Floats per image of the input. */
  readonly inSize: number;
  /** Output positions per image: patch rows per image. */
  readonly positions: number;
  /** Patch columns: window cells × input channels. */
  readonly depth: number;
  /** The kernels' plane arguments: H, W, C, Ho, Wo, fh, fw, stride, padH, padW. */
  readonly plane: readonly number[];
  readonly calls: readonly PlaneCall[];
  /** Whether some (leading window cell, output position) falls in the padding: its columns stay zero. */
  readonly partial: boolean;
  /** Images per tile (see {@link PATCH_BUDGET}). */
  readonly tile: number;
}

/** Row-major coordinates of `index` in `dims`. */
function coordinates(index: number, dims: readonly number[]): number[] {
  const strides = stridesOf(dims);
  return dims.map((dim, axis) => Math.floor(index / strides[axis]) % dim);
}

/**
 * The plan of a convolution of `x` (`[batch, ...spatial, cIn]`) with a
 * filter of `wShape` (`[...window, cIn, cOut]`) into `outShape`. The
 * spatial rank must be at least 1.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { convPlan } from "./_conv_plan.ts";
 * const plan = convPlan([2, 5, 4, 4, 3], [3, 3, 3, 3, 8], 1, [1, 1, 1], [2, 5, 4, 4, 8]);
 * assert.deepEqual(plan.plane, [4, 4, 3, 4, 4, 3, 3, 1, 1, 1]);
 * assert.equal(plan.calls.length, 5 * 3 - 2); // depth 0 and 4 lose one window cell each
 * assert.equal(plan.depth, 27 * 3);
 * ```
 */
export function convPlan(
  xShape: readonly number[],
  wShape: readonly number[],
  stride: number,
  padBefore: readonly number[],
  outShape: readonly number[],
): ConvPlan {
  const rank = xShape.length - 2;
  const inSpatial = xShape.slice(1, -1);
  const outSpatial = outShape.slice(1, -1);
  const window = wShape.slice(0, -2);
  const cIn = xShape[rank + 1];
  const lead = Math.max(0, rank - 2);
  const planeOf = (dims: readonly number[], fill: number) =>
    rank === 1 ? [fill, dims[0]] : dims.slice(lead);
  const [h, w] = planeOf(inSpatial, 1);
  const [ho, wo] = planeOf(outSpatial, 1);
  const [fh, fw] = planeOf(window, 1);
  const [padH, padW] = planeOf(padBefore, 0);
  const calls: PlaneCall[] = [];
  const leadOut = outSpatial.slice(0, lead);
  const leadWindow = window.slice(0, lead);
  const leadIn = inSpatial.slice(0, lead);
  const inStrides = stridesOf(leadIn);
  for (let o = 0; o < sizeOf(leadOut); o++) {
    const out = coordinates(o, leadOut);
    for (let k = 0; k < sizeOf(leadWindow); k++) {
      const cell = coordinates(k, leadWindow);
      const at = out.map((coordinate, axis) => coordinate * stride + cell[axis] - padBefore[axis]);
      if (at.some((coordinate, axis) => coordinate < 0 || coordinate >= leadIn[axis])) continue;
      const plane = at.reduce((sum, coordinate, axis) => sum + coordinate * inStrides[axis], 0);
      calls.push({ input: plane * h * w * cIn, row: o * ho * wo, column: k * fh * fw * cIn });
    }
  }
  const positions = sizeOf(outSpatial);
  const depth = sizeOf(window) * cIn;
  return {
    batch: xShape[0],
    cIn,
    cOut: outShape[rank + 1],
    inSize: sizeOf(inSpatial) * cIn,
    positions,
    depth,
    plane: [h, w, cIn, ho, wo, fh, fw, stride, padH, padW],
    calls,
    partial: calls.length < sizeOf(leadOut) * sizeOf(leadWindow),
    tile: Math.max(1, Math.min(xShape[0], Math.floor(PATCH_BUDGET / (positions * depth * 4)))),
  };
}

/** `bytes` rounded up to a multiple of 64. */
export function align(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}
