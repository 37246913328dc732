/**
 * The wasm backend's convolution gradients, f32, on the wasm GEMM:
 *
 * - input: `dP = G · Wᵀ`, the gradient of the patch matrix, then `col2im`
 *   adds each patch row back onto its window (for one input channel,
 *   `dPᵀ = W · Gᵀ` and `col2im_t`, as the patches are written transposed);
 * - filter: `dW = Pᵀ · G` summed over tiles of images, computed as
 *   `(Gᵀ · P)ᵀ` when that pads the 3×12 register tile less.
 *
 * f64 and empty convolutions go to the reference.
 *
 * @module
 */
import type { Buffer } from "../backend.ts";
import { reference } from "../reference.ts";
import { gemmParallel } from "./_gemm_parallel.ts";
import { ADDRESS_LIMIT, align } from "./_conv_plan.ts";
import { convModule, patchStrides, tileGemmSizes, wasmPlan, writePatches } from "./_conv.ts";
import { packsA, packsB } from "./_gemm_direct.ts";

/**
 * `Backend.convInputGrad` in wasm for f32.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wasmConvInputGrad } from "./_conv_grads.ts";
 * // 1-D: x of 3 cells, filter [1, 2], one output cotangent per window.
 * const out = new Float32Array(3);
 * wasmConvInputGrad(new Float32Array([1, 10]), [1, 2, 1], new Float32Array([1, 2]), [2, 1, 1], 1, [0], [1, 3, 1], out);
 * assert.deepEqual([...out], [1, 12, 20]);
 * ```
 */
export function wasmConvInputGrad(
  g: Buffer,
  gShape: readonly number[],
  w: Buffer,
  wShape: readonly number[],
  stride: number,
  padBefore: readonly number[],
  xShape: readonly number[],
  out: Buffer,
): void {
  const plan = wasmPlan([g, w, out], xShape, wShape, stride, padBefore, gShape);
  const fallback = () =>
    reference.convInputGrad(g, gShape, w, wShape, stride, padBefore, xShape, out);
  if (!plan) return fallback();
  const module = convModule(plan);
  const { batch, tile, positions, depth, cOut, inSize, calls, plane } = plan;
  // One input channel: dPᵀ = W·Gᵀ and `col2im_t` (see `writePatches`).
  const transposed = plan.cIn === 1;
  const sizes = tileGemmSizes(module, plan, (images) => {
    const rows = images * positions;
    return transposed ? [depth, cOut, rows] : [rows, cOut, depth];
  });
  const gAt = align(depth * cOut * 4);
  const cAt = gAt + align(tile * positions * cOut * 4);
  const dxAt = cAt + align(sizes.rows * sizes.pitch);
  const pack = dxAt + align(tile * inSize * 4);
  if (pack + sizes.packBytes >= ADDRESS_LIMIT) return fallback();
  const view = module.gemm.scratch.reserve(pack + sizes.packBytes);
  const { pitch } = sizes;
  view.set(w, 0);
  for (let b0 = 0; b0 < batch; b0 += tile) {
    const count = Math.min(tile, batch - b0);
    const rows = count * positions;
    view.set(g.subarray(b0 * positions * cOut, (b0 + count) * positions * cOut), gAt / 4);
    // G·Wᵀ: Wᵀ (p, j) is W[j, p] at j·cOut + p. W·Gᵀ: Gᵀ (p, j) is G[j, p] at j·cOut + p.
    const [m, n, a, bAt] = transposed ? [depth, rows, 0, gAt] : [rows, depth, gAt, 0];
    gemmParallel(module.gemm, {
      ...{ m, k: cOut, n, a, aRow: cOut, aInner: 1, b: bAt, bInner: 1, bCol: cOut },
      ...{ c: cAt, pitch, pack },
    });
    view.fill(0, dxAt / 4, dxAt / 4 + count * inSize);
    for (let b = 0; b < count; b++) {
      for (const call of calls) {
        const dst = dxAt + 4 * (b * inSize + call.input);
        const row = b * positions + call.row;
        if (transposed) {
          module.exports.col2im_t(cAt + call.column * pitch + 4 * row, pitch, dst, ...plane);
        } else module.exports.col2im(cAt + row * pitch + 4 * call.column, pitch, dst, ...plane);
      }
    }
    out.set(view.subarray(dxAt / 4, dxAt / 4 + count * inSize), b0 * inSize);
  }
}

/**
 * `Backend.convFilterGrad` in wasm for f32.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wasmConvFilterGrad } from "./_conv_grads.ts";
 * // 1-D: x = [1, 2, 3], cotangents [1, 10] on the two windows of a 2-cell filter.
 * const out = new Float32Array(2);
 * wasmConvFilterGrad(new Float32Array([1, 2, 3]), [1, 3, 1], new Float32Array([1, 10]), [1, 2, 1], 1, [0], [2, 1, 1], out);
 * assert.deepEqual([...out], [21, 32]);
 * ```
 */
export function wasmConvFilterGrad(
  x: Buffer,
  xShape: readonly number[],
  g: Buffer,
  gShape: readonly number[],
  stride: number,
  padBefore: readonly number[],
  wShape: readonly number[],
  out: Buffer,
): void {
  const plan = wasmPlan([x, g, out], xShape, wShape, stride, padBefore, gShape);
  const fallback = () =>
    reference.convFilterGrad(x, xShape, g, gShape, stride, padBefore, wShape, out);
  if (!plan) return fallback();
  const module = convModule(plan);
  const { batch, tile, positions, depth, cOut, inSize } = plan;
  const { mr, nr } = module.gemm.tiling;
  const padded = (rows: number, columns: number) =>
    Math.ceil(rows / mr) * Math.ceil(columns / nr) * mr * nr;
  // Gᵀ·P (cOut × depth) or Pᵀ·G (depth × cOut): whichever packs fewer
  // floats per image position (an operand read in place costs nothing), then
  // whichever wastes less of the tile.
  const patches = patchStrides(plan, tile * positions);
  const packed = (aInner: number, bCol: number, n: number, aRows: number) =>
    (packsA(module.gemm, n, aInner) ? aRows : 0) + (packsB(n, bCol) ? n : 0);
  const flippedCost = packed(cOut, patches.columnStride, depth, cOut);
  const plainCost = packed(patches.rowStride, 1, cOut, depth);
  const flipped = flippedCost < plainCost ||
    (flippedCost === plainCost && padded(cOut, depth) <= padded(depth, cOut));
  const [m, n] = flipped ? [cOut, depth] : [depth, cOut];
  const sizes = tileGemmSizes(module, plan, (images) => [m, images * positions, n]);
  const gAt = align(tile * inSize * 4);
  const pAt = gAt + align(tile * positions * cOut * 4);
  const cAt = pAt + align(tile * positions * depth * 4);
  const pack = cAt + align(sizes.rows * sizes.pitch);
  if (pack + sizes.packBytes >= ADDRESS_LIMIT) return fallback();
  const view = module.gemm.scratch.reserve(pack + sizes.packBytes);
  const pitchFloats = sizes.pitch / 4;
  const c = cAt / 4;
  for (let b0 = 0; b0 < batch; b0 += tile) {
    const count = Math.min(tile, batch - b0);
    const k = count * positions;
    view.set(x.subarray(b0 * inSize, (b0 + count) * inSize), 0);
    view.set(g.subarray(b0 * positions * cOut, (b0 + count) * positions * cOut), gAt / 4);
    const { rowStride, columnStride } = writePatches(module, plan, view, count, 0, pAt);
    // Gᵀ (i, p) is G[p, i] at p·cOut + i; Pᵀ (i, p) is P's (p, i).
    const [a, aRow, aInner, b, bInner, bCol] = flipped
      ? [gAt, 1, cOut, pAt, rowStride, columnStride]
      : [pAt, columnStride, rowStride, gAt, cOut, 1];
    gemmParallel(module.gemm, {
      ...{ m, k, n, a, aRow, aInner, b, bInner, bCol },
      ...{ c: cAt, pitch: sizes.pitch, pack },
    });
    const first = b0 === 0;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const at = flipped ? j * cOut + i : i * cOut + j;
        const value = view[c + i * pitchFloats + j];
        out[at] = first ? value : out[at] + value;
      }
    }
  }
}
