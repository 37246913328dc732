/**
 * The reference matmul kernel: a plain triple loop per batch, with the
 * transposed operands read through strides.
 *
 * @module
 */
import type { Buffer, MatmulOptions } from "./backend.ts";
import { matmulLayout } from "./_matmul_layout.ts";

/**
 * `out = op(a)·op(b)` per batch, where `op` transposes the last two axes of
 * an operand whose flag is set (see `Backend.matmul`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { referenceMatmul } from "./_reference_matmul.ts";
 * const out = new Float64Array(1);
 * // [1, 2] · [[3], [4]], with b stored transposed as [[3, 4]].
 * referenceMatmul(new Float64Array([1, 2]), [1, 2], new Float64Array([3, 4]), [1, 2], [], out, {
 *   transB: true,
 * });
 * assert.equal(out[0], 11);
 * ```
 */
export function referenceMatmul(
  a: Buffer,
  aShape: readonly number[],
  b: Buffer,
  bShape: readonly number[],
  outLead: readonly number[],
  out: Buffer,
  options: MatmulOptions = {},
): void {
  const { m, k, n, transA, transB, aOffsets, bOffsets } = matmulLayout(
    aShape,
    bShape,
    outLead,
    options,
  );
  // Element (i, p) of op(a) is at i·aRow + p·aInner; (p, j) of op(b) at p·bInner + j·bCol.
  const [aRow, aInner] = transA ? [1, m] : [k, 1];
  const [bInner, bCol] = transB ? [1, k] : [n, 1];
  for (let batch = 0; batch < aOffsets.length; batch++) {
    const aBase = aOffsets[batch];
    const bBase = bOffsets[batch];
    const outBase = batch * m * n;
    for (let i = 0; i < m; i++) {
      const row = outBase + i * n;
      for (let j = 0; j < n; j++) out[row + j] = 0;
      for (let p = 0; p < k; p++) {
        const scale = a[aBase + i * aRow + p * aInner];
        const bRow = bBase + p * bInner;
        for (let j = 0; j < n; j++) out[row + j] += scale * b[bRow + j * bCol];
      }
    }
  }
}
