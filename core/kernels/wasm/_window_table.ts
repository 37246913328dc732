/**
 * The window cells of every output position of a pooling, as a table: for
 * output position `o`, the input positions `cells[starts[o] … starts[o+1])`,
 * in the reference's order (window cells row-major), padded cells left out.
 * Geometries repeat from step to step, so the last few tables are kept.
 *
 * @module
 */
import { sizeOf } from "../../shape.ts";
import { forEachWindowCell } from "../_window.ts";

/** The cells of each output position's window (see the module doc). */
export interface WindowTable {
  readonly starts: Int32Array;
  readonly cells: Int32Array;
}

/** Tables kept, by geometry; the oldest goes first. */
const KEPT = 16;
const tables = new Map<string, WindowTable>();

/**
 * The window table of a pooling of `inSpatial` into `outSpatial` with
 * `window`, `stride` and `padBefore` zeros per axis (any rank).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { windowTable } from "./_window_table.ts";
 * // 1-D: 3 cells, window 2, stride 2, one zero before: windows {−1, 0} and {1, 2}.
 * const { starts, cells } = windowTable([3], [2], [2], 2, [1]);
 * assert.deepEqual([...starts], [0, 1, 3]);
 * assert.deepEqual([...cells], [0, 1, 2]);
 * ```
 */
export function windowTable(
  inSpatial: readonly number[],
  outSpatial: readonly number[],
  window: readonly number[],
  stride: number,
  padBefore: readonly number[],
): WindowTable {
  const key = [inSpatial, outSpatial, window, stride, padBefore].join(";");
  const kept = tables.get(key);
  if (kept) return kept;
  const positions = sizeOf(outSpatial);
  const starts = new Int32Array(positions + 1);
  const cells: number[] = [];
  forEachWindowCell(inSpatial, outSpatial, window, stride, padBefore, (o, i) => {
    starts[o + 1]++;
    cells.push(i);
  });
  for (let o = 0; o < positions; o++) starts[o + 1] += starts[o];
  const table = { starts, cells: Int32Array.from(cells) };
  if (tables.size >= KEPT) tables.delete(tables.keys().next().value!);
  tables.set(key, table);
  return table;
}
