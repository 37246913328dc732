/**
 * Pure, splittable, counter-based random numbers, as in JAX: a {@link PRNGKey}
 * is an immutable pair of uint32 words, {@link split} and {@link foldIn} derive
 * new keys, and the samplers turn a key into numbers without any hidden state.
 *
 * Everything runs on Threefry-2x32 (20 rounds) and follows JAX's recipes with
 * `jax_threefry_partitionable` on (its default since JAX 0.5) and 64-bit
 * seeds: `key`, `split`, `foldIn`, `randomBits` and `uniformArray` over
 * `[0, 1)` give the same words and floats as `jax.random` with
 * `jax_enable_x64`. Normals use Box–Muller rather than JAX's inverse error
 * function, so they differ from JAX's.
 *
 * Counter-based: element `i` of a sample comes from counter `i` (normals: from
 * the counters of pair `⌊i / 2⌋`), so drawing `n` numbers and then `n + 1`
 * from the same key gives the same first `n`. Bits are pure integer
 * arithmetic, and every float is made from them by exact scaling and then
 * rounded once; normals also call `Math.log`, `Math.cos` and `Math.sin`, which
 * V8 (Deno, Node) computes in software (fdlibm), the same on every machine.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key, split, uniformArray } from "./random.ts";
 * const [init, data] = split(key(0));
 * const weights = uniformArray(init, 4, { low: -0.1, high: 0.1 });
 * assert(weights.length === 4 && data.kind === "PRNGKey");
 * ```
 *
 * @module
 */
import { threefry2x32, WORD } from "./_threefry.ts";
import { resolveDType } from "./tensor.ts";
import type { DataOf, DType } from "./tensor.ts";

/**
 * An immutable random key: two uint32 words, frozen. Make one with
 * {@link key}; derive more with {@link split} or {@link foldIn}. Never draw
 * twice from the same key unless you want the same numbers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key, split } from "./random.ts";
 * import type { PRNGKey } from "./random.ts";
 * const parent: PRNGKey = key(42);
 * const [child] = split(parent);
 * assert(parent.words[1] === 42 && child.words[0] !== parent.words[0]);
 * ```
 */
export interface PRNGKey {
  /** The brand. */
  readonly kind: "PRNGKey";
  /** The high and the low word, each a uint32. */
  readonly words: readonly [number, number];
}

/** One Threefry block, reused by every loop here (all of it is synchronous). */
const block = new Uint32Array(2);
const TWO_POW_20 = 1048576;
const TWO_POW_MINUS_23 = 1 / 8388608;
const TWO_POW_MINUS_32 = 1 / WORD;
const TWO_POW_MINUS_52 = 1 / 4503599627370496;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;
const TWO_PI = 2 * Math.PI;

/** A value as an error message quotes it: strings and plain data as JSON. */
function show(value: unknown): string {
  if (typeof value !== "string" && (typeof value !== "object" || value === null)) {
    return String(value);
  }
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function makeKey(high: number, low: number): PRNGKey {
  const words = Object.freeze([high >>> 0, low >>> 0] as const);
  return Object.freeze({ kind: "PRNGKey", words });
}

function checkKey(op: string, k: PRNGKey): void {
  const words = (k as Partial<PRNGKey> | null)?.words;
  if (
    k?.kind !== "PRNGKey" || !Array.isArray(words) || words.length !== 2 ||
    words.some((word) => !Number.isInteger(word) || word < 0 || word >= WORD)
  ) {
    throw new TypeError(`${op}: expected a PRNGKey made by key(seed), got ${show(k)}`);
  }
}

function checkCount(op: string, count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`${op}: count must be a non-negative safe integer, got ${show(count)}`);
  }
}

/** The block of counter `counter` under `k`, into `block`. */
function blockAt(k0: number, k1: number, counter: number): void {
  threefry2x32(k0, k1, (counter / WORD) >>> 0, counter >>> 0, block, 0);
}

/**
 * Makes a key from an integer seed, like `jax.random.key(seed)` with 64-bit
 * integers: the seed's two's-complement 64-bit pattern split into a high and
 * a low word, so `key(42).words` is `[0, 42]` and `key(-1).words` is
 * `[0xffffffff, 0xffffffff]`.
 *
 * @throws {RangeError} when `seed` is not a safe integer.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key, split } from "./random.ts";
 * const k = key(2 ** 40 + 5);
 * assert(k.words[0] === 256 && k.words[1] === 5);
 * assert(split(k).length === 2);
 * ```
 */
export function key(seed: number): PRNGKey {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`key: seed must be a safe integer, got ${show(seed)}`);
  }
  const high = Math.floor(seed / WORD);
  return makeKey(high, seed - high * WORD);
}

/**
 * Derives `n` new keys from `k`, like `jax.random.split(k, n)`: child `i` is
 * the Threefry block of counter `i` under `k`. Use the children and drop `k`.
 *
 * @throws {RangeError} when `n` is not a positive safe integer.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key, split } from "./random.ts";
 * const [a, b, c] = split(key(0), 3);
 * assert(a.words[0] === 0x6b200159 && b !== c);
 * ```
 */
export function split(k: PRNGKey, n = 2): PRNGKey[] {
  checkKey("split", k);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`split: n must be a positive safe integer, got ${show(n)}`);
  }
  const [k0, k1] = k.words;
  const keys = new Array<PRNGKey>(n);
  for (let i = 0; i < n; i++) {
    blockAt(k0, k1, i);
    keys[i] = makeKey(block[0], block[1]);
  }
  return keys;
}

/**
 * Derives the key for `data` (a step, an epoch, a layer index) from `k`, like
 * `jax.random.fold_in(k, data)`. As in JAX, `foldIn(k, i)` equals
 * `split(k, n)[i]`: fold in or split a key, not both.
 *
 * @throws {RangeError} when `data` is not an integer in `[0, 2^32)`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { foldIn, key, split } from "./random.ts";
 * const step7 = foldIn(key(42), 7);
 * assert(step7.words[0] === split(key(42), 8)[7].words[0]);
 * ```
 */
export function foldIn(k: PRNGKey, data: number): PRNGKey {
  checkKey("foldIn", k);
  if (!Number.isInteger(data) || data < 0 || data >= WORD) {
    throw new RangeError(`foldIn: data must be an integer in [0, 2^32), got ${show(data)}`);
  }
  blockAt(k.words[0], k.words[1], data);
  return makeKey(block[0], block[1]);
}

/**
 * `count` uniformly random uint32 words, like
 * `jax.random.bits(k, (count,), jnp.uint32)`: word `i` is the XOR of the two
 * words of counter `i`'s block, so a longer draw extends a shorter one.
 *
 * @throws {RangeError} when `count` is not a non-negative safe integer.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key, randomBits, split } from "./random.ts";
 * const [k] = split(key(1));
 * const bits = randomBits(k, 3);
 * assert(bits.length === 3 && randomBits(k, 4)[2] === bits[2]);
 * ```
 */
export function randomBits(k: PRNGKey, count: number): Uint32Array {
  checkKey("randomBits", k);
  checkCount("randomBits", count);
  const [k0, k1] = k.words;
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    blockAt(k0, k1, i);
    out[i] = block[0] ^ block[1];
  }
  return out;
}

const bitsView = new DataView(new ArrayBuffer(8));

/** The float32 next to float32 `x` (±0 and ±Infinity included) going up or down. */
function stepFloat32(x: number, up: boolean): number {
  if (x === 0) return up ? 2 ** -149 : -(2 ** -149);
  bitsView.setFloat32(0, x);
  bitsView.setUint32(0, bitsView.getUint32(0) + ((x > 0) === up ? 1 : -1));
  return bitsView.getFloat32(0);
}

/** The largest double below the finite double `x`. */
function doubleBelow(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  bitsView.setFloat64(0, x);
  const high = bitsView.getUint32(0);
  const low = bitsView.getUint32(4);
  const step = x > 0 ? -1 : 1;
  const newLow = low + step;
  bitsView.setUint32(0, newLow < 0 ? high - 1 : newLow >= WORD ? high + 1 : high);
  bitsView.setUint32(4, newLow >>> 0);
  return bitsView.getFloat64(0);
}

/**
 * Options of {@link uniformArray}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key, uniformArray } from "./random.ts";
 * import type { UniformArrayOptions } from "./random.ts";
 * const options: UniformArrayOptions<"f64"> = { dtype: "f64", low: -1, high: 1 };
 * assert(uniformArray(key(0), 4, options) instanceof Float64Array);
 * ```
 */
export interface UniformArrayOptions<D extends DType = "f32"> {
  /** Element type, `"f32"` or `"f64"`; `"f32"` when absent. */
  readonly dtype?: D;
  /** Lower bound (included), finite; 0 when absent. */
  readonly low?: number;
  /** Upper bound (excluded), finite and above `low`; 1 when absent. */
  readonly high?: number;
}

/**
 * Options of {@link normalArray}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key, normalArray } from "./random.ts";
 * import type { NormalArrayOptions } from "./random.ts";
 * const options: NormalArrayOptions<"f64"> = { dtype: "f64" };
 * assert(normalArray(key(0), 4, options) instanceof Float64Array);
 * ```
 */
export interface NormalArrayOptions<D extends DType = "f32"> {
  /** Element type, `"f32"` or `"f64"`; `"f32"` when absent. */
  readonly dtype?: D;
}

/**
 * `count` floats drawn uniformly from `[low, high)` (`[0, 1)` and `"f32"`
 * unless {@link UniformArrayOptions} say otherwise), like
 * `jax.random.uniform`: `f32` takes 23 bits of word `i` of
 * {@link randomBits} (`bits >>> 9`), `f64` takes 52 bits of counter `i`'s
 * block (high word first); the fraction in `[0, 1)` is exact, then scaled to
 * `[low, high)` and rounded once to the dtype. Values that rounding would put
 * on `high` (or below `low`) are moved to the nearest float of the dtype
 * inside, so `low <= x < high` always holds.
 *
 * @throws {RangeError} when `count` is not a non-negative safe integer, when
 * `low` and `high` are not finite with `low < high`, or when no float32 lies
 * in `[low, high)`.
 * @throws {DTypeError} when `options.dtype` is neither `"f32"` nor `"f64"`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key, split, uniformArray } from "./random.ts";
 * const [k] = split(key(0));
 * const xs: Float32Array = uniformArray(k, 1000, { low: -1, high: 1 });
 * assert(xs.every((x) => x >= -1 && x < 1));
 * const ys: Float64Array = uniformArray(k, 10, { dtype: "f64" });
 * assert(ys.every((y) => y >= 0 && y < 1));
 * ```
 */
export function uniformArray<D extends DType = "f32">(
  k: PRNGKey,
  count: number,
  options?: UniformArrayOptions<D>,
): DataOf<D> {
  checkKey("uniformArray", k);
  checkCount("uniformArray", count);
  const dtype = resolveDType("uniformArray", options?.dtype);
  const low = options?.low ?? 0;
  const high = options?.high ?? 1;
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
    throw new RangeError(
      `uniformArray: low and high must be finite with low < high, got low = ${show(low)}, high = ${
        show(high)
      }`,
    );
  }
  const [k0, k1] = k.words;
  // The span overflows for bounds near ±Number.MAX_VALUE; half of it never does.
  const span = high - low;
  const half = high / 2 - low / 2;
  const wide = !Number.isFinite(span);
  if (dtype === "f64") {
    const top = doubleBelow(high);
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      blockAt(k0, k1, i);
      const unit = (block[0] * TWO_POW_20 + (block[1] >>> 12)) * TWO_POW_MINUS_52;
      const x = wide ? low + unit * half + unit * half : low + unit * span;
      out[i] = x < top ? x : top;
    }
    return out as DataOf<D>;
  }
  const rounded = Math.fround(low);
  const bottom = rounded < low ? stepFloat32(rounded, true) : rounded;
  const roundedHigh = Math.fround(high);
  const top = roundedHigh >= high ? stepFloat32(roundedHigh, false) : roundedHigh;
  if (!(bottom <= top)) {
    throw new RangeError(
      `uniformArray: expected a range that holds a float32, got low = ${show(low)}, high = ${
        show(high)
      }`,
    );
  }
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    blockAt(k0, k1, i);
    const unit = ((block[0] ^ block[1]) >>> 9) * TWO_POW_MINUS_23;
    const x = Math.fround(wide ? low + unit * half + unit * half : low + unit * span);
    out[i] = x < bottom ? bottom : x > top ? top : x;
  }
  return out as DataOf<D>;
}

/**
 * `count` standard normal floats (mean 0, variance 1; `"f32"` unless
 * {@link NormalArrayOptions} say otherwise), by Box–Muller: pair `j`
 * (elements `2j`, `2j + 1`) takes a radius `√(−2 ln u)` with `u` in `(0, 1]`
 * (never `ln 0`) and an angle `2πv` with `v` in `[0, 1)`, and gives
 * `r·cos`, `r·sin`. `f32` draws `u` and `v` from the two 32-bit words of
 * counter `j`; `f64` draws 53 bits each from counters `2j` and `2j + 1`.
 * Results are always finite (|x| < 8.6). Unlike `jax.random.normal`, which
 * uses the inverse error function, so the numbers differ from JAX's.
 *
 * @throws {RangeError} when `count` is not a non-negative safe integer.
 * @throws {DTypeError} when `options.dtype` is neither `"f32"` nor `"f64"`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key, normalArray, split } from "./random.ts";
 * const [k] = split(key(0));
 * const zs: Float64Array = normalArray(k, 1000, { dtype: "f64" });
 * assert(zs.every(Number.isFinite));
 * const ws: Float32Array = normalArray(k, 3);
 * assert(ws.length === 3);
 * ```
 */
export function normalArray<D extends DType = "f32">(
  k: PRNGKey,
  count: number,
  options?: NormalArrayOptions<D>,
): DataOf<D> {
  checkKey("normalArray", k);
  checkCount("normalArray", count);
  const dtype = resolveDType("normalArray", options?.dtype);
  const [k0, k1] = k.words;
  const double = dtype === "f64";
  const out = double ? new Float64Array(count) : new Float32Array(count);
  for (let j = 0; 2 * j < count; j++) {
    let u: number;
    let v: number;
    if (double) {
      blockAt(k0, k1, 2 * j);
      u = ((block[0] >>> 11) * WORD + block[1] + 1) * TWO_POW_MINUS_53;
      blockAt(k0, k1, 2 * j + 1);
      v = ((block[0] >>> 11) * WORD + block[1]) * TWO_POW_MINUS_53;
    } else {
      blockAt(k0, k1, j);
      u = (block[0] + 1) * TWO_POW_MINUS_32;
      v = block[1] * TWO_POW_MINUS_32;
    }
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = TWO_PI * v;
    out[2 * j] = radius * Math.cos(angle);
    if (2 * j + 1 < count) out[2 * j + 1] = radius * Math.sin(angle);
  }
  return out as DataOf<D>;
}
