/**
 * Compile-time tests of the elementwise ops, activations and comparisons:
 * exact result types (shapes kept, broadcast, symbolic and run-time dims,
 * number operands, dtypes), and calls that must not compile — shapes that do
 * not broadcast, mixed dtypes, unknown options — with the error on the
 * argument at fault. `deno check` runs the type tests; the `Deno.test` at the
 * end runs them, so each rejected call also throws at run time.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Equal } from "../core/_type_assert.ts";
import { expectType } from "../core/_type_assert.ts";
import { zeros } from "../core/create.ts";
import { DTypeError, ShapeError } from "../core/errors.ts";
import type { Dim } from "../core/shape.ts";
import type { Tensor } from "../core/tensor.ts";
import { abs } from "./abs.ts";
import { equal, greater, greaterEqual, less, lessEqual } from "./compare.ts";
import { leakyRelu } from "./leaky_relu.ts";
import { maximum } from "./maximum.ts";
import { minimum } from "./minimum.ts";
import { pow } from "./pow.ts";
import { relu } from "./relu.ts";
import { sigmoid } from "./sigmoid.ts";
import { sqrt } from "./sqrt.ts";
import { square } from "./square.ts";
import { tanh } from "./tanh.ts";
import type { WhereShape } from "./where.ts";
import { where } from "./where.ts";

function unaryTypes(): void {
  const x = zeros([8, 28, 28, 3]);
  const wide = zeros([4, 10], { dtype: "f64" });
  const rank0 = zeros([]);
  const named = zeros([2, 3]) as unknown as Tensor<["B", 3]>;
  const runtime = zeros([2, 3]) as Tensor<number[]>;
  const roots = sqrt(x);
  expectType<Equal<typeof roots, Tensor<[8, 28, 28, 3]>>>();
  const squares = square(wide);
  expectType<Equal<typeof squares, Tensor<[4, 10], "f64">>>();
  const magnitude = abs(rank0);
  expectType<Equal<typeof magnitude, Tensor<[]>>>();
  const gates = sigmoid(named);
  expectType<Equal<typeof gates, Tensor<["B", 3]>>>();
  const bent = tanh(runtime);
  expectType<Equal<typeof bent, Tensor<number[]>>>();
  const rectified = relu(wide);
  expectType<Equal<typeof rectified, Tensor<[4, 10], "f64">>>();
  const leaky = leakyRelu(x, { slope: 0.2 });
  expectType<Equal<typeof leaky, Tensor<[8, 28, 28, 3]>>>();
  const leakyDefault = leakyRelu(named);
  expectType<Equal<typeof leakyDefault, Tensor<["B", 3]>>>();
}

function binaryTypes(): void {
  const powers = pow(zeros([8, 1, 3]), zeros([5, 3]));
  expectType<Equal<typeof powers, Tensor<[8, 5, 3]>>>();
  const cubes = pow(zeros([2, 3], { dtype: "f64" }), 3);
  expectType<Equal<typeof cubes, Tensor<[2, 3], "f64">>>();
  const exponentials = pow(2, zeros([4]));
  expectType<Equal<typeof exponentials, Tensor<[4]>>>();
  const clipped = maximum(zeros([32, 10]), 0);
  expectType<Equal<typeof clipped, Tensor<[32, 10]>>>();
  const rows = maximum(zeros([32, 1]), zeros([10]));
  expectType<Equal<typeof rows, Tensor<[32, 10]>>>();
  const named = minimum(zeros([2, 3]) as unknown as Tensor<["B", 3]>, zeros([1, 3]));
  expectType<Equal<typeof named, Tensor<["B", 3]>>>();
  const floor = minimum(0.5, zeros([3], { dtype: "f64" }));
  expectType<Equal<typeof floor, Tensor<[3], "f64">>>();
  const runtime = maximum(zeros([2, 3]) as Tensor<number[]>, zeros([3]));
  expectType<Equal<typeof runtime, Tensor<Dim[]>>>();

  // Comparisons: 0/1 in the operands' dtype, broadcast like any binary op.
  const positive = greater(zeros([4, 10]), 0);
  expectType<Equal<typeof positive, Tensor<[4, 10]>>>();
  const grid = less(zeros([4, 1], { dtype: "f64" }), zeros([10], { dtype: "f64" }));
  expectType<Equal<typeof grid, Tensor<[4, 10], "f64">>>();
  const atLeast = greaterEqual(1, zeros([3]));
  expectType<Equal<typeof atLeast, Tensor<[3]>>>();
  const atMost = lessEqual(zeros([2, 3]) as unknown as Tensor<["B", 3]>, zeros([3]));
  expectType<Equal<typeof atMost, Tensor<["B", 3]>>>();
  const same = equal(zeros([]), zeros([2, 2]));
  expectType<Equal<typeof same, Tensor<[2, 2]>>>();
}

function whereTypes(): void {
  const x = zeros([4, 10]);
  const kept = where(greater(x, 0), x, 0);
  expectType<Equal<typeof kept, Tensor<[4, 10]>>>();
  const three = where(zeros([4, 1]), zeros([10]), zeros([1, 1]));
  expectType<Equal<typeof three, Tensor<[4, 10]>>>();
  const widened = where(zeros([3]), 1, zeros([2, 1], { dtype: "f64" }));
  expectType<Equal<typeof widened, Tensor<[2, 3], "f64">>>();
  // The condition's dtype is free; the result takes the operands'.
  const mixed = where(zeros([3], { dtype: "f64" }), zeros([3]), zeros([3]));
  expectType<Equal<typeof mixed, Tensor<[3]>>>();
  const named = where(
    zeros([2, 1]) as unknown as Tensor<["B", 1]>,
    zeros([3]),
    zeros([2, 3]) as unknown as Tensor<["B", 3]>,
  );
  expectType<Equal<typeof named, Tensor<["B", 3]>>>();
  expectType<Equal<WhereShape<[2, 1], [3], [5, 1, 1]>, [5, 2, 3]>>();
}

/** Calls that must not compile; each also throws when it runs. */
function rejected(): void {
  const x = zeros([2, 3]);
  const wide = zeros([2, 3], { dtype: "f64" });
  // @ts-expect-error 3 against 4 in the last axis
  assert.throws(() => pow(x, zeros([4])), ShapeError);
  // @ts-expect-error 2 against 5 in a leading axis
  assert.throws(() => maximum(x, zeros([5, 1])), ShapeError);
  // @ts-expect-error [2] against [3]
  assert.throws(() => minimum(zeros([2]), zeros([3])), ShapeError);
  // @ts-expect-error two symbolic names never unify
  const symbolic = (a: Tensor<["B", 3]>, b: Tensor<["N", 3]>) => maximum(a, b);
  assert.throws(() => symbolic(zeros([2, 3]) as never, zeros([5, 3]) as never), ShapeError);
  // @ts-expect-error f32 against f64
  assert.throws(() => pow(x, wide), DTypeError);
  // @ts-expect-error f64 against f32
  assert.throws(() => minimum(wide, x), DTypeError);
  // @ts-expect-error a comparison broadcasts like any binary op: 3 against 2
  assert.throws(() => greater(x, zeros([2])), ShapeError);
  // @ts-expect-error a comparison of f32 against f64
  assert.throws(() => lessEqual(x, wide), DTypeError);
  // @ts-expect-error equal of [2, 3] and [3, 2]
  assert.throws(() => equal(x, zeros([3, 2])), ShapeError);
  // @ts-expect-error the condition [2, 3] against a of [2]
  assert.throws(() => where(x, zeros([2]), x), ShapeError);
  // @ts-expect-error b of [4] against the condition and a
  assert.throws(() => where(x, x, zeros([4])), ShapeError);
  // @ts-expect-error a in f32 and b in f64
  assert.throws(() => where(x, x, wide), DTypeError);
  // @ts-expect-error one of a and b must be a tensor (it fixes the dtype)
  assert.throws(() => where(x, 1, 0), TypeError);
  // @ts-expect-error an option that does not exist
  assert.throws(() => leakyRelu(x, { alpha: 0.2, slope: NaN }), RangeError);
  // @ts-expect-error the slope is a number
  assert.throws(() => leakyRelu(x, { slope: "0.2" }), TypeError);
}

Deno.test("typed elementwise ops run, and rejected calls also throw at run time", () => {
  unaryTypes();
  binaryTypes();
  whereTypes();
  rejected();
});
