/**
 * The wasm pooling kernels against the reference over random geometries
 * (rank 1–3, every padding kind, windows that lie wholly in the padding,
 * strides 1–3 so windows overlap or skip cells; see `_window_cases.ts`).
 * Inputs are drawn from a few values half the time, so that max-pool
 * windows have ties.
 *
 * The forward passes do the reference's f32 operations in its order: the
 * results must be identical (`Object.is` per element: −0, NaN and ±∞
 * included). The adjoints round each share `g / ties` (or `g / count`) to
 * f32 before adding it, where the reference adds it unrounded: with `k`
 * shares added into one element, the error is at most (k + 1)·u·Σ|shares|
 * (u = 2⁻²⁴; one rounding per share, one per addition, each relative to at
 * most the sum of magnitudes). Every element gets at most `window size`
 * shares; Σ|shares| is the reference run in f64 on |g|. The oracle is the
 * reference in f64 on the same f32 inputs: ties are found on the same
 * values, so the routing is the same.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Buffer } from "../backend.ts";
import { reference } from "../reference.ts";
import { sizeOf } from "../../shape.ts";
import { fastPool } from "./_pool.ts";
import { fastMaxPoolGather, fastPoolTranspose } from "./_pool_grads.ts";
import type { WindowCase } from "./_window_cases.ts";
import { seededValues, windowCases } from "./_window_cases.ts";

/** Values in [−1, 1), or (odd seeds) in {−1, −½, 0, ½} so that ties are common. */
function inputs(size: number, seed: number): Float32Array {
  const values = seededValues(size, seed);
  return seed % 2 === 0 ? values : values.map((v) => Math.floor(v * 2) / 2);
}

function assertSame(got: Buffer, expected: Buffer, what: string): void {
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(got[i], expected[i])) {
      assert.fail(`${what}: element ${i} is ${got[i]}, expected ${expected[i]}`);
    }
  }
}

/** `|got − exact| ≤ (k + 1)·u·scale` elementwise. */
function assertClose(got: Buffer, exact: Buffer, scale: Buffer, k: number, what: string): void {
  for (let i = 0; i < exact.length; i++) {
    const bound = (k + 1) * 2 ** -24 * scale[i];
    if (!(Math.abs(got[i] - exact[i]) <= bound)) {
      assert.fail(`${what}: element ${i} is ${got[i]}, expected ${exact[i]} ± ${bound}`);
    }
  }
}

/** A pooling adjoint as `(x, cotangent, out)`. */
type Adjoint = (x: Buffer, cotangent: Buffer, out: Buffer) => void;

/**
 * Checks `fast` on the f32 inputs against `oracle` (the reference) in f64
 * on the same values, with the bound for `k` shares per element.
 */
function checkAdjoint(
  fast: Adjoint,
  oracle: Adjoint,
  [x, cotangent]: [Float32Array, Float32Array],
  size: number,
  k: number,
  what: string,
): void {
  const got = new Float32Array(size).fill(7);
  fast(x, cotangent, got);
  const [exact, scale] = [0, 1].map(() => new Float64Array(size));
  oracle(Float64Array.from(x), Float64Array.from(cotangent), exact);
  oracle(Float64Array.from(x), Float64Array.from(cotangent, Math.abs), scale);
  assertClose(got, exact, scale, k, what);
}

function checkCase(c: WindowCase): void {
  const xShape = [c.batch, ...c.inSpatial, c.cIn];
  const outShape = [c.batch, ...c.outSpatial, c.cIn];
  const [xSize, outSize] = [sizeOf(xShape), sizeOf(outShape)];
  const { window, stride, padBefore } = c;
  const x = inputs(xSize, c.seed);
  const g = inputs(outSize, c.seed + 3);
  const h = inputs(xSize, c.seed + 5);
  const what = (name: string) => `${name} ${JSON.stringify(c)}`;
  const cells = sizeOf(window);
  const r = reference;
  for (const kind of ["max", "avg"] as const) {
    const [got, expected] = [new Float32Array(outSize).fill(7), new Float32Array(outSize)];
    fastPool(kind, x, xShape, window, stride, padBefore, outShape, got);
    r.pool(kind, x, xShape, window, stride, padBefore, outShape, expected);
    assertSame(got, expected, what(`pool ${kind}`));
    checkAdjoint(
      (x, g, out) =>
        fastPoolTranspose(kind, x, xShape, g, window, stride, padBefore, outShape, out),
      (x, g, out) => r.poolTranspose(kind, x, xShape, g, window, stride, padBefore, outShape, out),
      [x, g],
      xSize,
      cells,
      what(`poolTranspose ${kind}`),
    );
  }
  checkAdjoint(
    (x, h, out) => fastMaxPoolGather(x, xShape, h, window, stride, padBefore, outShape, out),
    (x, h, out) => r.maxPoolGather(x, xShape, h, window, stride, padBefore, outShape, out),
    [x, h],
    outSize,
    cells,
    what("maxPoolGather"),
  );
}

Deno.test("wasm pooling kernels match the reference on random geometries", () => {
  fc.assert(fc.property(windowCases(), checkCase), { seed: 20240606, numRuns: 400 });
});

Deno.test("wasm max pooling splits tied cotangents evenly and keeps NaN and −∞ as the reference", () => {
  const x = new Float32Array([2, 2, 1, 2, NaN, 0, -Infinity, -Infinity]);
  const xShape = [1, 4, 2];
  const outShape = [1, 2, 2];
  const g = new Float32Array([1, 2, 3, 4]);
  const out = new Float32Array(8);
  fastPoolTranspose("max", x, xShape, g, [2], 2, [0], outShape, out);
  // Channel 0: window {2, 1} → 2 gets all; window {NaN, −∞} → NaN never wins, −∞ takes it.
  // Channel 1: window {2, 2} → half each; window {0, −∞} → 0.
  assert.deepEqual([...out], [1, 1, 0, 1, 0, 4, 3, 0]);
  const pooled = new Float32Array(4);
  fastPool("max", x, xShape, [2], 2, [0], outShape, pooled);
  assert.deepEqual([...pooled], [2, 2, NaN, 0]);
});

Deno.test("wasm pooling hands f64 to the reference unchanged", () => {
  const x = Float64Array.from(seededValues(2 * 5 * 3, 9), (v) => v / 3);
  const [got, expected] = [new Float64Array(2 * 3 * 3), new Float64Array(2 * 3 * 3)];
  fastPool("avg", x, [2, 5, 3], [2], 2, [1], [2, 3, 3], got);
  reference.pool("avg", x, [2, 5, 3], [2], 2, [1], [2, 3, 3], expected);
  assert.deepEqual(got, expected);
});
