/**
 * What every matmul kernel needs to know about its operands' layout: the
 * matrix sizes, the transpose flags, and which stored matrix each batch of
 * the output reads (leading dims broadcast).
 *
 * @module
 */
import type { MatmulOptions } from "./backend.ts";
import { sizeOf, stridesOf } from "../shape.ts";

/** The sizes and batch offsets of one batched product `op(a)·op(b)`. */
export interface MatmulLayout {
  /** Rows of the product. */
  readonly m: number;
  /** The inner dimension. */
  readonly k: number;
  /** Columns of the product. */
  readonly n: number;
  readonly transA: boolean;
  readonly transB: boolean;
  /** For each output batch (row-major over `outLead`), the first element of its A matrix. */
  readonly aOffsets: readonly number[];
  /** For each output batch, the first element of its B matrix. */
  readonly bOffsets: readonly number[];
}

/** For each index of `to` (row-major), the index of `from` it reads under broadcasting. */
function broadcastIndices(from: readonly number[], to: readonly number[]): number[] {
  const strides = stridesOf(from);
  const offset = to.length - from.length;
  const size = sizeOf(to);
  const indices = new Array<number>(size);
  for (let index = 0; index < size; index++) {
    let rest = index;
    let source = 0;
    for (let axis = to.length - 1; axis >= 0; axis--) {
      const coordinate = rest % to[axis];
      rest = Math.floor(rest / to[axis]);
      const fromAxis = axis - offset;
      if (fromAxis >= 0 && from[fromAxis] !== 1) source += coordinate * strides[fromAxis];
    }
    indices[index] = source;
  }
  return indices;
}

/**
 * The layout of a batched matmul whose stored shapes are `aShape` (`[..., m,
 * k]`, or `[..., k, m]` under `transA`) and `bShape` (`[..., k, n]`, or `[...,
 * n, k]` under `transB`), the output's leading dims being `outLead`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { matmulLayout } from "./_matmul_layout.ts";
 * const layout = matmulLayout([2, 3, 4], [4, 5], [2], { transA: false, transB: false });
 * assert.deepEqual([layout.m, layout.k, layout.n], [3, 4, 5]);
 * assert.deepEqual(layout.aOffsets, [0, 12]);
 * assert.deepEqual(layout.bOffsets, [0, 0]);
 * ```
 */
export function matmulLayout(
  aShape: readonly number[],
  bShape: readonly number[],
  outLead: readonly number[],
  options: MatmulOptions = {},
): MatmulLayout {
  const transA = options.transA ?? false;
  const transB = options.transB ?? false;
  const aRows = aShape[aShape.length - 2];
  const aCols = aShape[aShape.length - 1];
  const bRows = bShape[bShape.length - 2];
  const bCols = bShape[bShape.length - 1];
  const [m, k] = transA ? [aCols, aRows] : [aRows, aCols];
  const n = transB ? bRows : bCols;
  const aSize = aRows * aCols;
  const bSize = bRows * bCols;
  if (outLead.length === 0) {
    // One product, the common case: no broadcasting to work out.
    return { m, k, n, transA, transB, aOffsets: [0], bOffsets: [0] };
  }
  return {
    m,
    k,
    n,
    transA,
    transB,
    aOffsets: broadcastIndices(aShape.slice(0, -2), outLead).map((index) => index * aSize),
    bOffsets: broadcastIndices(bShape.slice(0, -2), outLead).map((index) => index * bSize),
  };
}
