import assert from "node:assert/strict";
import fc from "fast-check";
import { referenceMatmul } from "./_reference_matmul.ts";
import { reference } from "./reference.ts";
import { sizeOf } from "../shape.ts";

/** `x` of shape `[...lead, r, c]` with its last two axes swapped. */
function swapLast(x: Float64Array, shape: readonly number[]): Float64Array {
  const rank = shape.length;
  const perm = [...Array(rank - 2).keys(), rank - 1, rank - 2];
  const out = new Float64Array(x.length);
  reference.transpose(x, shape, perm, out);
  return out;
}

Deno.test("referenceMatmul with transpose flags equals the product of transposed copies", () => {
  const dims = fc.tuple(
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 0, max: 4 }),
  );
  fc.assert(
    fc.property(
      dims,
      fc.boolean(),
      fc.boolean(),
      fc.boolean(),
      ([batch, m, k, n], ta, tb, lone) => {
        const aLogical = [batch, m, k];
        const bLogical = lone ? [k, n] : [batch, k, n];
        const a = Float64Array.from({ length: sizeOf(aLogical) }, (_, i) => (i * 7) % 5 - 2);
        const b = Float64Array.from({ length: sizeOf(bLogical) }, (_, i) => (i * 3) % 7 - 3);
        const aStored = ta ? swapLast(a, aLogical) : a;
        const bStored = tb ? swapLast(b, bLogical) : b;
        const swap = (s: number[]) => [...s.slice(0, -2), s[s.length - 1], s[s.length - 2]];
        const want = new Float64Array(batch * m * n);
        const got = new Float64Array(batch * m * n).fill(NaN);
        referenceMatmul(a, aLogical, b, bLogical, [batch], want);
        const options = { transA: ta, transB: tb };
        const aShape = ta ? swap(aLogical) : aLogical;
        const bShape = tb ? swap(bLogical) : bLogical;
        referenceMatmul(aStored, aShape, bStored, bShape, [batch], got, options);
        assert.deepEqual([...got], [...want]);
      },
    ),
    { seed: 6, numRuns: 300 },
  );
});

Deno.test("referenceMatmul: a 2×3 by 3×2 product by hand, A stored transposed", () => {
  const out = new Float64Array(4);
  // A = [[1, 2, 3], [4, 5, 6]] stored as its transpose [[1, 4], [2, 5], [3, 6]].
  const aT = new Float64Array([1, 4, 2, 5, 3, 6]);
  const b = new Float64Array([1, 0, 0, 1, 1, 1]);
  referenceMatmul(aT, [3, 2], b, [3, 2], [], out, { transA: true });
  assert.deepEqual([...out], [4, 5, 10, 11]);
});
