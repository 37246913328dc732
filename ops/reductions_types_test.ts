/**
 * Compile-time tests of the reductions (mean, max, logsumexp), softmax,
 * logSoftmax and the losses: exact result types for each axis and keepdims
 * variant, and calls that must not compile (a bad axis, loss operands of
 * different shapes or dtypes), with the error on the argument at fault.
 * `deno check` runs the type tests; the `Deno.test` at the end runs them so
 * that each rejected call also throws at run time.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Equal } from "../core/_type_assert.ts";
import { expectType } from "../core/_type_assert.ts";
import { zeros } from "../core/create.ts";
import { DTypeError, ShapeError } from "../core/errors.ts";
import type { Tensor } from "../core/tensor.ts";
import { logSoftmax } from "./log_softmax.ts";
import { logsumexp } from "./logsumexp.ts";
import { max } from "./max.ts";
import { mean } from "./mean.ts";
import { meanSquaredError } from "./mean_squared_error.ts";
import { softmax } from "./softmax.ts";
import { softmaxCrossEntropy } from "./softmax_cross_entropy.ts";
import { sigmoidCrossEntropy } from "./sigmoid_cross_entropy.ts";

function reductionTypes(): void {
  const x = zeros([8, 28, 28, 3]);
  const all = mean(x);
  expectType<Equal<typeof all, Tensor<[]>>>();
  const allKept = max(x, { keepdims: true });
  expectType<Equal<typeof allKept, Tensor<[1, 1, 1, 1]>>>();
  const last = logsumexp(x, { axis: -1 });
  expectType<Equal<typeof last, Tensor<[8, 28, 28]>>>();
  const spatial = mean(x, { axis: [1, 2] });
  expectType<Equal<typeof spatial, Tensor<[8, 3]>>>();
  const spatialKept = mean(x, { axis: [-3, -2], keepdims: true });
  expectType<Equal<typeof spatialKept, Tensor<[8, 1, 1, 3]>>>();
  const batch = max(x, { axis: 0 });
  expectType<Equal<typeof batch, Tensor<[28, 28, 3]>>>();
  const f64 = zeros([4, 10], { dtype: "f64" });
  const rowsKept = logsumexp(f64, { axis: 1, keepdims: true });
  expectType<Equal<typeof rowsKept, Tensor<[4, 1], "f64">>>();
  const rank0 = max(zeros([]));
  expectType<Equal<typeof rank0, Tensor<[]>>>();
  const symbolic = mean(zeros([5, 3]) as unknown as Tensor<["B", 3]>, { axis: -1 });
  expectType<Equal<typeof symbolic, Tensor<["B"]>>>();
  const runtime = max(zeros([5, 3]) as unknown as Tensor<number[]>, { axis: 0 });
  expectType<Equal<typeof runtime, Tensor<import("../core/shape.ts").Dim[]>>>();

  const probabilities = softmax(f64);
  expectType<Equal<typeof probabilities, Tensor<[4, 10], "f64">>>();
  const columns = softmax(f64, { axis: 0 });
  expectType<Equal<typeof columns, Tensor<[4, 10], "f64">>>();
  const logs = logSoftmax(x, { axis: [1, 2] });
  expectType<Equal<typeof logs, Tensor<[8, 28, 28, 3]>>>();
}

function lossTypes(): void {
  const logits = zeros([32, 10]);
  const onehot = zeros([32, 10]);
  const crossEntropy = softmaxCrossEntropy(logits, onehot);
  expectType<Equal<typeof crossEntropy, Tensor<[]>>>();
  const sequence = softmaxCrossEntropy(
    zeros([4, 7, 5], { dtype: "f64" }),
    zeros([4, 7, 5], {
      dtype: "f64",
    }),
  );
  expectType<Equal<typeof sequence, Tensor<[], "f64">>>();
  const binary = sigmoidCrossEntropy(zeros([32, 1]), zeros([32, 1]));
  expectType<Equal<typeof binary, Tensor<[]>>>();
  const squared = meanSquaredError(
    zeros([32, 3], { dtype: "f64" }),
    zeros([32, 3], {
      dtype: "f64",
    }),
  );
  expectType<Equal<typeof squared, Tensor<[], "f64">>>();
  const named = meanSquaredError(
    zeros([2, 3]) as unknown as Tensor<["B", 3]>,
    zeros([2, 3]) as unknown as Tensor<["B", 3]>,
  );
  expectType<Equal<typeof named, Tensor<[]>>>();
}

/** Calls that must not compile; each also throws when it runs. */
function rejected(): void {
  const x = zeros([4, 10]);
  // @ts-expect-error axis 2 is out of range for rank 2
  assert.throws(() => mean(x, { axis: 2 }), ShapeError);
  // @ts-expect-error axis -3 is out of range for rank 2
  assert.throws(() => max(x, { axis: -3 }), ShapeError);
  // @ts-expect-error axis 1 given twice (as 1 and -1)
  assert.throws(() => logsumexp(x, { axis: [1, -1] }), ShapeError);
  // @ts-expect-error softmax over axis 2 of a matrix
  assert.throws(() => softmax(x, { axis: 2 }), ShapeError);
  // @ts-expect-error logSoftmax of a scalar over the default last axis
  assert.throws(() => logSoftmax(zeros([])), ShapeError);

  // @ts-expect-error class counts 10 and 9 differ
  assert.throws(() => softmaxCrossEntropy(x, zeros([4, 9])), ShapeError);
  // @ts-expect-error labels of rank 1 against logits of rank 2
  assert.throws(() => softmaxCrossEntropy(x, zeros([4])), ShapeError);
  // @ts-expect-error logits without a class axis
  assert.throws(() => softmaxCrossEntropy(zeros([]), zeros([])), ShapeError);
  // @ts-expect-error f32 logits against f64 labels
  assert.throws(() => softmaxCrossEntropy(x, zeros([4, 10], { dtype: "f64" })), DTypeError);
  // @ts-expect-error the rank-1 trap: [B] against [B, 1] does not broadcast silently
  assert.throws(() => sigmoidCrossEntropy(zeros([4]), zeros([4, 1])), ShapeError);
  // @ts-expect-error batch sizes 4 and 5 differ
  assert.throws(() => sigmoidCrossEntropy(zeros([4, 1]), zeros([5, 1])), ShapeError);
  // @ts-expect-error a target of another shape
  assert.throws(() => meanSquaredError(zeros([4, 3]), zeros([4, 2])), ShapeError);
  // @ts-expect-error two symbolic dims never unify
  const named = (a: Tensor<["B", 3]>, b: Tensor<["N", 3]>) => meanSquaredError(a, b);
  assert.throws(() => named(zeros([2, 3]) as never, zeros([5, 3]) as never), ShapeError);
}

Deno.test("rejected calls also throw at run time; accepted ones run", () => {
  reductionTypes();
  lossTypes();
  rejected();
});
