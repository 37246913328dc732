/**
 * Integer arithmetic at the type level, for the shape algebra: products of
 * dims (`224 * 224 * 3`), conv and pool output sizes
 * (`floor((n + 2p - f) / s) + 1`, `ceil(n / s)`), comparisons of dims.
 *
 * Operands are non-negative integer number literals up to
 * `Number.MAX_SAFE_INTEGER` (9007199254740991). The types work digit by digit
 * on their decimal text (`${N}`), least significant digit first, with lookup
 * tables for single digits and tail-recursive conditional types, so 16-digit
 * operands check in milliseconds and never hit TS2589 the way tuple-length
 * arithmetic does.
 *
 * Rules shared by every operation:
 * - An operand that is not a safe natural literal ({@link IsSafeNatural}: the
 *   wide `number`, `2.5`, `-3`, a union such as `1 | 2`, a literal above
 *   `Number.MAX_SAFE_INTEGER`) makes the result wide: `number` for
 *   arithmetic, `"lt" | "eq" | "gt"` for {@link Compare}, `boolean` for the
 *   predicates.
 * - A result above `Number.MAX_SAFE_INTEGER` is `number`, never an imprecise
 *   literal.
 * - Failures are sentinel object types, not `never`: {@link Underflow} and
 *   {@link DivisionByZero}; callers test `R extends number`.
 *
 * @module
 */
import type { IsUnion } from "./type_utils.ts";

/** What {@link Sub} yields when the difference would be negative. */
export type Underflow = { readonly underflow: true };

/** What {@link FloorDiv}, {@link CeilDiv} and {@link Mod} yield for a divisor of `0`. */
export type DivisionByZero = { readonly divisionByZero: true };

/** A decimal digit character. */
export type Digit = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
/** The result of a comparison. */
export type Ordering = "lt" | "eq" | "gt";
/** `NextDigit[d]` is the digit after `d` (as text; `"10"` after `"9"`). */
export type NextDigit = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];

/** `SumTable[a + carry][b]`: carry digit, then sum digit. */
export type SumTable = [
  ["00", "01", "02", "03", "04", "05", "06", "07", "08", "09"],
  ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"],
  ["02", "03", "04", "05", "06", "07", "08", "09", "10", "11"],
  ["03", "04", "05", "06", "07", "08", "09", "10", "11", "12"],
  ["04", "05", "06", "07", "08", "09", "10", "11", "12", "13"],
  ["05", "06", "07", "08", "09", "10", "11", "12", "13", "14"],
  ["06", "07", "08", "09", "10", "11", "12", "13", "14", "15"],
  ["07", "08", "09", "10", "11", "12", "13", "14", "15", "16"],
  ["08", "09", "10", "11", "12", "13", "14", "15", "16", "17"],
  ["09", "10", "11", "12", "13", "14", "15", "16", "17", "18"],
  ["10", "11", "12", "13", "14", "15", "16", "17", "18", "19"],
];

/** `DifferenceTable[a][b + borrow]`: borrow digit, then difference digit. */
export type DifferenceTable = [
  ["00", "19", "18", "17", "16", "15", "14", "13", "12", "11", "10"],
  ["01", "00", "19", "18", "17", "16", "15", "14", "13", "12", "11"],
  ["02", "01", "00", "19", "18", "17", "16", "15", "14", "13", "12"],
  ["03", "02", "01", "00", "19", "18", "17", "16", "15", "14", "13"],
  ["04", "03", "02", "01", "00", "19", "18", "17", "16", "15", "14"],
  ["05", "04", "03", "02", "01", "00", "19", "18", "17", "16", "15"],
  ["06", "05", "04", "03", "02", "01", "00", "19", "18", "17", "16"],
  ["07", "06", "05", "04", "03", "02", "01", "00", "19", "18", "17"],
  ["08", "07", "06", "05", "04", "03", "02", "01", "00", "19", "18"],
  ["09", "08", "07", "06", "05", "04", "03", "02", "01", "00", "19"],
];

/** `ProductTable[a][b]`: tens digit, then units digit. */
export type ProductTable = [
  ["00", "00", "00", "00", "00", "00", "00", "00", "00", "00"],
  ["00", "01", "02", "03", "04", "05", "06", "07", "08", "09"],
  ["00", "02", "04", "06", "08", "10", "12", "14", "16", "18"],
  ["00", "03", "06", "09", "12", "15", "18", "21", "24", "27"],
  ["00", "04", "08", "12", "16", "20", "24", "28", "32", "36"],
  ["00", "05", "10", "15", "20", "25", "30", "35", "40", "45"],
  ["00", "06", "12", "18", "24", "30", "36", "42", "48", "54"],
  ["00", "07", "14", "21", "28", "35", "42", "49", "56", "63"],
  ["00", "08", "16", "24", "32", "40", "48", "56", "64", "72"],
  ["00", "09", "18", "27", "36", "45", "54", "63", "72", "81"],
];

// Internal numbers are "reversed digits": least significant digit first, no
// high zeros, zero written as "". Number.MAX_SAFE_INTEGER is "1990474529917009".
/** `Number.MAX_SAFE_INTEGER` as reversed digits. */
export type MaxSafeReversed = "1990474529917009";

/** A string reversed (numbers are handled least significant digit first). */
export type ReverseDigits<S extends string, Acc extends string = ""> = S extends
  `${infer H}${infer T}` ? ReverseDigits<T, `${H}${Acc}`>
  : Acc;
/** `true` when a string is made of decimal digits only. */
export type AllDigits<S extends string> = S extends `${Digit}${infer T}`
  ? T extends "" ? true : AllDigits<T>
  : false;
/** The lowest digit of a reversed number and the rest. */
export type SplitDigit<S extends string> = S extends `${infer H extends Digit}${infer T}` ? [H, T]
  : ["0", ""];
/** A reversed number without its leading (high) zeros. */
export type DropHighZeros<S extends string> = S extends `${infer T}0` ? DropHighZeros<T> : S;

/** The reversed digits of a safe natural literal, or `null`. */
export type ParseNatural<N> = IsSafeNatural<N> extends true
  ? N extends number ? `${N}` extends "0" ? "" : ReverseDigits<`${N}`> : null
  : null;

/** A reversed-digit result as a number literal; `number` above the safe range. */
export type FinishDigits<R extends string> = R extends "" ? 0
  : CompareReversed<R, MaxSafeReversed> extends "gt" ? number
  : ReverseDigits<R> extends `${infer N extends number}` ? N
  : never;

/** Compares two reversed numbers digit by digit. */
export type CompareReversed<A extends string, B extends string, Last extends Ordering = "eq"> =
  A extends `${infer X extends Digit}${infer RestA}`
    ? B extends `${infer Y extends Digit}${infer RestB}` ? CompareReversed<
        RestA,
        RestB,
        X extends Y ? Last : DifferenceTable[X][Y] extends `1${string}` ? "lt" : "gt"
      >
    : "gt"
    : B extends "" ? Last
    : "lt";

/** The low digits of two reversed numbers ("0" past the end), each followed by its rest. */
export type LowDigits<A extends string, B extends string> = [...SplitDigit<A>, ...SplitDigit<B>];
/** The tuple `LowDigits` yields. */
export type DigitPair = [Digit, string, Digit, string];

/** Adds two reversed numbers with carry. */
export type AddReversed<
  A extends string,
  B extends string,
  C extends Digit = "0",
  Acc extends string = "",
> = `${A}${B}` extends "" ? C extends "1" ? `${Acc}1` : Acc
  : LowDigits<A, B> extends infer P extends DigitPair
    ? SumTable[C extends "1" ? NextDigit[P[0]] : P[0]][P[2]] extends
      `${infer C2 extends Digit}${infer D}` ? AddReversed<P[1], P[3], C2, `${Acc}${D}`>
    : never
  : never;

/** `A - B` in reversed digits, or `null` when it would be negative. */
export type SubReversed<
  A extends string,
  B extends string,
  C extends Digit = "0",
  Acc extends string = "",
> = `${A}${B}` extends "" ? C extends "1" ? null : DropHighZeros<Acc>
  : LowDigits<A, B> extends infer P extends DigitPair
    ? DifferenceTable[P[0]][C extends "1" ? NextDigit[P[2]] : P[2]] extends
      `${infer C2 extends Digit}${infer D}` ? SubReversed<P[1], P[3], C2, `${Acc}${D}`>
    : never
  : never;

/** `A * Y` for one digit `Y` (not "0"), `C` the carry (at most 8). */
export type MulDigitReversed<
  A extends string,
  Y extends Digit,
  C extends Digit = "0",
  Acc extends string = "",
> = A extends `${infer X extends Digit}${infer RestA}`
  ? ProductTable[X][Y] extends `${infer H extends Digit}${infer L extends Digit}`
    ? SumTable[L][C] extends `${infer C1 extends Digit}${infer D}` ? MulDigitReversed<
        RestA,
        Y,
        SumTable[H][C1] extends `0${infer C2 extends Digit}` ? C2 : never,
        `${Acc}${D}`
      >
    : never
  : never
  : C extends "0" ? Acc
  : `${Acc}${C}`;

/** Long multiplication of two reversed numbers. */
export type MulReversed<
  A extends string,
  B extends string,
  Shift extends string = "",
  Acc extends string = "",
> = B extends `${infer Y extends Digit}${infer RestB}` ? MulReversed<
    A,
    RestB,
    `${Shift}0`,
    Y extends "0" ? Acc : AddReversed<Acc, `${Shift}${MulDigitReversed<A, Y>}`>
  >
  : Acc;

/** `B * 0` … `B * 9` in reversed digits. */
export type DigitMultiples<B extends string> = {
  [Y in Digit]: Y extends "0" ? "" : MulDigitReversed<B, Y>;
};

/** The largest digit `Y` with `B * Y <= R`. */
export type QuotientDigit<
  R extends string,
  M extends DigitMultiples<string>,
  Ys extends string = "987654321",
> = Ys extends `${infer Y extends Digit}${infer Rest}`
  ? CompareReversed<M[Y], R> extends "gt" ? QuotientDigit<R, M, Rest> : Y
  : "0";

/** Long division: `A` in ordinary digit order; yields [quotient, remainder], reversed. */
export type DivReversed<
  A extends string,
  M extends DigitMultiples<string>,
  R extends string = "",
  Q extends string = "",
> = A extends `${infer X extends Digit}${infer RestA}`
  ? (R extends "" ? X extends "0" ? "" : X : `${X}${R}`) extends infer R1 extends string
    ? QuotientDigit<R1, M> extends infer Y extends Digit
      ? SubReversed<R1, M[Y]> extends infer R2 extends string
        ? DivReversed<RestA, M, R2, `${Y}${Q}`>
      : never
    : never
  : never
  : [DropHighZeros<Q>, R];

/** [quotient, remainder] in reversed digits, {@link DivisionByZero}, or `null` when wide. */
export type DivMod<A extends number, B extends number> = ParseNatural<B> extends "" ? DivisionByZero
  : [ParseNatural<A>, ParseNatural<B>] extends [infer RA extends string, infer RB extends string]
    ? DivReversed<ReverseDigits<RA>, DigitMultiples<RB>>
  : null;

/**
 * `true` when `N` is one non-negative integer literal (`0`, `784`), else
 * `false`: for the wide `number`, fractions (`2.5`), negatives (`-3`), unions
 * (`1 | 2`), `never` and non-numbers.
 *
 * @example
 * ```ts
 * import type { IsNatural } from "./arith.ts";
 * const yes: IsNatural<784> = true;
 * const no: IsNatural<2.5 | number | -3> = false;
 * ```
 */
export type IsNatural<N> = [N] extends [never] ? false
  : number extends N ? false
  : IsUnion<N> extends false ? N extends number ? AllDigits<`${N}`> : false
  : false;

/**
 * `true` when `N` is a natural literal ({@link IsNatural}) no greater than
 * `Number.MAX_SAFE_INTEGER`: the operands the arithmetic here computes
 * exactly. Any other operand makes a result wide.
 *
 * @example
 * ```ts
 * import type { IsSafeNatural } from "./arith.ts";
 * const yes: IsSafeNatural<9007199254740991> = true;
 * const no: IsSafeNatural<9007199254740992> = false;
 * ```
 */
export type IsSafeNatural<N> = IsNatural<N> extends true
  ? N extends number
    ? CompareReversed<ReverseDigits<`${N}`>, MaxSafeReversed> extends "gt" ? false : true
  : false
  : false;

/**
 * `A + B` as a number literal; `number` when an operand is not a safe natural
 * or the sum exceeds `Number.MAX_SAFE_INTEGER`.
 *
 * @example
 * ```ts
 * import type { Add } from "./arith.ts";
 * const sum: Add<999, 1> = 1000;
 * const wide: Add<number, 1> = 3;
 * ```
 */
export type Add<A extends number, B extends number> = [ParseNatural<A>, ParseNatural<B>] extends
  [infer RA extends string, infer RB extends string] ? FinishDigits<AddReversed<RA, RB>>
  : number;

/**
 * `A - B` as a number literal when `A >= B`; the {@link Underflow} sentinel
 * when `A < B`; `number` when an operand is not a safe natural.
 *
 * @example
 * ```ts
 * import type { Sub, Underflow } from "./arith.ts";
 * const difference: Sub<1000, 1> = 999;
 * const negative: Sub<3, 5> = { underflow: true } satisfies Underflow;
 * ```
 */
export type Sub<A extends number, B extends number> = [ParseNatural<A>, ParseNatural<B>] extends
  [infer RA extends string, infer RB extends string]
  ? SubReversed<RA, RB> extends infer R extends string ? FinishDigits<R> : Underflow
  : number;

/**
 * `A * B` as a number literal (long multiplication); `number` when an operand
 * is not a safe natural or the product exceeds `Number.MAX_SAFE_INTEGER`.
 *
 * @example
 * ```ts
 * import type { Mul } from "./arith.ts";
 * const pixels: Mul<Mul<224, 224>, 3> = 150528;
 * const huge: Mul<4294967296, 4294967296> = 2 ** 64; // past 2^53: wide `number`
 * ```
 */
export type Mul<A extends number, B extends number> = [ParseNatural<A>, ParseNatural<B>] extends
  [infer RA extends string, infer RB extends string]
  ? RA extends "" ? 0 : RB extends "" ? 0 : FinishDigits<MulReversed<RA, RB>>
  : number;

/**
 * `floor(A / B)` as a number literal (long division); {@link DivisionByZero}
 * when `B` is `0` (whatever `A` is); otherwise `number` when an operand is not
 * a safe natural.
 *
 * @example
 * ```ts
 * import type { Add, FloorDiv, Sub } from "./arith.ts";
 * // conv output size: floor((n + 2p - f) / s) + 1 with n = 28, p = 0, f = 5, s = 1
 * const size: Add<FloorDiv<Sub<28, 5>, 1>, 1> = 24;
 * const patches: FloorDiv<224, 7> = 32;
 * ```
 */
export type FloorDiv<A extends number, B extends number> = DivMod<A, B> extends
  [infer Q extends string, string] ? FinishDigits<Q>
  : DivMod<A, B> extends DivisionByZero ? DivisionByZero
  : number;

/**
 * `ceil(A / B)` as a number literal; {@link DivisionByZero} when `B` is `0`;
 * otherwise `number` when an operand is not a safe natural.
 *
 * @example
 * ```ts
 * import type { CeilDiv } from "./arith.ts";
 * // "same"-padded pool output size: ceil(n / s)
 * const size: CeilDiv<28, 3> = 10;
 * ```
 */
export type CeilDiv<A extends number, B extends number> = DivMod<A, B> extends
  [infer Q extends string, infer R extends string]
  ? FinishDigits<R extends "" ? Q : AddReversed<Q, "1">>
  : DivMod<A, B> extends DivisionByZero ? DivisionByZero
  : number;

/**
 * `A mod B` (the remainder of {@link FloorDiv}) as a number literal;
 * {@link DivisionByZero} when `B` is `0`; otherwise `number` when an operand
 * is not a safe natural. `Mod<A, B> extends 0` tests divisibility.
 *
 * @example
 * ```ts
 * import type { Mod } from "./arith.ts";
 * const remainder: Mod<28, 3> = 1;
 * const divisible: Mod<224, 7> = 0;
 * ```
 */
export type Mod<A extends number, B extends number> = DivMod<A, B> extends
  [string, infer R extends string] ? FinishDigits<R>
  : DivMod<A, B> extends DivisionByZero ? DivisionByZero
  : number;

/**
 * How `A` compares with `B`: exactly one of `"lt"`, `"eq"`, `"gt"`; the union
 * `"lt" | "eq" | "gt"` when an operand is not a safe natural.
 *
 * @example
 * ```ts
 * import type { Compare } from "./arith.ts";
 * const order: Compare<999, 1000> = "lt";
 * ```
 */
export type Compare<A extends number, B extends number> = [ParseNatural<A>, ParseNatural<B>] extends
  [infer RA extends string, infer RB extends string] ? CompareReversed<RA, RB>
  : Ordering;

/**
 * `true` when `A < B`, `false` when `A >= B`; `boolean` when an operand is not
 * a safe natural.
 *
 * @example
 * ```ts
 * import type { LessThan } from "./arith.ts";
 * const fits: LessThan<5, 28> = true;
 * ```
 */
export type LessThan<A extends number, B extends number> = Compare<A, B> extends "lt" ? true
  : Compare<A, B> extends "eq" | "gt" ? false
  : boolean;

/**
 * `true` when `A >= B`, `false` when `A < B`; `boolean` when an operand is not
 * a safe natural.
 *
 * @example
 * ```ts
 * import type { GreaterOrEqual } from "./arith.ts";
 * // a kernel of size 5 fits an input of size 28
 * const fits: GreaterOrEqual<28, 5> = true;
 * ```
 */
export type GreaterOrEqual<A extends number, B extends number> = Compare<A, B> extends "eq" | "gt"
  ? true
  : Compare<A, B> extends "lt" ? false
  : boolean;
