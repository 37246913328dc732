/**
 * The wasm elementwise kernels against the reference, on arbitrary f32
 * values (NaN, ±∞, ±0, subnormals) and dense sweeps, at lengths that take
 * the wasm path and end off a 4-lane boundary.
 *
 * The arithmetic kinds must match the reference bit for bit: an f32 `+ − × ÷
 * √` rounds the exact result once, which is what the reference's f64
 * operation rounded to f32 gives (f64 has more than 2·24 + 2 bits, so the
 * double rounding is innocuous). `exp`, `sigmoid` and `tanh` are polynomial
 * approximations (Cephes, about 1–3 ulp measured): within 4 ulp of the f64
 * reference where the result is a normal f32, within 4·2⁻¹⁴⁹ where it is
 * subnormal, and exact at NaN and ±∞.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { BinaryKind, UnaryKind } from "../backend.ts";
import { reference } from "../reference.ts";
import { wasmBinary, wasmUnary } from "./_elementwise.ts";

const EXACT_UNARY: UnaryKind[] = ["neg", "abs", "sqrt", "square", "relu", "step", "sign"];
const APPROXIMATE_UNARY: UnaryKind[] = ["exp", "sigmoid", "tanh"];
const BINARY: BinaryKind[] = [
  "add",
  "sub",
  "mul",
  "div",
  "maximum",
  "minimum",
  "greater",
  "greaterEqual",
  "equal",
];

/** `values` repeated to `length` (≥ 256 takes the wasm path). */
function tile(values: Float32Array, length: number): Float32Array {
  return Float32Array.from({ length }, (_, i) => values[i % values.length]);
}

/** f32 values, special ones often: NaN, ±∞, ±0, subnormals, small integers (ties), exp's edges. */
const SPECIAL = [
  NaN,
  Infinity,
  -Infinity,
  0,
  -0,
  2 ** -149,
  -(2 ** -149),
  1,
  -1,
  88.72,
  88.73,
  -103.9,
];
const anyFloats = fc.array(
  fc.oneof(
    fc.constantFrom(...SPECIAL),
    fc.integer({ min: -3, max: 3 }),
    fc.float({ min: -20, max: 20, noNaN: true }),
    fc.float(),
  ),
  { minLength: 1, maxLength: 64 },
).map((values) => Float32Array.from(values));
const wasmLength = fc.integer({ min: 256, max: 263 });

/** A number as text, −0 included. */
function show(value: number): string {
  return Object.is(value, -0) ? "-0" : String(value);
}

/** Bit-for-bit equality (NaN equals NaN, +0 differs from −0). */
function assertSame(got: Float32Array, want: Float32Array, label: string, input: Float32Array) {
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) {
      assert.fail(`${label}(${show(input[i])}): got ${show(got[i])}, want ${show(want[i])}`);
    }
  }
}

/** Within 4 ulp of the f64 value (4·2⁻¹⁴⁹ below the normal range); NaN and ±∞ exact. */
function assertClose(got: number, want: number, label: string): void {
  const rounded = Math.fround(want);
  if (Number.isNaN(want) || !Number.isFinite(rounded)) {
    assert.ok(Object.is(got, rounded), `${label}: got ${got}, want ${rounded}`);
    return;
  }
  const magnitude = Math.abs(want);
  const ulp = magnitude < 2 ** -126 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(magnitude)) - 23);
  assert.ok(Math.abs(got - want) <= 4 * ulp, `${label}: got ${got}, want ${want}`);
}

Deno.test("wasm unary kinds with exact formulas match the reference bit for bit", () => {
  fc.assert(
    fc.property(anyFloats, wasmLength, fc.constantFrom(...EXACT_UNARY), (values, length, kind) => {
      const x = tile(values, length);
      const want = new Float32Array(length);
      const got = new Float32Array(length);
      reference.unary(kind, x, want);
      wasmUnary(kind, x, got);
      assertSame(got, want, kind, x);
    }),
    { seed: 6, numRuns: 300 },
  );
});

Deno.test("wasm exp, sigmoid, tanh: within 4 ulp on arbitrary f32 values", () => {
  fc.assert(
    fc.property(
      anyFloats,
      wasmLength,
      fc.constantFrom(...APPROXIMATE_UNARY),
      (values, length, kind) => {
        const x = tile(values, length);
        const got = new Float32Array(length);
        wasmUnary(kind, x, got);
        const exact = new Float64Array(length);
        reference.unary(kind, Float64Array.from(x), exact);
        for (let i = 0; i < length; i++) assertClose(got[i], exact[i], `${kind}(${x[i]})`);
      },
    ),
    { seed: 6, numRuns: 300 },
  );
});

Deno.test("wasm exp, sigmoid, tanh: within 4 ulp on dense sweeps, overflow and underflow edges", () => {
  const sweeps: [UnaryKind, number, number][] = [
    ["exp", -105, 90],
    ["exp", -1, 1],
    ["sigmoid", -105, 40],
    ["tanh", -10, 10],
    ["tanh", -0.7, 0.7],
  ];
  for (const [kind, low, high] of sweeps) {
    const n = 200_003;
    const x = Float32Array.from({ length: n }, (_, i) => low + (high - low) * i / (n - 1));
    const got = new Float32Array(n);
    wasmUnary(kind, x, got);
    const exact = new Float64Array(n);
    reference.unary(kind, Float64Array.from(x), exact);
    for (let i = 0; i < n; i++) assertClose(got[i], exact[i], `${kind}(${x[i]})`);
  }
});

Deno.test("wasm binary kinds match the reference bit for bit, ties and NaN included", () => {
  const pair = fc.tuple(anyFloats, anyFloats, fc.boolean()).map(([a, b, tie]) => {
    // Ties (b a copy of a, lane for lane) exercise maximum/minimum's choice at a = b and ±0.
    const other = tile(tie ? a : b, a.length);
    return [a, other] as const;
  });
  fc.assert(
    fc.property(pair, wasmLength, fc.constantFrom(...BINARY), ([a, b], length, kind) => {
      const x = tile(a, length);
      const y = tile(b, length);
      const want = new Float32Array(length);
      const got = new Float32Array(length);
      reference.binary(kind, x, y, want);
      wasmBinary(kind, x, y, got);
      for (let i = 0; i < length; i++) {
        assert.ok(
          Object.is(got[i], want[i]),
          `${kind}(${show(x[i])}, ${show(y[i])}): ${show(got[i])} vs ${show(want[i])}`,
        );
      }
    }),
    { seed: 6, numRuns: 400 },
  );
});

Deno.test("wasm binary kinds on every pair of special values match the reference", () => {
  const a = Float32Array.from(SPECIAL.flatMap((x) => SPECIAL.map(() => x)));
  const b = Float32Array.from(SPECIAL.flatMap(() => SPECIAL));
  const x = tile(a, 2 * a.length);
  const y = tile(b, 2 * b.length);
  for (const kind of BINARY) {
    const want = new Float32Array(x.length);
    const got = new Float32Array(x.length);
    reference.binary(kind, x, y, want);
    wasmBinary(kind, x, y, got);
    for (let i = 0; i < x.length; i++) {
      assert.ok(
        Object.is(got[i], want[i]),
        `${kind}(${show(x[i])}, ${show(y[i])}): ${show(got[i])} vs ${show(want[i])}`,
      );
    }
  }
});

Deno.test("wasm elementwise: f64, short arrays and other kinds go to the reference", () => {
  const x = new Float64Array([0.5, -2, 3]);
  const out = new Float64Array(3);
  wasmUnary("exp", x, out);
  assert.deepEqual([...out], [...x].map(Math.exp));
  const short = new Float32Array([1, 2, 3]);
  const pow = new Float32Array(3);
  wasmBinary("pow", short, short, pow);
  assert.deepEqual([...pow], [1, 4, 27]);
});
