import assert from "node:assert/strict";
import fc from "fast-check";
import { leb128 } from "./_leb128.ts";

/** Decodes LEB128 bytes back to a number, the inverse the encoder must have. */
function decode(bytes: readonly number[], signed: boolean): number {
  let result = 0n;
  let shift = 0n;
  for (const byte of bytes) {
    result |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
  }
  const last = bytes[bytes.length - 1];
  if (signed && (last & 0x40) !== 0) result -= 1n << shift;
  return Number(result);
}

Deno.test("leb128 encodes the spec's examples", () => {
  assert.deepEqual(leb128(0), [0]);
  assert.deepEqual(leb128(127), [0x7f]);
  assert.deepEqual(leb128(128), [0x80, 0x01]);
  assert.deepEqual(leb128(-1, true), [0x7f]);
  assert.deepEqual(leb128(63, true), [0x3f]);
  assert.deepEqual(leb128(64, true), [0xc0, 0x00]);
  assert.deepEqual(leb128(-64, true), [0x40]);
  assert.deepEqual(leb128(-65, true), [0xbf, 0x7f]);
});

Deno.test("leb128 round-trips, only the last byte lacks the continuation bit", () => {
  fc.assert(
    fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.boolean(), (value, signed) => {
      const v = signed ? value : Math.abs(value);
      const bytes = leb128(v, signed);
      assert.equal(decode(bytes, signed), v);
      bytes.forEach((byte, i) => assert.equal(byte >= 0x80, i < bytes.length - 1));
    }),
    { seed: 6, numRuns: 500 },
  );
});

Deno.test("leb128 rejects fractions and negative unsigned values", () => {
  assert.throws(() => leb128(1.5), RangeError);
  assert.throws(() => leb128(-1), RangeError);
});
