/**
 * The wasm backend's `reduce` for f32 sums: the axes are merged into runs
 * of reduced and kept dims, and each reduced run, last first, is summed by
 * `sum_rows` (nothing kept after it) or `sum_columns` (kept dims after it).
 * Maxima and f64 go to the reference.
 *
 * @module
 */
import type { Buffer, ReduceKind } from "../backend.ts";
import { reference } from "../reference.ts";
import { kernelModule } from "./_kernel_module.ts";

/** Below this many elements the reference loop wins. */
const SMALL = 64;

function align(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}

/** The dims as runs `[size, reduced]`, size-1 dims dropped, neighbours of one kind merged. */
function runs(shape: readonly number[], axes: readonly number[]): [number, boolean][] {
  const merged: [number, boolean][] = [];
  shape.forEach((dim, axis) => {
    if (dim === 1) return;
    const reduced = axes.includes(axis);
    const last = merged[merged.length - 1];
    if (last && last[1] === reduced) last[0] *= dim;
    else merged.push([dim, reduced]);
  });
  return merged;
}

/**
 * `Backend.reduce` in wasm for f32 sums of some size.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wasmReduce } from "./_reduce.ts";
 * const x = Float32Array.from({ length: 64 * 3 }, (_, i) => i % 3);
 * const out = new Float32Array(3);
 * wasmReduce("sum", x, [64, 3], [0], out);
 * assert.deepEqual([...out], [0, 64, 128]);
 * ```
 */
export function wasmReduce(
  kind: ReduceKind,
  x: Buffer,
  shape: readonly number[],
  axes: readonly number[],
  out: Buffer,
): void {
  if (
    kind !== "sum" || !(x instanceof Float32Array && out instanceof Float32Array) ||
    x.length < SMALL
  ) {
    return reference.reduce(kind, x, shape, axes, out);
  }
  const dims = runs(shape, axes);
  if (!dims.some(([, reduced]) => reduced)) {
    out.set(x);
    return;
  }
  const { exports, scratch } = kernelModule();
  const region = align(x.length * 4);
  const view = scratch.reserve(2 * region);
  view.set(x, 0);
  let from = 0;
  for (let index = dims.length - 1; index >= 0; index--) {
    const [rows, reduced] = dims[index];
    if (!reduced) continue;
    const outer = dims.slice(0, index).reduce((size, [dim]) => size * dim, 1);
    const width = dims.slice(index + 1).reduce((size, [dim]) => size * dim, 1);
    const to = region - from;
    if (width === 1) exports.sum_rows(from, outer, rows, to);
    else exports.sum_columns(from, outer, rows, width, to);
    dims.splice(index, 1);
    from = to;
  }
  out.set(view.subarray(from / 4, from / 4 + out.length));
}
