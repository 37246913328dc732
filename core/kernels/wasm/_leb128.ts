/**
 * LEB128, the variable-length integer encoding of WebAssembly's binary
 * format.
 *
 * @module
 */

/**
 * The LEB128 bytes of the integer `value`: unsigned (the default; sizes,
 * indices, alignments) or signed (`i32.const` immediates). Seven bits a byte,
 * low bits first; the high bit of a byte says another follows.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { leb128 } from "./_leb128.ts";
 * assert.deepEqual(leb128(624485), [0xe5, 0x8e, 0x26]);
 * assert.deepEqual(leb128(-123456, true), [0xc0, 0xbb, 0x78]);
 * ```
 */
export function leb128(value: number, signed = false): number[] {
  if (!Number.isInteger(value)) throw new RangeError(`leb128: expected an integer, got ${value}`);
  if (!signed && value < 0) {
    throw new RangeError(`leb128: expected a non-negative integer, got ${value}`);
  }
  const bytes: number[] = [];
  // BigInt keeps the arithmetic exact past 32 bits (i64 immediates, sizes near 2^32).
  let rest = BigInt(value);
  for (;;) {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    const done = signed
      ? (rest === 0n && (low & 0x40) === 0) || (rest === -1n && (low & 0x40) !== 0)
      : rest === 0n;
    bytes.push(done ? low : low | 0x80);
    if (done) return bytes;
  }
}
