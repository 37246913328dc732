/**
 * Seeded permutations: the shuffle behind mini-batches and splits.
 *
 * @module
 */
import type { PRNGKey } from "../../core/random.ts";
import { randomBits } from "../../core/random.ts";

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/**
 * A uniformly random permutation of `0, 1, …, n − 1` drawn from `key` by a
 * Fisher–Yates shuffle: the same key gives the same order on every machine.
 *
 * Step `i` (from `n − 1` down to 1) swaps position `i` with a position `j` in
 * `[0, i]`, where `j = ⌊u · (i + 1)⌋` and `u` is a 53-bit uniform made from
 * two words of `randomBits(key, 2n)`; the bias that leaves is below
 * `n / 2^53`. Not JAX's algorithm (`jax.random.permutation` sorts by random
 * keys), so the orders differ from JAX's.
 *
 * @throws {RangeError} when `n` is not a non-negative safe integer below 2^31.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key } from "../../core/random.ts";
 * import { permutation } from "./permutation.ts";
 * const order = permutation(key(0), 5);
 * assert.deepEqual(Array.from(order).sort(), [0, 1, 2, 3, 4]);
 * assert.deepEqual(permutation(key(0), 5), order);
 * ```
 */
export function permutation(key: PRNGKey, n: number): Int32Array {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 2 ** 31) {
    throw new RangeError(`permutation: n must be an integer in [0, 2^31), got ${n}`);
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const bits = randomBits(key, 2 * n);
  for (let i = n - 1; i > 0; i--) {
    const u = ((bits[2 * i] >>> 11) * TWO_POW_32 + bits[2 * i + 1]) * TWO_POW_MINUS_53;
    const j = Math.floor(u * (i + 1));
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order;
}
