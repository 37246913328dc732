/**
 * Compile-time tests of the shape rules: each rule with literal, symbolic
 * (`"B"`), generic (`B extends number`) and `number` dims, and the mismatches
 * that must not compile. `deno check` runs them; an unused
 * `@ts-expect-error` is itself an error, so no line here passes vacuously.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { ShapeError } from "../errors.ts";
import type { Dim } from "../shape.ts";
import type { Equal } from "../_type_assert.ts";
import { expectShape, expectType } from "../_type_assert.ts";
import type { BroadcastShape, BroadcastToShape } from "./broadcast.ts";
import type { DotShape, MatMulShape } from "./matmul.ts";
import type { ReduceShape } from "./reduce.ts";
import type { TransposeShape } from "./transpose.ts";
import type { FlattenShape, ReshapeShape } from "./reshape.ts";
import type { Product } from "./product.ts";
import type { ConcatShape } from "./concat.ts";
import type { ConvOutputSize, ConvShape, NoOptions, Pool2dShape } from "./conv.ts";

// ---- broadcasting (numpy rules) ----
expectType<Equal<BroadcastShape<[2, 3], [2, 3]>, [2, 3]>>();
expectType<Equal<BroadcastShape<[2, 3], [3]>, [2, 3]>>();
expectType<Equal<BroadcastShape<[3], [2, 3]>, [2, 3]>>();
expectType<Equal<BroadcastShape<[8, 1, 6, 1], [7, 1, 5]>, [8, 7, 6, 5]>>();
expectType<Equal<BroadcastShape<[], [4, 5]>, [4, 5]>>();
expectType<Equal<BroadcastShape<[5, 1], [1, 5]>, [5, 5]>>();
expectType<Equal<BroadcastShape<[0, 3], [1, 3]>, [0, 3]>>();
expectType<Equal<BroadcastShape<["B", 10], [10]>, ["B", 10]>>();
expectType<Equal<BroadcastShape<["B", 10], [1, 10]>, ["B", 10]>>();
expectType<Equal<BroadcastShape<[1, 10], ["B", 10]>, ["B", 10]>>();
expectType<Equal<BroadcastShape<["B", 10], ["B", 10]>, ["B", 10]>>();
expectType<Equal<BroadcastShape<[number, 10], [32, 10]>, [32, 10]>>();
expectType<Equal<BroadcastShape<[32, 10], [number, 10]>, [32, 10]>>();
expectType<Equal<BroadcastShape<[number, 10], ["B", 10]>, ["B", 10]>>();
expectType<Equal<BroadcastShape<[1, 10], [number, 10]>, [number, 10]>>();
expectType<Equal<BroadcastShape<number[], [3]>, Dim[]>>();
expectType<
  Equal<
    BroadcastShape<[2, 3], [4]>,
    ShapeError<"broadcast: cannot broadcast dimension 3 against 4">
  >
>();
// @ts-expect-error 3 against 4
expectShape<BroadcastShape<[2, 3], [4]>>();
// @ts-expect-error 2 against 3 in a leading axis
expectShape<BroadcastShape<[2, 1, 5], [3, 1, 5]>>();
// @ts-expect-error two symbolic names never unify
expectShape<BroadcastShape<["B", 10], ["N", 10]>>();
// @ts-expect-error a symbolic name against a literal other than 1
expectShape<BroadcastShape<["B", 10], [32, 10]>>();
// @ts-expect-error size 0 does not stretch
expectShape<BroadcastShape<[0, 3], [2, 3]>>();

function genericBroadcast<B extends number, N extends number>(): void {
  expectType<Equal<BroadcastShape<[B, 10], [B, 10]>, [B, 10]>>();
  expectType<Equal<BroadcastShape<[B, 10], [10]>, [B, 10]>>();
  expectType<Equal<BroadcastShape<[B, 10], [1, 10]>, [B, 10]>>();
  expectType<Equal<BroadcastShape<[B, 1], [B, 10]>, [B, 10]>>();
  // @ts-expect-error a generic dim meets a different generic dim
  expectShape<BroadcastShape<[B, 10], [N, 10]>>();
}

expectType<Equal<BroadcastToShape<[3], [2, 3]>, [2, 3]>>();
expectType<Equal<BroadcastToShape<[1, 3], [4, 3]>, [4, 3]>>();
expectType<Equal<BroadcastToShape<[1, 3], ["B", 3]>, ["B", 3]>>();
// @ts-expect-error a 4 cannot shrink to 1
expectShape<BroadcastToShape<[4, 3], [1, 3]>>();
// @ts-expect-error 2 does not broadcast to 3
expectShape<BroadcastToShape<[2], [4, 3]>>();

// ---- matmul and dot ----
expectType<Equal<MatMulShape<[2, 3], [3, 4]>, [2, 4]>>();
expectType<Equal<MatMulShape<[7, 2, 3], [3, 4]>, [7, 2, 4]>>();
expectType<Equal<MatMulShape<[7, 1, 2, 3], [5, 3, 4]>, [7, 5, 2, 4]>>();
expectType<Equal<MatMulShape<["B", 784], [784, 128]>, ["B", 128]>>();
expectType<Equal<MatMulShape<[number, 784], [784, 128]>, [number, 128]>>();
expectType<Equal<MatMulShape<[8, number], [784, 128]>, [8, 128]>>();
expectType<Equal<MatMulShape<[8, 784], [number, 128]>, [8, 128]>>();
expectType<
  Equal<
    MatMulShape<[8, 784], [128, 784]>,
    ShapeError<"matmul: inner dimensions 784 and 128 differ">
  >
>();
// @ts-expect-error inner dims 784 vs 128 (the naive <M, K, N> signature accepts this)
expectShape<MatMulShape<[8, 784], [128, 784]>>();
// @ts-expect-error inner dims 3 vs 5
expectShape<MatMulShape<[2, 3], [5, 4]>>();
// @ts-expect-error rank 1 on the left: the course's rank-1 trap
expectShape<MatMulShape<[5], [5, 1]>>();
// @ts-expect-error rank 1 on the right
expectShape<MatMulShape<[1, 5], [5]>>();
// @ts-expect-error leading batch dims 7 and 5 do not broadcast
expectShape<MatMulShape<[7, 2, 3], [5, 3, 4]>>();
// @ts-expect-error symbolic inner dims with different names
expectShape<MatMulShape<[8, "K"], ["J", 4]>>();

function genericMatmul<B extends number, K extends number>(): void {
  expectType<Equal<MatMulShape<[B, 784], [784, 10]>, [B, 10]>>();
  expectType<Equal<MatMulShape<[B, 2, K], [B, K, 10]>, [B, 2, 10]>>();
}

expectType<Equal<DotShape<[5], [5]>, []>>();
expectType<Equal<DotShape<["N"], ["N"]>, []>>();
expectType<Equal<DotShape<[number], [5]>, []>>();
// @ts-expect-error lengths 5 and 6
expectShape<DotShape<[5], [6]>>();
// @ts-expect-error dot takes vectors only
expectShape<DotShape<[5, 1], [5]>>();

// ---- reductions ----
expectType<Equal<ReduceShape<[4, 3], undefined, false>, []>>();
expectType<Equal<ReduceShape<[4, 3], undefined, true>, [1, 1]>>();
expectType<Equal<ReduceShape<[4, 3], 0, false>, [3]>>();
expectType<Equal<ReduceShape<[4, 3], -1, false>, [4]>>();
expectType<Equal<ReduceShape<[4, 3], -1, true>, [4, 1]>>();
expectType<Equal<ReduceShape<[2, 3, 4, 5], [1, -1], false>, [2, 4]>>();
expectType<Equal<ReduceShape<[2, 3, 4, 5], [0, 2], true>, [1, 3, 1, 5]>>();
expectType<Equal<ReduceShape<["B", 10], 1, true>, ["B", 1]>>();
expectType<Equal<ReduceShape<[2, 3], [], false>, [2, 3]>>();
expectType<Equal<ReduceShape<number[], 0, false>, Dim[]>>();
expectType<Equal<ReduceShape<number[], undefined, false>, []>>();
expectType<Equal<ReduceShape<number[], undefined, true>, Dim[]>>();
// @ts-expect-error axis 2 of a rank-2 tensor
expectShape<ReduceShape<[4, 3], 2, false>>();
// @ts-expect-error axis -3 of a rank-2 tensor
expectShape<ReduceShape<[4, 3], -3, false>>();
// @ts-expect-error an axis given twice (1 and -1 are the same axis)
expectShape<ReduceShape<[4, 3], [1, -1], false>>();
// @ts-expect-error a scalar has no axis 0
expectShape<ReduceShape<[], 0, false>>();

function genericReduce<B extends number>(): void {
  expectType<Equal<ReduceShape<[B, 10], -1, false>, [B]>>();
  expectType<Equal<ReduceShape<[B, 10], 0, true>, [1, 10]>>();
}

// ---- transpose ----
expectType<Equal<TransposeShape<[2, 3]>, [3, 2]>>();
expectType<Equal<TransposeShape<[2, 3, 4]>, [4, 3, 2]>>();
expectType<Equal<TransposeShape<[]>, []>>();
expectType<Equal<TransposeShape<[8, 28, 28, 3], [0, 3, 1, 2]>, [8, 3, 28, 28]>>();
expectType<Equal<TransposeShape<["B", 5, 7], [0, -1, 1]>, ["B", 7, 5]>>();
// @ts-expect-error the permutation is too short
expectShape<TransposeShape<[2, 3, 4], [1, 0]>>();
// @ts-expect-error an axis twice
expectShape<TransposeShape<[2, 3, 4], [0, 0, 1]>>();
// @ts-expect-error axis 3 out of range
expectShape<TransposeShape<[2, 3, 4], [0, 1, 3]>>();

function genericTranspose<B extends number, N extends number>(): void {
  expectType<Equal<TransposeShape<[B, N]>, [N, B]>>();
}

// ---- reshape, flatten, products ----
expectType<Equal<Product<[224, 224, 3]>, 150528>>();
expectType<Equal<Product<[512, 512, 64]>, 16777216>>();
expectType<Equal<Product<[]>, 1>>();
expectType<Equal<Product<[3, 0, 5]>, 0>>();
expectType<Equal<Product<["B", 28, 28]>, "784*B">>();
expectType<Equal<Product<["B", "C"]>, number>>();
expectType<Equal<Product<[number, 3]>, number>>();
expectType<Equal<ReshapeShape<[2, 3], [3, 2]>, [3, 2]>>();
expectType<Equal<ReshapeShape<[2, 3], [6]>, [6]>>();
expectType<Equal<ReshapeShape<[8, 28, 28, 1], [8, -1]>, [8, 784]>>();
expectType<Equal<ReshapeShape<[8, 28, 28, 1], [-1, 28, 28]>, [8, 28, 28]>>();
expectType<Equal<ReshapeShape<[512, 512, 64], [-1]>, [16777216]>>();
expectType<Equal<ReshapeShape<["B", 28, 28], ["B", 784]>, ["B", 784]>>();
expectType<Equal<ReshapeShape<["B", 28, 28], [-1, 784]>, ["B", 784]>>();
expectType<Equal<ReshapeShape<[number, 4], [2, -1]>, [2, number]>>();
expectType<Equal<ReshapeShape<[], [1, 1]>, [1, 1]>>();
// @ts-expect-error 6 elements into 8
expectShape<ReshapeShape<[2, 3], [4, 2]>>();
// @ts-expect-error 6272 elements into 8 x 785
expectShape<ReshapeShape<[8, 28, 28, 1], [8, 785]>>();
// @ts-expect-error two -1s
expectShape<ReshapeShape<[2, 3], [-1, -1]>>();
// @ts-expect-error 6 does not divide by 4
expectShape<ReshapeShape<[2, 3], [4, -1]>>();
// @ts-expect-error symbolic counts differ: 784*B vs 783*B
expectShape<ReshapeShape<["B", 28, 28], ["B", 783]>>();

function genericReshape<B extends number>(): void {
  expectType<Equal<ReshapeShape<[B, 28, 28], [B, 784]>, [B, 784]>>();
  expectType<Equal<FlattenShape<[B, 7, 7, 16]>, [B, 784]>>();
  // @ts-expect-error the rest counts 784 vs 785
  expectShape<ReshapeShape<[B, 28, 28], [B, 785]>>();
}

expectType<Equal<FlattenShape<[2, 5, 5, 16]>, [2, 400]>>();
expectType<Equal<FlattenShape<["B", 7, 7, 40]>, ["B", 1960]>>();
expectType<Equal<FlattenShape<[5]>, [5, 1]>>();
// @ts-expect-error a scalar has no first axis
expectShape<FlattenShape<[]>>();

// ---- concat ----
expectType<Equal<ConcatShape<[[2, 3], [2, 4]], 1>, [2, 7]>>();
expectType<Equal<ConcatShape<[[2, 3], [5, 3], [1, 3]], 0>, [8, 3]>>();
expectType<
  Equal<
    ConcatShape<[["B", 28, 28, 64], ["B", 28, 28, 128], ["B", 28, 28, 32], ["B", 28, 28, 32]], -1>,
    ["B", 28, 28, 256]
  >
>();
expectType<Equal<ConcatShape<[[number, 3], [2, 3]], 0>, [number, 3]>>();
expectType<Equal<ConcatShape<[[number, 3], [2, 3]], 1>, [2, 6]>>();
// @ts-expect-error dims 2 and 5 differ off the axis
expectShape<ConcatShape<[[2, 3], [5, 3]], 1>>();
// @ts-expect-error ranks differ
expectShape<ConcatShape<[[2, 3], [2, 3, 1]], 0>>();
// @ts-expect-error axis 2 out of range
expectShape<ConcatShape<[[2, 3], [2, 3]], 2>>();
// @ts-expect-error nothing to concatenate
expectShape<ConcatShape<[], 0>>();

function genericConcat<B extends number, N extends number>(): void {
  expectType<Equal<ConcatShape<[[B, 64], [B, 32]], 1>, [B, 96]>>();
  // @ts-expect-error batch dims B and N differ
  expectShape<ConcatShape<[[B, 64], [N, 32]], 1>>();
}

// ---- convolution and pooling sizes ----
expectType<Equal<ConvOutputSize<28, 5, 1, "valid">, { ok: 24 }>>();
expectType<Equal<ConvOutputSize<28, 3, 1, "same">, { ok: 28 }>>();
expectType<Equal<ConvOutputSize<28, 3, 2, "same">, { ok: 14 }>>();
expectType<Equal<ConvOutputSize<7, 3, 2, 1>, { ok: 4 }>>();
expectType<Equal<ConvOutputSize<39, 3, 1, 0>, { ok: 37 }>>();
expectType<Equal<ConvOutputSize<37, 5, 2, "valid">, { ok: 17 }>>();
expectType<Equal<ConvOutputSize<17, 5, 2, "valid">, { ok: 7 }>>();
expectType<Equal<ConvOutputSize<224, 11, 4, 2>, { ok: 55 }>>();
expectType<Equal<ConvOutputSize<4096, 3, 1, "same">, { ok: 4096 }>>();
expectType<Equal<ConvOutputSize<number, 3, 1, "valid">, { ok: number }>>();
expectType<Equal<ConvOutputSize<"H", 3, 1, "valid">, { ok: number }>>();
expectType<
  Equal<
    ConvShape<["B", 28, 28, 1], [5, 5, 1, 6], { stride: 1; padding: "valid" }>,
    ["B", 24, 24, 6]
  >
>();
expectType<
  Equal<ConvShape<[8, 224, 224, 3], [7, 7, 3, 64], { stride: 2; padding: 3 }>, [8, 112, 112, 64]>
>();
expectType<Equal<ConvShape<[1, 39, 39, 3], [3, 3, 3, 10]>, [1, 37, 37, 10]>>();
expectType<Equal<ConvShape<[4, 100, 1], [5, 1, 8], { padding: "same" }, "conv1d">, [4, 100, 8]>>();
expectType<
  Equal<ConvShape<[2, 16, 64, 64, 1], [3, 3, 3, 1, 4], { stride: 2 }, "conv3d">, [2, 7, 31, 31, 4]>
>();
expectType<Equal<ConvShape<["B", 28, 28, 192], [1, 1, 192, 16]>, ["B", 28, 28, 16]>>();
expectType<Equal<Pool2dShape<["B", 24, 24, 6], 2>, ["B", 12, 12, 6]>>();
expectType<
  Equal<Pool2dShape<["B", 28, 28, 192], 3, { stride: 1; padding: "same" }>, ["B", 28, 28, 192]>
>();
expectType<Equal<Pool2dShape<[1, 7, 7, 1], 3, { stride: 2 }>, [1, 3, 3, 1]>>();
// @ts-expect-error the 5-wide window does not fit a 4-wide input
expectShape<ConvShape<[1, 4, 4, 1], [5, 5, 1, 6]>>();
// @ts-expect-error 3 input channels against a filter for 1
expectShape<ConvShape<["B", 28, 28, 3], [5, 5, 1, 6]>>();
// @ts-expect-error a 2-D window on a 1-D signal
expectShape<ConvShape<[4, 100, 1], [5, 5, 1, 8], NoOptions, "conv1d">>();
// @ts-expect-error the pooling window does not fit
expectShape<Pool2dShape<[1, 2, 2, 1], 3>>();
// @ts-expect-error pooling needs NHWC
expectShape<Pool2dShape<[2, 24, 6], 2>>();

function genericConv<B extends number>(): void {
  expectType<Equal<ConvShape<[B, 28, 28, 1], [5, 5, 1, 6]>, [B, 24, 24, 6]>>();
  expectType<Equal<Pool2dShape<[B, 24, 24, 6], 2>, [B, 12, 12, 6]>>();
}

Deno.test("shape rule type tests compile (see deno check)", () => {
  const checks = [genericBroadcast, genericMatmul, genericReduce, genericTranspose, genericReshape];
  for (const check of [...checks, genericConcat, genericConv]) assert.equal(check(), undefined);
});
