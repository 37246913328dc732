/**
 * Compile-time tests of the slice, pad and stack shape rules: literal,
 * symbolic (`"B"`), generic (`B extends number`) and `number` dims, and the
 * mismatches that must not compile. `deno check` runs them; an unused
 * `@ts-expect-error` is itself an error, so no line here passes vacuously.
 * The `Deno.test`s hold each rule against its run-time twin: the same shapes,
 * and the same reason for the same fault.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ShapeError } from "../errors.ts";
import type { Dim } from "../shape.ts";
import type { Equal } from "../_type_assert.ts";
import { expectShape, expectType } from "../_type_assert.ts";
import type { SliceBeginIssue, SliceShape, SliceSizeIssue } from "./slice.ts";
import { sliceShape } from "./slice.ts";
import type { PadShape } from "./pad.ts";
import { padShape } from "./pad.ts";
import type { StackShape } from "./stack.ts";
import { stackShape } from "./stack.ts";

// ---- slice ----
expectType<Equal<SliceShape<[10, 4], [3, 0], [-1, 2]>, [7, 2]>>();
expectType<Equal<SliceShape<[10, 4], [0, 0], [10, 4]>, [10, 4]>>();
expectType<Equal<SliceShape<[10, 4], [10, 4], [0, 0]>, [0, 0]>>();
expectType<Equal<SliceShape<[10, 4], [10, 4], [-1, -1]>, [0, 0]>>();
expectType<Equal<SliceShape<[], [], []>, []>>();
expectType<Equal<SliceShape<[0, 3], [0, 1], [0, -1]>, [0, 2]>>();
expectType<Equal<SliceShape<[9007199254740991], [1], [-1]>, [9007199254740990]>>();
expectType<
  Equal<SliceShape<["B", 28, 28, 3], [0, 2, 2, 0], [-1, 24, 24, -1]>, ["B", 24, 24, 3]>
>();
// Slicing into a symbolic or `number` dim: the size is known, the bound is checked at run time.
expectType<Equal<SliceShape<["B", 10], [0, 0], [4, -1]>, [4, 10]>>();
expectType<Equal<SliceShape<["B", 10], [1, 0], [-1, -1]>, [number, 10]>>();
expectType<Equal<SliceShape<[number, 10], [2, 1], [-1, 3]>, [number, 3]>>();
expectType<Equal<SliceShape<[number, 10], [0, 0], [5, -1]>, [5, 10]>>();
expectType<Equal<SliceShape<[10], [number], [3]>, [3]>>();
expectType<Equal<SliceShape<[10], [2], [number]>, [number]>>();
expectType<Equal<SliceShape<[10, 4], number[], number[]>, [number, number]>>();
expectType<Equal<SliceShape<number[], [1, 0], [-1, 2]>, [number, 2]>>();
expectType<Equal<SliceShape<number[], number[], number[]>, Dim[]>>();
expectType<Equal<SliceBeginIssue<[4, 5], [1, 2]>, true>>();
expectType<Equal<SliceSizeIssue<[4, 5], [-1, 2], [9, 9]>, true>>();
expectType<
  Equal<
    SliceShape<[10, 4], [3, 0], [8, 2]>,
    ShapeError<"slice: begin 3 + size 8 exceeds dim 10 at axis 0">
  >
>();
// @ts-expect-error begin has one entry for a rank-2 shape
expectShape<SliceShape<[10, 4], [3], [2, 2]>>();
// @ts-expect-error size has three entries for a rank-2 shape
expectShape<SliceShape<[10, 4], [3, 0], [2, 2, 1]>>();
// @ts-expect-error a negative begin
expectShape<SliceShape<[10, 4], [3, -1], [2, 2]>>();
// @ts-expect-error begin 3 + size 8 runs past the dim 10
expectShape<SliceShape<[10, 4], [3, 0], [8, 2]>>();
// @ts-expect-error a size of -2 (only -1 means "to the end")
expectShape<SliceShape<[10, 4], [1, 0], [-2, 2]>>();
// @ts-expect-error begin 11 is past the end of a dim 10 (size -1)
expectShape<SliceShape<[10, 4], [11, 0], [-1, 2]>>();
// @ts-expect-error the bound is checked on a literal axis next to a symbolic one
expectShape<SliceShape<["B", 28, 28], [0, 2, 2], [-1, 27, 24]>>();

function genericSlice<B extends number, N extends number>(): void {
  expectType<Equal<SliceShape<[B, 10], [0, 2], [-1, 3]>, [B, 3]>>();
  expectType<Equal<SliceShape<[B, N, 10], [0, 0, 9], [-1, -1, -1]>, [B, N, 1]>>();
  expectType<
    Equal<SliceBeginIssue<[B, 10], [0, -1]>, ShapeError<"slice: begin -1 is negative at axis 1">>
  >();
  // @ts-expect-error a generic batch does not hide an overrun on a literal axis
  expectShape<SliceShape<[B, 10], [0, 8], [-1, 3]>>();
  // @ts-expect-error slicing into a generic dim needs its value: deferred (see the module docs)
  expectType<Equal<SliceShape<[B, 10], [1, 0], [-1, -1]>, [number, 10]>>();
}

// ---- pad ----
expectType<Equal<PadShape<[2, 3], [[1, 1], [0, 2]]>, [4, 5]>>();
expectType<Equal<PadShape<[], []>, []>>();
expectType<Equal<PadShape<[0], [[0, 0]]>, [0]>>();
expectType<Equal<PadShape<[0], [[2, 3]]>, [5]>>();
expectType<
  Equal<PadShape<["B", 28, 28, 1], [[0, 0], [2, 2], [2, 2], [0, 0]]>, ["B", 32, 32, 1]>
>();
expectType<Equal<PadShape<["B", 28], [[1, 0], [0, 0]]>, [number, 28]>>();
expectType<Equal<PadShape<[number, 28], [[0, 0], [1, 1]]>, [number, 30]>>();
expectType<Equal<PadShape<[number, 28], [[3, 0], [1, 1]]>, [number, 30]>>();
expectType<Equal<PadShape<[5], [[number, 1]]>, [number]>>();
expectType<Equal<PadShape<[5, 6], [number, number][]>, [number, number]>>();
expectType<Equal<PadShape<number[], [[1, 1]]>, Dim[]>>();
expectType<
  Equal<
    PadShape<[2, 3], [[1, 1]]>,
    ShapeError<"pad: paddings needs one [before, after] pair per axis: got 1 for rank 2">
  >
>();
// @ts-expect-error one pair for a rank-2 shape
expectShape<PadShape<[2, 3], [[1, 1]]>>();
// @ts-expect-error three pairs for a rank-2 shape
expectShape<PadShape<[2, 3], [[1, 1], [0, 0], [0, 0]]>>();
// @ts-expect-error a negative padding at the start of an axis
expectShape<PadShape<[2, 3], [[0, 0], [-1, 2]]>>();
// @ts-expect-error a negative padding at the end of an axis
expectShape<PadShape<[2, 3], [[0, -3], [1, 2]]>>();

function genericPad<B extends number>(): void {
  expectType<Equal<PadShape<[B, 10], [[0, 0], [1, 2]]>, [B, 13]>>();
  expectType<Equal<PadShape<[B, B], [[0, 0], [0, 0]]>, [B, B]>>();
  // @ts-expect-error padding a generic dim needs its value: deferred (see the module docs)
  expectType<Equal<PadShape<[B, 10], [[1, 0], [0, 0]]>, [number, 10]>>();
}

// ---- stack ----
expectType<Equal<StackShape<[[2, 3], [2, 3], [2, 3]], 0>, [3, 2, 3]>>();
expectType<Equal<StackShape<[[2, 3], [2, 3], [2, 3]], 1>, [2, 3, 3]>>();
expectType<Equal<StackShape<[[2, 3], [2, 3], [2, 3]], 2>, [2, 3, 3]>>();
expectType<Equal<StackShape<[[2, 3], [2, 3]], -1>, [2, 3, 2]>>();
expectType<Equal<StackShape<[[2, 3], [2, 3]], -3>, [2, 2, 3]>>();
expectType<Equal<StackShape<[[]], 0>, [1]>>();
expectType<Equal<StackShape<[[], [], [], []], -1>, [4]>>();
expectType<Equal<StackShape<[[0, 5], [0, 5]], 1>, [0, 2, 5]>>();
expectType<Equal<StackShape<[["B", 4], ["B", 4]], -1>, ["B", 4, 2]>>();
expectType<Equal<StackShape<[[number, 4], [7, 4]], 0>, [2, 7, 4]>>();
expectType<Equal<StackShape<[["B", 4], [number, 4]], 0>, [2, "B", 4]>>();
expectType<Equal<StackShape<[[2, 3], [2, 3]], number>, Dim[]>>();
expectType<Equal<StackShape<[2, 3][], 0>, Dim[]>>();
expectType<Equal<StackShape<[number[], [2]], 0>, Dim[]>>();
expectType<
  Equal<StackShape<[[2, 3], [2, 4]], 0>, ShapeError<"stack: dims 3 and 4 differ at axis 1">>
>();
// @ts-expect-error dims 3 and 4 differ
expectShape<StackShape<[[2, 3], [2, 4]], 0>>();
// @ts-expect-error the third shape differs in its first dim
expectShape<StackShape<[[2, 3], [2, 3], [5, 3]], 0>>();
// @ts-expect-error ranks 2 and 3 differ
expectShape<StackShape<[[2, 3], [2, 3, 1]], 0>>();
// @ts-expect-error axis 3 is past the result's rank 3
expectShape<StackShape<[[2, 3], [2, 3]], 3>>();
// @ts-expect-error axis -4 is before the result's first axis
expectShape<StackShape<[[2, 3], [2, 3]], -4>>();
// @ts-expect-error nothing to stack
expectShape<StackShape<[], 0>>();
// @ts-expect-error two symbolic names never unify
expectShape<StackShape<[["B", 4], ["N", 4]], 0>>();

function genericStack<B extends number, N extends number>(): void {
  expectType<Equal<StackShape<[[B, 10], [B, 10]], -1>, [B, 10, 2]>>();
  expectType<Equal<StackShape<[[B, N], [B, N], [B, N]], 1>, [B, 3, N]>>();
  // @ts-expect-error `number` against a generic dim is deferred (README: narrow with assertShape)
  expectType<Equal<StackShape<[[B, 10], [number, 10]], 0>, [2, B, 10]>>();
  // @ts-expect-error generic dims B and N differ
  expectShape<StackShape<[[B, 10], [N, 10]], 0>>();
}

/** `R` when it is a shape of literal dims only; `never` (nothing fits) otherwise. */
type LiteralDims<R> = R extends readonly number[] ? number extends R[number] ? never : R : never;

/** The reason a rule gives, without the op's name: `"slice: x"` → `"x"`. */
type Reason<Rule> = Rule extends ShapeError<infer M>
  ? M extends `${string}: ${infer Why}` ? Why : never
  : never;

/** Compiles only when `expected` is the rule's literal result; passes when the twin returns it. */
function agree<Rule>(runtime: () => readonly number[], expected: LiteralDims<Rule>): void {
  assert.deepEqual(runtime(), expected);
}

/** Compiles only when `why` is the rule's reason; passes when the twin throws it. */
function rejects<Rule>(runtime: () => unknown, why: Reason<Rule>): void {
  assert.throws(runtime, (error: unknown) => {
    assert.ok(error instanceof ShapeError, String(error));
    assert.ok(error.message.endsWith(`: ${why}`), `${error.message}\n  does not end with: ${why}`);
    return true;
  });
}

Deno.test("slice: type and run-time twin agree", () => {
  agree<SliceShape<[10, 4], [3, 0], [-1, 2]>>(() => sliceShape([10, 4], [3, 0], [-1, 2]), [7, 2]);
  agree<SliceShape<[10, 4], [10, 4], [-1, 0]>>(() => sliceShape([10, 4], [10, 4], [-1, 0]), [0, 0]);
  agree<SliceShape<[], [], []>>(() => sliceShape([], [], []), []);
  rejects<SliceShape<[10, 4], [3], [2, 2]>>(
    () => sliceShape([10, 4], [3], [2, 2]),
    "begin needs one entry per axis: got 1 for rank 2",
  );
  rejects<SliceShape<[10, 4], [3, 0], [2, 2, 1]>>(
    () => sliceShape([10, 4], [3, 0], [2, 2, 1]),
    "size needs one entry per axis: got 3 for rank 2",
  );
  rejects<SliceShape<[10, 4], [3, -1], [2, 2]>>(
    () => sliceShape([10, 4], [3, -1], [2, 2]),
    "begin -1 is negative at axis 1",
  );
  rejects<SliceShape<[10, 4], [3, 0], [8, 2]>>(
    () => sliceShape([10, 4], [3, 0], [8, 2]),
    "begin 3 + size 8 exceeds dim 10 at axis 0",
  );
  rejects<SliceShape<[10, 4], [1, 0], [-2, 2]>>(
    () => sliceShape([10, 4], [1, 0], [-2, 2]),
    "size -2 at axis 0 must be non-negative or -1",
  );
  rejects<SliceShape<[10, 4], [11, 0], [-1, 2]>>(
    () => sliceShape([10, 4], [11, 0], [-1, 2]),
    "begin 11 is beyond dim 10 at axis 0",
  );
  // A begin fault is reported before a size fault, at compile time and at run time.
  rejects<SliceShape<[10, 4], [-1, 0], [2, 2, 2]>>(
    () => sliceShape([10, 4], [-1, 0], [2, 2, 2]),
    "begin -1 is negative at axis 0",
  );
});

Deno.test("pad: type and run-time twin agree", () => {
  agree<PadShape<[2, 3], [[1, 1], [0, 2]]>>(() => padShape([2, 3], [[1, 1], [0, 2]]), [4, 5]);
  agree<PadShape<[0], [[2, 3]]>>(() => padShape([0], [[2, 3]]), [5]);
  agree<PadShape<[], []>>(() => padShape([], []), []);
  rejects<PadShape<[2, 3], [[1, 1]]>>(
    () => padShape([2, 3], [[1, 1]]),
    "paddings needs one [before, after] pair per axis: got 1 for rank 2",
  );
  rejects<PadShape<[2, 3], [[0, 0], [-1, 2]]>>(
    () => padShape([2, 3], [[0, 0], [-1, 2]]),
    "padding -1 at the start of axis 1 is negative",
  );
  rejects<PadShape<[2, 3], [[0, -3], [1, 2]]>>(
    () => padShape([2, 3], [[0, -3], [1, 2]]),
    "padding -3 at the end of axis 0 is negative",
  );
});

Deno.test("stack: type and run-time twin agree", () => {
  agree<StackShape<[[2, 3], [2, 3], [2, 3]], 1>>(
    () => stackShape([[2, 3], [2, 3], [2, 3]], 1),
    [2, 3, 3],
  );
  agree<StackShape<[[2, 3], [2, 3]], -1>>(() => stackShape([[2, 3], [2, 3]], -1), [2, 3, 2]);
  agree<StackShape<[[]], 0>>(() => stackShape([[]], 0), [1]);
  rejects<StackShape<[[2, 3], [2, 4]], 0>>(
    () => stackShape([[2, 3], [2, 4]], 0),
    "dims 3 and 4 differ at axis 1",
  );
  rejects<StackShape<[[2, 3], [2, 3, 1]], 0>>(
    () => stackShape([[2, 3], [2, 3, 1]], 0),
    "ranks 2 and 3 differ",
  );
  rejects<StackShape<[[2, 3], [2, 3]], 3>>(
    () => stackShape([[2, 3], [2, 3]], 3),
    "axis 3 is out of range for rank 3",
  );
  rejects<StackShape<[[2, 3], [2, 3]], -4>>(
    () => stackShape([[2, 3], [2, 3]], -4),
    "axis -4 is out of range for rank 3",
  );
  expectType<Equal<StackShape<[], 0>, ShapeError<"stack: needs at least one tensor">>>();
  assert.throws(() => stackShape([], 0), {
    name: "ShapeError",
    message: "Cannot stack an empty list of tensors",
  });
});

Deno.test("movement rule type tests compile (see deno check)", () => {
  for (const check of [genericSlice, genericPad, genericStack]) assert.equal(check(), undefined);
});
