/**
 * Compile-time tests of `core/arith.ts`: `deno check` fails if any
 * `expectType` line below does not hold, or if a line marked
 * `@ts-expect-error` (a deliberately wrong expectation) stops failing.
 * The `Deno.test` at the end lets `deno test` see the file.
 *
 * @module
 */
import assert from "node:assert/strict";
import type {
  Add,
  CeilDiv,
  Compare,
  DivisionByZero,
  FloorDiv,
  GreaterOrEqual,
  IsNatural,
  IsSafeNatural,
  LessThan,
  Mod,
  Mul,
  Sub,
  Underflow,
} from "./arith.ts";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true
  : false;

/** Compiles only when `T` is `true`. */
function expectType<T extends true>(): T | void {}

// Identities with 0 and 1.
expectType<Equal<Add<0, 0>, 0>>();
expectType<Equal<Add<0, 784>, 784>>();
expectType<Equal<Add<784, 0>, 784>>();
expectType<Equal<Mul<0, 784>, 0>>();
expectType<Equal<Mul<784, 0>, 0>>();
expectType<Equal<Mul<1, 784>, 784>>();
expectType<Equal<Mul<784, 1>, 784>>();
expectType<Equal<Sub<784, 0>, 784>>();
expectType<Equal<Sub<784, 784>, 0>>();
expectType<Equal<Sub<0, 0>, 0>>();
expectType<Equal<FloorDiv<784, 1>, 784>>();
expectType<Equal<FloorDiv<0, 7>, 0>>();
expectType<Equal<CeilDiv<0, 7>, 0>>();

// Carries and borrows.
expectType<Equal<Add<999, 1>, 1000>>();
expectType<Equal<Add<1, 999>, 1000>>();
expectType<Equal<Add<99999, 99999>, 199998>>();
expectType<Equal<Sub<1000, 1>, 999>>();
expectType<Equal<Sub<100000, 99999>, 1>>();
expectType<Equal<Sub<150528, 50176>, 100352>>();
expectType<Equal<Mul<99999, 99999>, 9999800001>>();
expectType<Equal<Mul<9, 9>, 81>>();
expectType<Equal<Mul<1000, 1000>, 1000000>>();
expectType<Equal<Mul<12345678, 87654321>, 1082152022374638>>();

// Shape products.
expectType<Equal<Mul<224, 224>, 50176>>();
expectType<Equal<Mul<Mul<224, 224>, 3>, 150528>>();
expectType<Equal<Mul<Mul<512, 512>, 64>, 16777216>>();

// Near and past 2^53 (Number.MAX_SAFE_INTEGER = 9007199254740991).
expectType<Equal<Add<9007199254740990, 1>, 9007199254740991>>();
expectType<Equal<Add<4503599627370495, 4503599627370496>, 9007199254740991>>();
expectType<Equal<Add<1234567890123456, 7772631364617535>, 9007199254740991>>();
expectType<Equal<Add<1234567890123456, 8765432109876543>, number>>();
expectType<Equal<Sub<9007199254740991, 9007199254740990>, 1>>();
expectType<Equal<Add<9007199254740991, 1>, number>>();
expectType<Equal<Add<9999999999999999, 1>, number>>();
expectType<Equal<Mul<94906267, 94906267>, number>>();
expectType<Equal<Mul<94906265, 94906265>, 9007199136250225>>();
expectType<Equal<Mul<4294967296, 4294967296>, number>>();
expectType<Equal<IsSafeNatural<9007199254740991>, true>>();
expectType<Equal<IsSafeNatural<9007199254740992>, false>>();
expectType<Equal<Add<9007199254740992, 0>, number>>();

// Wide operands give wide results.
expectType<Equal<Add<number, 1>, number>>();
expectType<Equal<Add<1, number>, number>>();
expectType<Equal<Mul<2.5, 2>, number>>();
expectType<Equal<Sub<-3, 1>, number>>();
expectType<Equal<Sub<number, 5>, number>>();
expectType<Equal<Mul<1 | 2, 3>, number>>();
expectType<Equal<FloorDiv<number, 3>, number>>();
expectType<Equal<Mod<28, number>, number>>();
expectType<Equal<Compare<number, 3>, "lt" | "eq" | "gt">>();
expectType<Equal<LessThan<number, 3>, boolean>>();
expectType<Equal<GreaterOrEqual<3, 1 | 2>, boolean>>();

// Underflow.
expectType<Equal<Sub<3, 5>, Underflow>>();
expectType<Equal<Sub<999, 1000>, Underflow>>();
expectType<Equal<Sub<0, 1>, Underflow>>();

// Division: conv and pool output sizes.
expectType<Equal<Add<FloorDiv<Sub<Add<28, Mul<2, 0>>, 5>, 1>, 1>, 24>>();
expectType<Equal<Add<FloorDiv<Sub<Add<224, Mul<2, 3>>, 7>, 2>, 1>, 112>>();
expectType<Equal<CeilDiv<28, 3>, 10>>();
expectType<Equal<CeilDiv<27, 3>, 9>>();
expectType<Equal<FloorDiv<224, 7>, 32>>();
expectType<Equal<FloorDiv<28, 3>, 9>>();
expectType<Equal<FloorDiv<3, 28>, 0>>();
expectType<Equal<CeilDiv<3, 28>, 1>>();
expectType<Equal<FloorDiv<16777216, 4096>, 4096>>();
expectType<Equal<FloorDiv<1000000, 999>, 1001>>();
expectType<Equal<Mod<1000000, 999>, 1>>();
expectType<Equal<Mod<28, 3>, 1>>();
expectType<Equal<Mod<224, 7>, 0>>();
expectType<Equal<Mod<5, 5>, 0>>();
expectType<Equal<FloorDiv<9007199254740991, 3>, 3002399751580330>>();
expectType<Equal<Mod<9007199254740991, 3>, 1>>();
expectType<Equal<FloorDiv<9007199254740991, 94906265>, 94906266>>();
expectType<Equal<Mod<9007199254740991, 94906265>, 23584501>>();
expectType<Equal<CeilDiv<9007199254740991, 9007199254740991>, 1>>();

// Division by zero.
expectType<Equal<FloorDiv<28, 0>, DivisionByZero>>();
expectType<Equal<CeilDiv<28, 0>, DivisionByZero>>();
expectType<Equal<Mod<0, 0>, DivisionByZero>>();
expectType<Equal<FloorDiv<number, 0>, DivisionByZero>>();

// Comparisons, equal and different lengths.
expectType<Equal<Compare<5, 5>, "eq">>();
expectType<Equal<Compare<0, 0>, "eq">>();
expectType<Equal<Compare<123, 124>, "lt">>();
expectType<Equal<Compare<124, 123>, "gt">>();
expectType<Equal<Compare<213, 123>, "gt">>();
expectType<Equal<Compare<999, 1000>, "lt">>();
expectType<Equal<Compare<1000, 999>, "gt">>();
expectType<Equal<Compare<0, 1>, "lt">>();
expectType<Equal<Compare<9007199254740991, 9007199254740990>, "gt">>();
expectType<Equal<LessThan<5, 28>, true>>();
expectType<Equal<LessThan<28, 28>, false>>();
expectType<Equal<GreaterOrEqual<28, 28>, true>>();
expectType<Equal<GreaterOrEqual<5, 28>, false>>();

// IsNatural.
expectType<Equal<IsNatural<0>, true>>();
expectType<Equal<IsNatural<784>, true>>();
expectType<Equal<IsNatural<2.5>, false>>();
expectType<Equal<IsNatural<-3>, false>>();
expectType<Equal<IsNatural<number>, false>>();
expectType<Equal<IsNatural<1 | 2>, false>>();
expectType<Equal<IsNatural<never>, false>>();
expectType<Equal<IsNatural<"7">, false>>();
expectType<Equal<IsNatural<1e21>, false>>();

// Wrong expectations must fail, so the checks above cannot pass vacuously.
// @ts-expect-error 2 + 2 is not 5
expectType<Equal<Add<2, 2>, 5>>();
// @ts-expect-error 224 * 224 is not 50177
expectType<Equal<Mul<224, 224>, 50177>>();
// @ts-expect-error an underflow is not a number
expectType<Equal<Sub<3, 5>, number>>();
// @ts-expect-error a past-2^53 sum is not a literal
expectType<Equal<Add<9007199254740991, 1>, 9007199254740992>>();
// @ts-expect-error ceil(28 / 3) is not 9
expectType<Equal<CeilDiv<28, 3>, 9>>();
// @ts-expect-error 999 is less than 1000
expectType<Equal<Compare<999, 1000>, "gt">>();
// @ts-expect-error 2.5 is not natural
expectType<Equal<IsNatural<2.5>, true>>();

Deno.test("arith types agree with run-time arithmetic", function (): void {
  const pixels: Mul<224, 224> = 50176;
  const image: Mul<Mul<224, 224>, 3> = 150528;
  const size: Add<FloorDiv<Sub<28, 5>, 1>, 1> = 24;
  const pooled: CeilDiv<28, 3> = 10;
  assert.equal(pixels, 224 * 224);
  assert.equal(image, 224 * 224 * 3);
  assert.equal(size, Math.floor((28 + 0 - 5) / 1) + 1);
  assert.equal(pooled, Math.ceil(28 / 3));
});
