/**
 * Threefry-2x32 with 20 rounds (Salmon, Moraes, Dror and Shaw, "Parallel
 * random numbers: as easy as 1, 2, 3", SC 2011; the Random123 library), with
 * the rotation constants and key schedule JAX uses. Private to `random.ts`.
 *
 * Words travel as plain numbers holding uint32 values; inside, the arithmetic
 * runs on int32 (`| 0`), which is the same modulo 2^32 and keeps V8 on small
 * integers. Results are written into a `Uint32Array`, which stores them as
 * uint32 again.
 *
 * @module
 */

/** The rotation distances: rounds 0–3 of even groups, then of odd groups. */
const ROTATIONS: Int32Array = new Int32Array([13, 15, 26, 6, 17, 29, 16, 24]);

/** The Threefish key-schedule parity constant. */
const PARITY = 0x1bd11bda;

/** 2^32, the span of one word. */
export const WORD = 4294967296;

/**
 * Encrypts the counter `(x0, x1)` under the key `(k0, k1)` and writes the two
 * output words to `out[at]` and `out[at + 1]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { threefry2x32 } from "./_threefry.ts";
 * const out = new Uint32Array(2);
 * threefry2x32(0, 0, 0, 0, out, 0);
 * assert(out[0] === 0x6b200159 && out[1] === 0x99ba4efe);
 * ```
 */
export function threefry2x32(
  k0: number,
  k1: number,
  x0: number,
  x1: number,
  out: Uint32Array,
  at: number,
): void {
  // Key words injected after each group of four rounds cycle through
  // (k0, k1, k2); `next`, `after` and `last` hold them in injection order.
  let next = k1 | 0;
  let after = (k0 ^ k1 ^ PARITY) | 0;
  let last = k0 | 0;
  let a = (x0 + k0) | 0;
  let b = (x1 + k1) | 0;
  for (let group = 0; group < 5; group++) {
    const base = (group & 1) << 2;
    for (let round = 0; round < 4; round++) {
      const r = ROTATIONS[base + round];
      a = (a + b) | 0;
      b = (b << r) | (b >>> (32 - r));
      b ^= a;
    }
    a = (a + next) | 0;
    b = (b + after + group + 1) | 0;
    const first = next;
    next = after;
    after = last;
    last = first;
  }
  out[at] = a;
  out[at + 1] = b;
}
