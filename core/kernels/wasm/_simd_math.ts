/**
 * f32x4 exp, sigmoid and tanh as inline wasm code: range reduction and the
 * minimax polynomials of Cephes' `expf` and `tanhf` (S. L. Moshier), about
 * 1–3 ulp in f32. Each emitter reads its argument from a local and leaves
 * the result on the stack. Constants are hoisted (`FunctionBody.splat`), and
 * only instructions that V8 lowers to one or two x64 instructions are used
 * (`pmin`/`pmax`, not `min`/`max`; no float-to-int conversion).
 *
 * @module
 */
import type { FunctionBody, Local } from "./_function_body.ts";

/** ln 2 split in two: the high part has few bits, so `n·LN2_HIGH` is exact for |n| ≤ 2¹⁵. */
const LN2_HIGH = 0.693359375;
const LN2_LOW = -2.12194440e-4;
/** Cephes expf: e^r ≈ 1 + r + r²·P(r) on |r| ≤ ln2/2. */
const EXP_POLY = [
  1.9875691500e-4,
  1.3981999507e-3,
  8.3334519073e-3,
  4.1665795894e-2,
  1.6666665459e-1,
  5.0000001201e-1,
];
/** Cephes tanhf: tanh x ≈ x + x³·Q(x²) on |x| < 0.625. */
const TANH_POLY = [
  -5.70498872745e-3,
  2.06390887954e-2,
  -5.37397155531e-2,
  1.33314422036e-1,
  -3.33332819422e-1,
];
/** Below it e^x rounds to 0 in f32; above 89 it overflows to +∞ (ln FLT_MAX ≈ 88.72). */
const EXP_LOW = -104;
const EXP_HIGH = 89;
/** 1.5·2²³: adding it rounds a float of magnitude below 2²² to an integer, in its low bits. */
const ROUNDER = 12582912;
/** The bits of {@link ROUNDER}. */
const ROUNDER_BITS = 0x4b400000;

/** The temporaries the emitters share, and whether to fuse multiply-adds. */
export interface MathLocals {
  readonly t: readonly [Local, Local, Local, Local];
  readonly fma: boolean;
}

/** Declares the v128 temporaries of {@link MathLocals} in `f`. */
export function mathLocals(f: FunctionBody, fma: boolean): MathLocals {
  return { t: [f.local("v128"), f.local("v128"), f.local("v128"), f.local("v128")], fma };
}

/** Pushes `poly(z)` by Horner's rule, `z` in a local, coefficients highest degree first. */
function horner(f: FunctionBody, z: Local, coefficients: readonly number[], fma: boolean): void {
  f.splat(coefficients[0]);
  for (const c of coefficients.slice(1)) {
    if (fma) f.get(z).splat(c).op("f32x4.relaxed_madd");
    else f.get(z).op("f32x4.mul").splat(c).op("f32x4.add");
  }
}

/**
 * Pushes e^x for `x` in a local (NaN stays NaN, −∞ gives 0, +∞ gives +∞).
 * `x = n·ln2 + r` with `n = round(x·log₂e)`, then `e^r · 2^⌊n/2⌋ · 2^(n−⌊n/2⌋)`:
 * two normal scale factors, so results near overflow and in the subnormal
 * range round once, correctly scaled. Uses `t[0..2]`.
 */
export function emitExp(f: FunctionBody, x: Local, { t, fma }: MathLocals): void {
  const [clamped, n, r] = t;
  // pmax/pmin keep a NaN first operand.
  f.get(x).splat(EXP_LOW).op("f32x4.pmax").splat(EXP_HIGH).op("f32x4.pmin").set(clamped);
  // n + ROUNDER, rounded to nearest even: its low bits hold the integer n.
  f.get(clamped).splat(Math.LOG2E).op("f32x4.mul").splat(ROUNDER).op("f32x4.add").set(n);
  f.get(clamped).get(n).splat(ROUNDER).op("f32x4.sub").tee(r).splat(LN2_HIGH).op("f32x4.mul")
    .op("f32x4.sub").get(r).splat(LN2_LOW).op("f32x4.mul").op("f32x4.sub").set(r);
  // e^r = 1 + r + r²·P(r)
  horner(f, r, EXP_POLY, fma);
  f.get(r).op("f32x4.mul").get(r).op("f32x4.mul").get(r).op("f32x4.add").splat(1)
    .op("f32x4.add");
  // Scale by 2^half and 2^(n − half), each built in the exponent bits.
  f.get(n).splat(ROUNDER_BITS, "i32").op("i32x4.sub").set(n);
  f.get(n).i32(1).op("i32x4.shr_s").set(clamped);
  f.get(clamped).splat(127, "i32").op("i32x4.add").i32(23).op("i32x4.shl").op("f32x4.mul");
  f.get(n).get(clamped).op("i32x4.sub").splat(127, "i32").op("i32x4.add").i32(23)
    .op("i32x4.shl").op("f32x4.mul");
}

/**
 * Pushes the logistic sigmoid of `x`: with `e = e^−|x|`, `1/(1 + e)` for
 * `x ≥ 0` and `e/(1 + e)` below, so neither branch overflows and small
 * results keep their relative accuracy (as the reference does). Uses `t`.
 */
export function emitSigmoid(f: FunctionBody, x: Local, locals: MathLocals): void {
  const [inverse, , , e] = locals.t;
  f.get(x).op("f32x4.abs").op("f32x4.neg").set(e);
  emitExp(f, e, locals);
  f.set(e);
  f.splat(1).splat(1).get(e).op("f32x4.add").op("f32x4.div").set(inverse);
  f.get(inverse).get(e).get(inverse).op("f32x4.mul")
    .get(x).splat(0).op("f32x4.ge").op("v128.bitselect");
}

/**
 * Pushes tanh x: Cephes' odd polynomial below |x| = 0.625, else
 * `sign(x)·(1 − 2/(e^{2|x|} + 1))` (which reaches ±1 as e^{2|x|} overflows).
 * Uses `t`.
 */
export function emitTanh(f: FunctionBody, x: Local, locals: MathLocals): void {
  const [z, , , big] = locals.t;
  f.get(x).op("f32x4.abs").splat(2).op("f32x4.mul").set(big);
  emitExp(f, big, locals);
  f.set(big);
  // 1 − 2/(e + 1), with x's sign bit.
  f.splat(1).splat(2).get(big).splat(1).op("f32x4.add").op("f32x4.div").op("f32x4.sub")
    .get(x).splat(-0).op("v128.and").op("v128.or").set(big);
  // x + x·z·Q(z), z = x²
  f.get(x).get(x).op("f32x4.mul").set(z);
  horner(f, z, TANH_POLY, locals.fma);
  f.get(z).op("f32x4.mul").get(x).op("f32x4.mul").get(x).op("f32x4.add");
  f.get(big).get(x).op("f32x4.abs").splat(0.625).op("f32x4.lt").op("v128.bitselect");
}
