/**
 * Adam's update of one leaf, fused into one pass: the new moments and the
 * update from the gradient and the old moments, or, for a whole step, the
 * new param itself (the update added to it, never stored). f32 leaves of a
 * few hundred elements or more run in the WebAssembly SIMD module of
 * `_adam_module.ts` (in f32), everything else in a plain loop (in f64
 * arithmetic, each result rounded once to the leaf's dtype).
 *
 * The moments and params a call writes stay in the module's memory after it
 * (each leaf in its own region), and a region remembers which output array
 * holds its values: when the next step passes that very array back, it is
 * not copied in again. Tensors are immutable, so an array that is the
 * region's last output still matches it; any other array is copied.
 *
 * @module
 */
import type { FloatArray } from "./_leafwise.ts";
import { adamModule } from "./_adam_module.ts";

/** Adam's coefficients for one update. */
export interface AdamCoefficients {
  /** β1, the first moment's decay. */
  readonly beta1: number;
  /** β2, the second moment's decay. */
  readonly beta2: number;
  /** −α/(1 − β1^t): the step applied to m. */
  readonly stepScale: number;
  /** 1/(1 − β2^t): v's bias correction. */
  readonly vScale: number;
  /** ε, added to √v̂. */
  readonly epsilon: number;
}

/** Below this many elements the copies into the module cost more than they save. */
const WASM_MIN = 256;

/**
 * `m' = β1·m + (1−β1)·g`, `v' = β2·v + (1−β2)·g²`, `u = s·m'/(√(v'·vs) + ε)`;
 * writes `u`, or `p + u` when `p` is given (`u` rounded to the dtype first,
 * so the sum is the one `applyUpdates` would make).
 */
function adamLoop(
  g: FloatArray,
  m: FloatArray,
  v: FloatArray,
  out: FloatArray,
  mOut: FloatArray,
  vOut: FloatArray,
  c: AdamCoefficients,
  p: FloatArray | undefined,
): void {
  const { beta1, beta2, stepScale, vScale, epsilon } = c;
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  const n = g.length;
  const f32 = out instanceof Float32Array;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const mi = beta1 * m[i] + c1 * gi;
    const vi = beta2 * v[i] + c2 * gi * gi;
    mOut[i] = mi;
    vOut[i] = vi;
    const u = (stepScale * mi) / (Math.sqrt(vi * vScale) + epsilon);
    out[i] = p === undefined ? u : p[i] + (f32 ? Math.fround(u) : u);
  }
}

/** A stretch of the module's memory, in bytes. */
interface Region {
  readonly offset: number;
  readonly bytes: number;
}

/** Where an array a call wrote last lives in the module's memory. */
const homes = new WeakMap<FloatArray, Region>();
/** Which array each region's values belong to now (by offset). */
const holders = new Map<number, FloatArray>();
/** The next free byte, the scratch region for g (and u), and the most memory to use. */
let top = 0;
let scratch: Region = { offset: 0, bytes: 0 };
let limit = 1 << 28;

/**
 * Sets how many bytes of memory the resident regions may take (256 MiB at
 * first) and forgets every region; returns the previous limit. Past the
 * limit, a call forgets them all and starts again from the bottom.
 */
export function residentLimit(bytes: number): number {
  const previous = limit;
  limit = bytes;
  forget();
  return previous;
}

function forget(): void {
  top = 0;
  scratch = { offset: 0, bytes: 0 };
  holders.clear();
}

/** `array`'s region when it still holds `array`'s values and no other operand claims it. */
function residentRegion(array: FloatArray, bytes: number, taken: Set<number>): Region | null {
  const home = homes.get(array);
  if (home === undefined || home.bytes !== bytes || holders.get(home.offset) !== array) return null;
  if (taken.has(home.offset)) return null;
  taken.add(home.offset);
  return home;
}

/**
 * Regions for g and u (scratch, two halves) and for m, v and p (resident or
 * fresh), and whether each of m, v, p must be copied in.
 */
function plan(m: FloatArray, v: FloatArray, p: FloatArray | undefined, bytes: number) {
  const taken = new Set<number>();
  let homesOf = [m, v, p].map((a) => (a === undefined ? null : residentRegion(a, bytes, taken)));
  const fresh = homesOf.filter((home, k) => home === null && (k < 2 || p !== undefined)).length;
  const scratchGrows = scratch.bytes < 2 * bytes;
  if (top + fresh * bytes + (scratchGrows ? 2 * bytes : 0) > limit) {
    forget();
    homesOf = [null, null, null];
  }
  if (scratch.bytes < 2 * bytes) {
    scratch = { offset: top, bytes: 2 * bytes };
    top += 2 * bytes;
  }
  const regions = homesOf.map((home, k) => {
    if (home !== null || (k === 2 && p === undefined)) return home;
    const region = { offset: top, bytes };
    top += bytes;
    return region;
  });
  return { regions, copy: homesOf.map((home) => home === null) };
}

/** Options of {@link adamKernel}. */
export interface AdamKernelOptions {
  /** The params: `out` gets them plus the update (a whole step) instead of the update. */
  readonly params?: FloatArray;
  /** `false` forces the plain loop (tests compare the two). */
  readonly simd?: boolean;
}

/**
 * Writes Adam's new moments into `mOut`, `vOut` and the update into `out`
 * (or, with `params`, the params plus the update), from the gradient `g` and
 * the moments `m`, `v`, all of one length and dtype.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adamKernel } from "./_adam_kernel.ts";
 * const [u, m, v] = [new Float64Array(1), new Float64Array(1), new Float64Array(1)];
 * const c = { beta1: 0.9, beta2: 0.999, stepScale: -0.1 / 0.1, vScale: 1 / 0.001, epsilon: 0 };
 * adamKernel(new Float64Array([2]), new Float64Array(1), new Float64Array(1), u, m, v, c);
 * assert.ok(Math.abs(u[0] + 0.1) < 1e-12 && Math.abs(m[0] - 0.2) < 1e-12);
 * ```
 */
export function adamKernel(
  g: FloatArray,
  m: FloatArray,
  v: FloatArray,
  out: FloatArray,
  mOut: FloatArray,
  vOut: FloatArray,
  c: AdamCoefficients,
  options: AdamKernelOptions = {},
): void {
  const n = g.length;
  const p = options.params;
  const module = options.simd === false || n < WASM_MIN || !(g instanceof Float32Array)
    ? null
    : adamModule();
  if (module === null) return adamLoop(g, m, v, out, mOut, vOut, c, p);
  const bytes = Math.ceil(n / 4) * 16;
  const { regions, copy } = plan(m, v, p, bytes);
  const pages = Math.ceil(top / 65536) - module.memory.buffer.byteLength / 65536;
  if (pages > 0) module.memory.grow(pages);
  const view = new Float32Array(module.memory.buffer);
  const [gAt, uAt] = [scratch.offset, scratch.offset + bytes];
  const [mAt, vAt, pAt] = regions.map((region) => region?.offset ?? -1);
  view.set(g, gAt / 4);
  if (copy[0]) view.set(m, mAt / 4);
  if (copy[1]) view.set(v, vAt / 4);
  if (p !== undefined && copy[2]) view.set(p, pAt / 4);
  const { beta1, beta2, stepScale, vScale, epsilon } = c;
  const outAt = p === undefined ? uAt : pAt;
  const run = p === undefined ? module.update : module.step;
  run(gAt, mAt, vAt, outAt, bytes, beta1, beta2, 1 - beta1, 1 - beta2, stepScale, vScale, epsilon);
  const written: [FloatArray, number, boolean][] = [
    [mOut, mAt, true],
    [vOut, vAt, true],
    [out, outAt, p !== undefined],
  ];
  for (const [array, offset, resident] of written) {
    array.set(view.subarray(offset / 4, offset / 4 + n));
    if (!resident) continue;
    holders.set(offset, array);
    homes.set(array, { offset, bytes });
  }
}
