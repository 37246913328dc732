/**
 * Batched f32 matmul on the wasm GEMM, whatever the size: copies the
 * operands into the scratch memory, runs the blocked GEMM per batch and
 * copies the product out. Transposed operands cost nothing extra: packing
 * reads them through strides.
 *
 * @module
 */
import type { MatmulLayout } from "../_matmul_layout.ts";
import { kernelModule } from "./_kernel_module.ts";
import { gemmSizes } from "./_gemm.ts";
import { windowModule } from "./_window_module.ts";
import { gemmParallel } from "./_gemm_parallel.ts";
import { threadPool } from "./_thread_pool.ts";

/** Byte offsets stay below 2³¹ (wasm addresses are i32; JS passes them signed). */
const ADDRESS_LIMIT = 2 ** 31;

function align(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}

/**
 * `out = op(a)·op(b)` per batch of `layout` in wasm; returns `false`, doing
 * nothing, when the operands would not fit under 2 GiB of scratch memory.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gemmBatched } from "./_gemm_batched.ts";
 * import { matmulLayout } from "../_matmul_layout.ts";
 * const out = new Float32Array(1);
 * const layout = matmulLayout([1, 2], [1, 2], [], { transB: true });
 * gemmBatched(new Float32Array([1, 2]), new Float32Array([3, 4]), out, layout);
 * assert.equal(out[0], 11);
 * ```
 */
export function gemmBatched(
  a: Float32Array,
  b: Float32Array,
  out: Float32Array,
  layout: MatmulLayout,
): boolean {
  const { m, k, n, transA, transB, aOffsets, bOffsets } = layout;
  if (m * n * aOffsets.length === 0) return true;
  if (k === 0) {
    out.fill(0);
    return true;
  }
  // Products worth threads run in the shared memory, where workers can help.
  const module = kernelModule({ shared: threadPool.threadsFor(m * k * n) > 1 });
  const sizes = gemmSizes(module, m, k, n);
  const aAt = 0;
  const bAt = align(a.length * 4);
  const cAt = bAt + align(b.length * 4);
  const pack = cAt + align(sizes.rows * sizes.pitch);
  const total = pack + sizes.packBytes;
  if (total >= ADDRESS_LIMIT) return false;
  const view = module.scratch.reserve(total);
  view.set(a, aAt / 4);
  view.set(b, bAt / 4);
  const [aRow, aInner] = transA ? [1, m] : [k, 1];
  const [bInner, bCol] = transB ? [1, k] : [n, 1];
  const pitchFloats = sizes.pitch / 4;
  const c = cAt / 4;
  for (let batch = 0; batch < aOffsets.length; batch++) {
    const a = aAt + 4 * aOffsets[batch];
    const b = bAt + 4 * bOffsets[batch];
    const problem = { m, k, n, a, aRow, aInner, b, bInner, bCol, c: cAt, pitch: sizes.pitch, pack };
    gemmParallel(module, problem);
    const outBase = batch * m * n;
    if (pitchFloats !== n) {
      // Close up the padded rows inside wasm, then one copy out: cheaper than a
      // subarray and a set per row when the rows are short.
      const window = windowModule({ shared: module.scratch.limits.shared });
      window.exports.compact(cAt, sizes.pitch, cAt, n * 4, m);
    }
    out.set(view.subarray(c, c + m * n), outBase);
  }
  return true;
}
