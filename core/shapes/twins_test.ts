/**
 * Each shape rule exists twice: a type and a run-time function. Here both
 * answer the same questions: every `expected` literal below is checked
 * against the type by `deno check` (it must be assignable to, and here equal
 * to, the rule's result), and against the run-time twin by `deno test`.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ShapeError } from "../errors.ts";
import type { Equal } from "../_type_assert.ts";
import { expectType } from "../_type_assert.ts";
import type { BroadcastShape, BroadcastToShape } from "./broadcast.ts";
import { broadcastShapes, broadcastToShape } from "./broadcast.ts";
import type { DotShape, MatMulShape } from "./matmul.ts";
import { dotShape, matmulShape } from "./matmul.ts";
import type { ReduceShape } from "./reduce.ts";
import { reduceShape } from "./reduce.ts";
import type { TransposeShape } from "./transpose.ts";
import { transposeShape } from "./transpose.ts";
import type { FlattenShape, ReshapeShape } from "./reshape.ts";
import { flattenShape, reshapeShape } from "./reshape.ts";
import type { ConcatShape } from "./concat.ts";
import { concatShape } from "./concat.ts";
import type { ConvShape, Pool2dShape } from "./conv.ts";
import { convShape, pool2dShape } from "./conv.ts";

/** `R` when it is a shape of literal dims only; `never` (nothing fits) otherwise. */
type LiteralDims<R> = R extends readonly number[] ? number extends R[number] ? never : R : never;

/**
 * Compiles only when `expected` fits the rule's literal result (so it is that
 * result), and passes only when the run-time twin returns it too.
 */
function agree<Rule>(runtime: () => readonly number[], expected: LiteralDims<Rule>): void {
  assert.deepEqual(runtime(), expected);
}

Deno.test("broadcast: type and run-time twin agree", () => {
  agree<BroadcastShape<[8, 1, 6, 1], [7, 1, 5]>>(() => broadcastShapes([8, 1, 6, 1], [7, 1, 5]), [
    8,
    7,
    6,
    5,
  ]);
  agree<BroadcastShape<[], [4, 5]>>(() => broadcastShapes([], [4, 5]), [4, 5]);
  agree<BroadcastShape<[0, 3], [1, 3]>>(() => broadcastShapes([0, 3], [1, 3]), [0, 3]);
  agree<BroadcastToShape<[1, 3], [4, 3]>>(() => broadcastToShape([1, 3], [4, 3]), [4, 3]);
  expectType<
    Equal<
      BroadcastShape<[2, 3], [4]>,
      ShapeError<"broadcast: cannot broadcast dimension 3 against 4">
    >
  >();
  assert.throws(() => broadcastShapes([2, 3], [4]), ShapeError);
});

Deno.test("matmul and dot: type and run-time twin agree", () => {
  agree<MatMulShape<[7, 1, 2, 3], [5, 3, 4]>>(() => matmulShape([7, 1, 2, 3], [5, 3, 4]), [
    7,
    5,
    2,
    4,
  ]);
  agree<MatMulShape<[224, 150528], [150528, 10]>>(() => matmulShape([224, 150528], [150528, 10]), [
    224,
    10,
  ]);
  agree<DotShape<[5], [5]>>(() => dotShape([5], [5]), []);
  expectType<
    Equal<MatMulShape<[2, 3], [5, 4]>, ShapeError<"matmul: inner dimensions 3 and 5 differ">>
  >();
  assert.throws(() => matmulShape([2, 3], [5, 4]), /inner dimensions 3 and 5 differ/);
});

Deno.test("reduce: type and run-time twin agree", () => {
  agree<ReduceShape<[2, 3, 4, 5], [1, -1], false>>(
    () => reduceShape([2, 3, 4, 5], { axis: [1, -1] }),
    [2, 4],
  );
  agree<ReduceShape<[2, 3, 4, 5], [0, 2], true>>(
    () => reduceShape([2, 3, 4, 5], { axis: [0, 2], keepdims: true }),
    [
      1,
      3,
      1,
      5,
    ],
  );
  agree<ReduceShape<[4, 3], undefined, true>>(() => reduceShape([4, 3], { keepdims: true }), [
    1,
    1,
  ]);
  agree<ReduceShape<[4, 3], undefined, false>>(() => reduceShape([4, 3]), []);
  expectType<Equal<ReduceShape<[number, 3], 0, false>, [3]>>();
  expectType<Equal<ReduceShape<[number, 3], 1, true>, [number, 1]>>();
  assert.throws(() => reduceShape([4, 3], { axis: [1, -1] }), /appears twice/);
});

Deno.test("transpose: type and run-time twin agree", () => {
  agree<TransposeShape<[2, 3, 4]>>(() => transposeShape([2, 3, 4]), [4, 3, 2]);
  agree<TransposeShape<[8, 28, 28, 3], [0, 3, 1, 2]>>(
    () => transposeShape([8, 28, 28, 3], [0, 3, 1, 2]),
    [8, 3, 28, 28],
  );
  agree<TransposeShape<[2, 5, 7], [0, -1, 1]>>(() => transposeShape([2, 5, 7], [0, -1, 1]), [
    2,
    7,
    5,
  ]);
  expectType<Equal<TransposeShape<[number, 3]>, [3, number]>>();
});

Deno.test("reshape and flatten: type and run-time twin agree", () => {
  agree<ReshapeShape<[8, 28, 28, 1], [8, -1]>>(() => reshapeShape([8, 28, 28, 1], [8, -1]), [
    8,
    784,
  ]);
  agree<ReshapeShape<[512, 512, 64], [-1]>>(() => reshapeShape([512, 512, 64], [-1]), [16777216]);
  agree<ReshapeShape<[224, 224, 3], [-1, 3]>>(() => reshapeShape([224, 224, 3], [-1, 3]), [
    50176,
    3,
  ]);
  agree<ReshapeShape<[2, 0, 3], [0, 5]>>(() => reshapeShape([2, 0, 3], [0, 5]), [0, 5]);
  agree<FlattenShape<[2, 7, 7, 40]>>(() => flattenShape([2, 7, 7, 40]), [2, 1960]);
  expectType<Equal<FlattenShape<[number, 7, 7, 40]>, [number, 1960]>>();
  expectType<Equal<FlattenShape<[8, number, 7]>, [8, number]>>();
  assert.throws(() => reshapeShape([2, 3], [4, 2]), ShapeError);
});

Deno.test("concat: type and run-time twin agree", () => {
  agree<ConcatShape<[[2, 3], [5, 3], [1, 3]], 0>>(() => concatShape([[2, 3], [5, 3], [1, 3]], 0), [
    8,
    3,
  ]);
  agree<ConcatShape<[[2, 28, 28, 64], [2, 28, 28, 32]], -1>>(
    () => concatShape([[2, 28, 28, 64], [2, 28, 28, 32]], -1),
    [2, 28, 28, 96],
  );
});

Deno.test("conv and pool: type and run-time twin agree", () => {
  agree<ConvShape<[1, 39, 39, 3], [3, 3, 3, 10]>>(
    () => convShape([1, 39, 39, 3], [3, 3, 3, 10]),
    [1, 37, 37, 10],
  );
  agree<ConvShape<[1, 37, 37, 10], [5, 5, 10, 20], { stride: 2 }>>(
    () => convShape([1, 37, 37, 10], [5, 5, 10, 20], { stride: 2 }),
    [1, 17, 17, 20],
  );
  agree<ConvShape<[8, 224, 224, 3], [7, 7, 3, 64], { stride: 2; padding: 3 }>>(
    () => convShape([8, 224, 224, 3], [7, 7, 3, 64], { stride: 2, padding: 3 }),
    [8, 112, 112, 64],
  );
  agree<ConvShape<[4, 100, 1], [5, 1, 8], { stride: 3; padding: "same" }, "conv1d">>(
    () => convShape([4, 100, 1], [5, 1, 8], { stride: 3, padding: "same", op: "conv1d" }),
    [4, 34, 8],
  );
  agree<ConvShape<[2, 16, 64, 64, 1], [3, 3, 3, 1, 4], { padding: 1 }, "conv3d">>(
    () => convShape([2, 16, 64, 64, 1], [3, 3, 3, 1, 4], { padding: 1, op: "conv3d" }),
    [2, 16, 64, 64, 4],
  );
  agree<Pool2dShape<[1, 7, 7, 1], 3, { stride: 2 }>>(
    () => pool2dShape([1, 7, 7, 1], { size: 3, stride: 2 }),
    [1, 3, 3, 1],
  );
  agree<Pool2dShape<[1, 28, 28, 192], 3, { stride: 1; padding: "same" }>>(
    () => pool2dShape([1, 28, 28, 192], { size: 3, stride: 1, padding: "same" }),
    [1, 28, 28, 192],
  );
  agree<Pool2dShape<[1, 512, 512, 64], 2>>(() => pool2dShape([1, 512, 512, 64], { size: 2 }), [
    1,
    256,
    256,
    64,
  ]);
});
