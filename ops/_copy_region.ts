/**
 * A strided copy of a box of elements between two row-major buffers: the
 * kernel behind `slice` (a box of the input to the whole output), `pad` (the
 * whole input to a box of the output) and `stack` (each input to its plane of
 * the output).
 *
 * @module
 */
import type { Buffer } from "../core/kernels/backend.ts";
import { stridesOf } from "../core/shape.ts";

/** A place inside a row-major buffer: the buffer, its shape and the index of one element. */
export interface Place {
  /** The elements, row-major. */
  readonly data: Buffer;
  /** The shape of the whole buffer. */
  readonly shape: readonly number[];
  /** The index of the box's first element, one entry per axis. */
  readonly start: readonly number[];
}

/** A box inside a row-major buffer: its first element and its dims. */
export interface Box extends Place {
  /** The dims of the box (the same rank as `shape`). */
  readonly extent: readonly number[];
}

/** Rows shorter than this are copied element by element: a `subarray` view costs more. */
const SHORT_ROW = 16;

function offsetOf(start: readonly number[], strides: readonly number[]): number {
  let offset = 0;
  for (let axis = 0; axis < start.length; axis++) offset += start[axis] * strides[axis];
  return offset;
}

/**
 * Copies the box `from` into `to.data` at `to.start`, element for element:
 * `to[to.start + i] = from[from.start + i]` for every index `i` of
 * `from.extent`. Both shapes have the rank of the extent; the caller has
 * checked that the box fits both. Rows of the innermost axis move with
 * `TypedArray.set` (short ones with a plain loop), so there is no
 * per-element call.
 */
export function copyRegion(from: Box, to: Place): void {
  const { data: source, extent } = from;
  const target = to.data;
  const rank = extent.length;
  if (rank === 0) {
    target[0] = source[0];
    return;
  }
  for (const dim of extent) if (dim === 0) return;
  const sourceStrides = stridesOf(from.shape);
  const targetStrides = stridesOf(to.shape);
  let s = offsetOf(from.start, sourceStrides);
  let t = offsetOf(to.start, targetStrides);
  const row = extent[rank - 1];
  const index = new Array<number>(rank).fill(0);
  for (;;) {
    if (row < SHORT_ROW) { for (let i = 0; i < row; i++) target[t + i] = source[s + i]; }
    else target.set(source.subarray(s, s + row), t);
    // Advance the odometer over every axis but the innermost.
    let axis = rank - 2;
    for (; axis >= 0; axis--) {
      index[axis]++;
      s += sourceStrides[axis];
      t += targetStrides[axis];
      if (index[axis] < extent[axis]) break;
      s -= extent[axis] * sourceStrides[axis];
      t -= extent[axis] * targetStrides[axis];
      index[axis] = 0;
    }
    if (axis < 0) return;
  }
}
