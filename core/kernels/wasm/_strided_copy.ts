/**
 * Strided copies without per-element closures, behind the wasm backend's
 * `transpose` and `broadcastTo`. Plain TypeScript: moving data gains little
 * from SIMD once the copies in and out of wasm memory are counted.
 *
 * @module
 */
import type { Buffer } from "../backend.ts";

/**
 * Writes `out` in row-major order over `dims`, reading element
 * `Σ index[axis]·strides[axis]` of `x` (a stride of 0 repeats). Axes that
 * are contiguous in the source are merged first, so each output row is one
 * strided read, a fill (stride 0) or a block copy (stride 1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stridedCopy } from "./_strided_copy.ts";
 * const out = new Float32Array(6);
 * stridedCopy(new Float32Array([1, 2, 3, 4, 5, 6]), [3, 2], [1, 3], out);
 * assert.deepEqual([...out], [1, 4, 2, 5, 3, 6]);
 * ```
 */
export function stridedCopy(
  x: Buffer,
  dims: readonly number[],
  strides: readonly number[],
  out: Buffer,
): void {
  const merged: number[] = [];
  const steps: number[] = [];
  for (let axis = 0; axis < dims.length; axis++) {
    const dim = dims[axis];
    if (dim === 0) return;
    if (dim === 1) continue;
    const last = merged.length - 1;
    if (last >= 0 && steps[last] === strides[axis] * dim) {
      merged[last] *= dim;
      steps[last] = strides[axis];
    } else {
      merged.push(dim);
      steps.push(strides[axis]);
    }
  }
  if (merged.length === 0) {
    out[0] = x[0];
    return;
  }
  const rank = merged.length;
  const inner = merged[rank - 1];
  const step = steps[rank - 1];
  if (rank === 2 && steps[0] === 0 && step === 1) {
    // One block repeated (a bias over a batch): copy it once, then double
    // what is written with copyWithin, instead of a copy per repeat.
    out.set(x.subarray(0, inner), 0);
    for (let filled = inner; filled < out.length; filled *= 2) {
      out.copyWithin(filled, 0, Math.min(filled, out.length - filled));
    }
    return;
  }
  const counter = new Array<number>(rank).fill(0);
  let source = 0;
  for (let at = 0; at < out.length; at += inner) {
    // A short contiguous run (a bias of a few channels) is cheaper as a loop than as
    // a subarray and a set: those two calls cost more than copying a few floats.
    if (step === 1 && inner >= 64) out.set(x.subarray(source, source + inner), at);
    else if (step === 1) { for (let j = 0; j < inner; j++) out[at + j] = x[source + j]; }
    else if (step === 0) out.fill(x[source], at, at + inner);
    else for (let j = 0; j < inner; j++) out[at + j] = x[source + j * step];
    // Odometer over the outer axes.
    for (let axis = rank - 2; axis >= 0; axis--) {
      source += steps[axis];
      if (++counter[axis] < merged[axis]) break;
      source -= steps[axis] * merged[axis];
      counter[axis] = 0;
    }
  }
}
