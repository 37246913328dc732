/**
 * The wasm backend's convolution, f32: the patch matrix P of a tile of
 * images (`_im2col_module.ts`; written transposed by `_im2col_t_module.ts`
 * when there is one input channel) times the filter W on the wasm GEMM, all
 * in the scratch memory. Few output channels would waste most of the GEMM's
 * 12-wide register tile, so then it computes `(Wᵀ·Pᵀ)ᵀ` (3-row tiles) and
 * transposes the result. f64 and empty convolutions go to the reference.
 *
 * @module
 */
import type { Buffer } from "../backend.ts";
import { reference } from "../reference.ts";
import { gemmSizes } from "./_gemm.ts";
import { gemmParallel } from "./_gemm_parallel.ts";
import { threadPool } from "./_thread_pool.ts";
import type { GemmSizes } from "./_gemm.ts";
import type { WindowModule } from "./_window_module.ts";
import { windowModule } from "./_window_module.ts";
import type { ConvPlan } from "./_conv_plan.ts";
import { ADDRESS_LIMIT, align, convPlan } from "./_conv_plan.ts";

/**
 * The plan, when the wasm kernels take this convolution: all three buffers
 * f32, a spatial rank of at least 1 and no empty dim; `undefined` otherwise.
 */
export function wasmPlan(
  buffers: readonly Buffer[],
  xShape: readonly number[],
  wShape: readonly number[],
  stride: number,
  padBefore: readonly number[],
  outShape: readonly number[],
): ConvPlan | undefined {
  if (!buffers.every((buffer) => buffer instanceof Float32Array) || xShape.length < 3) {
    return undefined;
  }
  const plan = convPlan(xShape, wShape, stride, padBefore, outShape);
  const sizes = [plan.batch, plan.positions, plan.depth, plan.cOut, plan.inSize];
  return sizes.every((size) => size > 0) ? plan : undefined;
}

/**
 * The GEMM sizes for products of `m × k × n` where `m` is the full tile's
 * count or the last tile's (the packing area is not monotone in `m`).
 */
export function tileGemmSizes(
  module: WindowModule,
  plan: ConvPlan,
  dims: (images: number) => [number, number, number],
): GemmSizes {
  const last = plan.batch % plan.tile || plan.tile;
  const [full, partial] = [plan.tile, last].map((images) =>
    gemmSizes(module.gemm, ...dims(images))
  );
  return { ...full, packBytes: Math.max(full.packBytes, partial.packBytes) };
}

/** Where element (row, column) of a patch matrix is: `4·(row·rowStride + column·columnStride)` bytes in. */
export interface PatchLayout {
  readonly rowStride: number;
  readonly columnStride: number;
}

/**
 * Writes the patch matrix of `count` images (at byte `xAt`) to byte `pAt`:
 * row-major (`im2col`), or column-major (`im2col_t`) for one input channel,
 * where a window row is only a few floats but an image row is many.
 */
export function writePatches(
  module: WindowModule,
  plan: ConvPlan,
  view: Float32Array,
  count: number,
  xAt: number,
  pAt: number,
): PatchLayout {
  const { positions, depth, inSize, calls, plane } = plan;
  const rows = count * positions;
  const transposed = plan.cIn === 1;
  if (plan.partial) view.fill(0, pAt / 4, pAt / 4 + rows * depth);
  for (let b = 0; b < count; b++) {
    for (const call of calls) {
      const src = xAt + 4 * (b * inSize + call.input);
      const row = b * positions + call.row;
      if (transposed) {
        module.exports.im2col_t(src, pAt + 4 * (call.column * rows + row), rows * 4, ...plane);
      } else module.exports.im2col(src, pAt + 4 * (row * depth + call.column), depth * 4, ...plane);
    }
  }
  return patchStrides(plan, rows);
}

/**
 * The window module a convolution of `plan` runs in: the one over the
 * shared memory when a tile's product (`positions · depth · cOut`
 * multiply-adds per image) is worth the worker threads, so the GEMM splits
 * across them in place; else the one over the unshared memory, which JS
 * copies into and out of faster.
 */
export function convModule(plan: ConvPlan): WindowModule {
  const work = plan.tile * plan.positions * plan.depth * plan.cOut;
  return windowModule({ shared: threadPool.threadsFor(work) > 1 });
}

/**
 * The strides {@link writePatches} lays a patch matrix of `rows` rows out
 * with: transposed (depth-major) for one input channel, whose window rows
 * are a few floats but whose image rows are many; else row-major.
 */
export function patchStrides(plan: ConvPlan, rows: number): PatchLayout {
  return plan.cIn === 1
    ? { rowStride: 1, columnStride: rows }
    : { rowStride: plan.depth, columnStride: 1 };
}

/**
 * `Backend.conv` in wasm for f32: per tile of images, patches · W.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wasmConv } from "./_conv.ts";
 * // One 3×3 image of ones, a 2×2 filter of ones, "valid": every output is 4.
 * const out = new Float32Array(4);
 * wasmConv(new Float32Array(9).fill(1), [1, 3, 3, 1], new Float32Array(4).fill(1), [2, 2, 1, 1], 1, [0, 0], [1, 2, 2, 1], out);
 * assert.deepEqual([...out], [4, 4, 4, 4]);
 * ```
 */
export function wasmConv(
  x: Buffer,
  xShape: readonly number[],
  w: Buffer,
  wShape: readonly number[],
  stride: number,
  padBefore: readonly number[],
  outShape: readonly number[],
  out: Buffer,
): void {
  const plan = wasmPlan([x, w, out], xShape, wShape, stride, padBefore, outShape);
  if (!plan) return reference.conv(x, xShape, w, wShape, stride, padBefore, outShape, out);
  const module = convModule(plan);
  const { batch, tile, positions, depth, cOut, inSize } = plan;
  // P·W reads P in place and pads C's rows to whole f32x4 vectors (then
  // compacts them); (Wᵀ·Pᵀ)ᵀ packs P and transposes C back: worth it only when
  // the padding is large (6 channels are 8 floats; 16 channels run 25 % faster
  // as P·W, measured at 14²×16→16 3×3).
  const flipped = Math.ceil(cOut / 4) * 4 > 1.2 * cOut;
  const sizes = tileGemmSizes(module, plan, (images) => {
    const rows = images * positions;
    return flipped ? [cOut, depth, rows] : [rows, depth, cOut];
  });
  const xAt = align(depth * cOut * 4);
  const pAt = xAt + align(tile * inSize * 4);
  const cAt = pAt + align(tile * positions * depth * 4);
  const yAt = cAt + align(sizes.rows * sizes.pitch);
  const pack = yAt + (flipped ? align(tile * positions * cOut * 4) : 0);
  if (pack + sizes.packBytes >= ADDRESS_LIMIT) {
    return reference.conv(x, xShape, w, wShape, stride, padBefore, outShape, out);
  }
  const view = module.gemm.scratch.reserve(pack + sizes.packBytes);
  view.set(w, 0);
  for (let b0 = 0; b0 < batch; b0 += tile) {
    const count = Math.min(tile, batch - b0);
    const rows = count * positions;
    view.set(x.subarray(b0 * inSize, (b0 + count) * inSize), xAt / 4);
    const patches = writePatches(module, plan, view, count, xAt, pAt);
    const [m, n] = flipped ? [cOut, rows] : [rows, cOut];
    // Flipped: A = Wᵀ, (i, p) at p·cOut + i; B = Pᵀ, (p, j) is P's (j, p).
    const [a, aRow, aInner, b, bInner, bCol] = flipped
      ? [0, 1, cOut, pAt, patches.columnStride, patches.rowStride]
      : [pAt, patches.rowStride, patches.columnStride, 0, cOut, 1];
    gemmParallel(module.gemm, {
      m,
      k: depth,
      n,
      a,
      aRow,
      aInner,
      b,
      bInner,
      bCol,
      c: cAt,
      pitch: sizes.pitch,
      pack,
    });
    let result = cAt;
    if (flipped) {
      module.exports.transpose_out(cAt, sizes.pitch, cOut, rows, yAt);
      result = yAt;
    } else if (sizes.pitch !== cOut * 4) {
      module.exports.compact(cAt, sizes.pitch, cAt, cOut * 4, rows);
    }
    out.set(view.subarray(result / 4, result / 4 + rows * cOut), b0 * positions * cOut);
  }
}
