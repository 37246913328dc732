/**
 * Compile-time tests of the constructors and ops: inferred result types, and
 * calls that must not compile, with the error landing on the argument at
 * fault. `deno check` runs them; the `Deno.test` at the end runs the generic
 * functions so their run-time twins agree.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Equal } from "../core/_type_assert.ts";
import { expectType } from "../core/_type_assert.ts";
import { fromArray, full, ones, scalar, tensor, zeros } from "../core/create.ts";
import { assertShape } from "../core/assert_shape.ts";
import type { Tensor } from "../core/tensor.ts";
import { DTypeError, ShapeError, ValidationError } from "../core/errors.ts";
import { matmul } from "./matmul.ts";
import { dot } from "./dot.ts";
import { transpose } from "./transpose.ts";
import { reshape } from "./reshape.ts";
import { flatten } from "./flatten.ts";
import { broadcastTo } from "./broadcast_to.ts";
import { concat } from "./concat.ts";

function typeTests(): void {
  // ---- constructors ----
  expectType<Equal<typeof tensorLiteral, Tensor<[2, 3]>>>();
  const tensorLiteral = tensor([[1, 2, 3], [4, 5, 6]]);
  const cube = tensor([[[1], [2]], [[3], [4]]], { dtype: "f64" });
  expectType<Equal<typeof cube, Tensor<[2, 2, 1], "f64">>>();
  const rank0 = tensor(7);
  expectType<Equal<typeof rank0, Tensor<[]>>>();
  const empty = tensor([]);
  expectType<Equal<typeof empty, Tensor<[0]>>>();
  const wide = tensor([[1, 2]] as number[][]);
  expectType<Equal<typeof wide, Tensor<[number, number]>>>();
  // @ts-expect-error a ragged literal
  assert.throws(() => tensor([[1, 2, 3], [4, 5]]), ValidationError);
  // @ts-expect-error a ragged literal one level down
  assert.throws(() => tensor([[[1, 2]], [[3]]]), ValidationError);
  expectType<Equal<typeof zeros8, Tensor<[8, 784]>>>();
  const zeros8 = zeros([8, 784]);
  const onesF64 = ones([3], { dtype: "f64" });
  expectType<Equal<typeof onesF64, Tensor<[3], "f64">>>();
  const sevens = full([2, 2], 7);
  expectType<Equal<typeof sevens, Tensor<[2, 2]>>>();
  const half = scalar(0.5);
  expectType<Equal<typeof half, Tensor<[]>>>();
  const fromF64 = fromArray(new Float64Array(6), [2, 3]);
  expectType<Equal<typeof fromF64, Tensor<[2, 3], "f64">>>();
  const fromPlain = fromArray([1, 2, 3, 4], [4]);
  expectType<Equal<typeof fromPlain, Tensor<[4]>>>();
  // @ts-expect-error a shape of strings cannot allocate
  assert.throws(() => zeros(["B", 3]), ShapeError);
  // @ts-expect-error a dtype that does not exist
  assert.throws(() => zeros([2], { dtype: "f16" }), TypeError);

  // ---- rank-1 trap ----
  const v5: Tensor<[5]> = zeros([5]);
  const col: Tensor<[5, 1]> = zeros([5, 1]);
  // @ts-expect-error (5,) and (5, 1) are different types
  const notColumn: Tensor<[5, 1]> = v5;
  // @ts-expect-error matmul refuses a rank-1 operand
  assert.throws(() => matmul(v5, col), ShapeError);
  expectType<Equal<typeof notColumn, Tensor<[5, 1]>>>();
  const vv = dot(v5, v5);
  expectType<Equal<typeof vv, Tensor<[]>>>();
  // @ts-expect-error dot refuses a matrix
  assert.throws(() => dot(col, v5), ShapeError);
  // @ts-expect-error dot lengths differ
  assert.throws(() => dot(v5, zeros([6])), ShapeError);

  // ---- matmul ----
  const hidden = matmul(zeros([8, 784]), zeros([784, 128]));
  expectType<Equal<typeof hidden, Tensor<[8, 128]>>>();
  // @ts-expect-error inner dims 784 and 128 (a naive <M, K, N> signature infers K = 784 | 128)
  assert.throws(() => matmul(zeros([8, 784]), zeros([128, 784])), ShapeError);
  // @ts-expect-error f32 against f64
  assert.throws(() => matmul(zeros([2, 3]), zeros([3, 4], { dtype: "f64" })), DTypeError);
  const batched = matmul(zeros([7, 1, 2, 3]), zeros([5, 3, 4]));
  expectType<Equal<typeof batched, Tensor<[7, 5, 2, 4]>>>();
  const runtimeDims = matmul(zeros([8, 784]) as Tensor<[number, number]>, zeros([784, 10]));
  expectType<Equal<typeof runtimeDims, Tensor<[number, 10]>>>();

  // ---- transpose, reshape, flatten, broadcastTo, concat ----
  const tr = transpose(zeros([2, 3]));
  expectType<Equal<typeof tr, Tensor<[3, 2]>>>();
  const nchw = transpose(zeros([8, 28, 28, 3]), [0, 3, 1, 2]);
  expectType<Equal<typeof nchw, Tensor<[8, 3, 28, 28]>>>();
  // @ts-expect-error not a permutation (axis 1 twice)
  assert.throws(() => transpose(zeros([8, 28, 28, 3]), [0, 1, 1, 2]), ShapeError);
  const flat = reshape(zeros([8, 28, 28, 1]), [8, -1]);
  expectType<Equal<typeof flat, Tensor<[8, 784]>>>();
  // @ts-expect-error 6272 elements do not fit [8, 785]
  assert.throws(() => reshape(zeros([8, 28, 28, 1]), [8, 785]), ShapeError);
  const features = flatten(zeros([2, 5, 5, 16]));
  expectType<Equal<typeof features, Tensor<[2, 400]>>>();
  // @ts-expect-error a scalar cannot flatten
  assert.throws(() => flatten(scalar(1)), ShapeError);
  const rows = broadcastTo(zeros([3]), [2, 3]);
  expectType<Equal<typeof rows, Tensor<[2, 3]>>>();
  // @ts-expect-error 3 does not broadcast to 4
  assert.throws(() => broadcastTo(zeros([3]), [2, 4]), ShapeError);
  const joined = concat([zeros([2, 7, 7, 64]), zeros([2, 7, 7, 32])], -1);
  expectType<Equal<typeof joined, Tensor<[2, 7, 7, 96]>>>();
  // @ts-expect-error spatial dims 7 and 6 differ
  assert.throws(() => concat([zeros([2, 7, 7, 64]), zeros([2, 6, 7, 32])], -1), ShapeError);
  const literalRows = concat([tensor([[1], [2]]), tensor([[3, 4], [5, 6]])], -1);
  expectType<Equal<typeof literalRows, Tensor<[2, 3]>>>();
  // @ts-expect-error f32 and f64 do not mix
  assert.throws(() => concat([zeros([2]), zeros([2], { dtype: "f64" })], 0), DTypeError);
}

/** A dense layer written generically over the batch dim. */
function denseLayer<B extends number>(
  x: Tensor<[B, 784]>,
  w: Tensor<[128, 784]>,
): Tensor<[B, 128]> {
  return matmul(x, transpose(w));
}

/** Generic dims flow through reshape, flatten and concat; different names do not mix. */
function genericChain<B extends number, N extends number>(
  images: Tensor<[B, 28, 28, 1]>,
  other: Tensor<[N, 784]>,
): Tensor<[B, 1568]> {
  const flat = flatten(images);
  expectType<Equal<typeof flat, Tensor<[B, 784]>>>();
  const same = reshape(images, [images.shape[0], 784] as [B, 784]);
  // Joining along the batch axis is fine: only the other dims must agree.
  concat([flat, other], 0);
  // @ts-expect-error the batch dims B and N are different names
  assert.throws(() => concat([flat, other], 1), ShapeError);
  const rows = reshape(flat, [images.shape[0], 1, 784] as [B, 1, 784]);
  const columns = zeros([5, 784, 1]) as unknown as Tensor<[N, 784, 1]>;
  // @ts-expect-error B against N in the batch of a matmul
  assert.throws(() => matmul(rows, columns), ShapeError);
  return concat([flat, same], 1);
}

/** Symbolic names: `assertShape` narrows a run-time shape to a named one. */
function symbolic(): Tensor<["B", 10]> {
  const loaded = zeros([32, 784]) as Tensor<number[]>;
  const x = assertShape(loaded, ["B", 784]);
  const w = assertShape(zeros([784, 10]) as Tensor<number[]>, [784, 10]);
  const other = assertShape(zeros([16, 784]) as Tensor<number[]>, ["N", 784]);
  // @ts-expect-error "B" and "N" never unify
  assert.throws(() => concat([x, other], 1), ShapeError);
  return matmul(x, w);
}

Deno.test("typed ops run and agree with their inferred types", () => {
  typeTests();
  assert.deepEqual(denseLayer(zeros([3, 784]), zeros([128, 784])).shape, [3, 128]);
  assert.deepEqual(genericChain(zeros([2, 28, 28, 1]), zeros([5, 784])).shape, [2, 1568]);
  assert.deepEqual(symbolic().shape, [32, 10]);
});
