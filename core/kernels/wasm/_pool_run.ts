/**
 * Runs one of the wasm pooling kernels (`_pool_module.ts`) on f32 buffers:
 * lays out the window table, the operands and the result in the scratch
 * memory, calls the kernel, copies the result out.
 *
 * @module
 */
import { sizeOf } from "../../shape.ts";
import type { PoolKernel } from "./_pool_module.ts";
import { windowModule } from "./_window_module.ts";
import { windowTable } from "./_window_table.ts";

/** Byte offsets stay below 2³¹ (wasm addresses are i32; JS passes them signed). */
const ADDRESS_LIMIT = 2 ** 31;

function align(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}

/** A pooling geometry, as the backend's pooling functions receive it. */
export interface PoolGeometry {
  readonly xShape: readonly number[];
  readonly window: readonly number[];
  readonly stride: number;
  readonly padBefore: readonly number[];
  readonly outShape: readonly number[];
}

/**
 * `kernel(x, y, out)` in wasm: `x` is image-shaped, `y` the second operand
 * (the kernel says which shape; empty when there is none), `out` gets the
 * result (zeroed first for the transposes, which add into it). Returns
 * `false`, doing nothing, when the operands would not fit under 2 GiB.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runPool } from "./_pool_run.ts";
 * const out = new Float32Array(2);
 * const geometry = { xShape: [1, 4, 1], window: [2], stride: 2, padBefore: [0], outShape: [1, 2, 1] };
 * runPool("pool_max", geometry, new Float32Array([1, 5, 2, 4]), new Float32Array(0), out);
 * assert.deepEqual([...out], [5, 4]);
 * ```
 */
export function runPool(
  kernel: PoolKernel,
  geometry: PoolGeometry,
  x: Float32Array,
  y: Float32Array,
  out: Float32Array,
): boolean {
  const { xShape, window, stride, padBefore, outShape } = geometry;
  const channels = xShape[xShape.length - 1];
  const inSpatial = xShape.slice(1, -1);
  const outSpatial = outShape.slice(1, -1);
  const { starts, cells } = windowTable(inSpatial, outSpatial, window, stride, padBefore);
  const positions = sizeOf(outSpatial);
  const cellsAt = align((positions + 1) * 4);
  const xAt = cellsAt + align(cells.length * 4);
  const yAt = xAt + align(x.length * 4);
  const outAt = yAt + align(y.length * 4);
  const total = outAt + out.length * 4;
  if (total >= ADDRESS_LIMIT) return false;
  const module = windowModule();
  const view = module.gemm.scratch.reserve(total);
  const table = new Int32Array(view.buffer, 0, xAt / 4);
  for (let o = 0; o <= positions; o++) table[o] = cellsAt + 4 * starts[o];
  const cellBytes = channels * 4;
  for (let i = 0; i < cells.length; i++) table[cellsAt / 4 + i] = cells[i] * cellBytes;
  view.set(x, xAt / 4);
  view.set(y, yAt / 4);
  if (kernel.endsWith("transpose")) view.fill(0, outAt / 4, outAt / 4 + out.length);
  const inBytes = sizeOf(inSpatial) * cellBytes;
  module.exports[kernel](xAt, yAt, outAt, xShape[0], positions, channels, inBytes, 0);
  out.set(view.subarray(outAt / 4, outAt / 4 + out.length));
  return true;
}
