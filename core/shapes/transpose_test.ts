/**
 * Property tests of the transpose shape rule over random permutations,
 * including negative axes, inverses and bad permutations.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { resolvePermutation, transposeShape } from "./transpose.ts";

const SETTINGS = { seed: 20261128, numRuns: 200 };

/** A shape with a permutation of its axes, and a negative spelling of that permutation. */
const permuted = fc
  .array(fc.integer({ min: 0, max: 6 }), { maxLength: 6 })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      perm: fc.shuffledSubarray([...shape.keys()], {
        minLength: shape.length,
        maxLength: shape.length,
      }),
      negative: fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
    })
  );

function inverse(perm: readonly number[]): number[] {
  const out = new Array<number>(perm.length);
  perm.forEach((axis, i) => (out[axis] = i));
  return out;
}

Deno.test("transposeShape puts dim perm[i] at axis i; negative axes mean the same", () => {
  fc.assert(
    fc.property(permuted, ({ shape, perm, negative }) => {
      const expected = perm.map((axis) => shape[axis]);
      const spelled = perm.map((axis, i) => negative[i] ? axis - shape.length : axis);
      assert.deepEqual(transposeShape(shape, perm), expected);
      assert.deepEqual(transposeShape(shape, spelled), expected);
      assert.deepEqual(resolvePermutation(shape, spelled), perm);
    }),
    SETTINGS,
  );
});

Deno.test("transposing by a permutation and then by its inverse gives the shape back", () => {
  fc.assert(
    fc.property(permuted, ({ shape, perm }) => {
      const there = transposeShape(shape, perm);
      assert.deepEqual(transposeShape(there, inverse(perm)), shape);
    }),
    SETTINGS,
  );
});

Deno.test("no permutation reverses the axes", () => {
  fc.assert(
    fc.property(permuted, ({ shape }) => {
      const reversed = shape.map((_, i) => shape[shape.length - 1 - i]);
      assert.deepEqual(transposeShape(shape), reversed);
      assert.deepEqual(
        resolvePermutation(shape),
        shape.map((_, i) => shape.length - 1 - i),
      );
      assert.deepEqual(transposeShape(transposeShape(shape)), shape);
    }),
    SETTINGS,
  );
  assert.deepEqual(transposeShape([]), []);
  assert.deepEqual(transposeShape([8, 28, 28, 3], [0, 3, 1, 2]), [8, 3, 28, 28]);
});

Deno.test("a permutation of the wrong length throws, naming both lengths", () => {
  fc.assert(
    fc.property(permuted, fc.integer({ min: 0, max: 7 }), ({ shape }, length) => {
      fc.pre(length !== shape.length);
      const perm = [...Array(length).keys()];
      assert.throws(
        () => transposeShape(shape, perm),
        {
          name: "ShapeError",
          message: `Cannot transpose a tensor of shape [${shape.join(", ")}] by [${
            perm.join(", ")
          }]: the permutation has ${length} axes but the tensor has rank ${shape.length}`,
        },
      );
      assert.throws(() => resolvePermutation(shape, perm), /the permutation has/);
    }),
    SETTINGS,
  );
});

Deno.test("a repeated or out-of-range axis throws", () => {
  const broken = permuted
    .filter(({ shape }) => shape.length >= 2)
    .chain((input) =>
      fc.record({
        input: fc.constant(input),
        at: fc.nat({ max: input.shape.length - 1 }),
        shift: fc.integer({ min: 1, max: input.shape.length - 1 }),
        outside: fc.oneof(
          fc.integer({ min: input.shape.length, max: input.shape.length + 3 }),
          fc.integer({ min: -input.shape.length - 3, max: -input.shape.length - 1 }),
        ),
      })
    );
  fc.assert(
    fc.property(broken, ({ input: { shape, perm }, at, shift, outside }) => {
      const other = (at + shift) % shape.length;
      const repeated = [...perm];
      repeated[at] = perm[other];
      assert.throws(() => transposeShape(shape, repeated), /appears twice$/);
      assert.throws(() => resolvePermutation(shape, repeated), /appears twice$/);
      const ranged = [...perm];
      ranged[at] = outside;
      assert.throws(
        () => transposeShape(shape, ranged),
        new RegExp(`axis ${outside} is out of range for rank ${shape.length}$`),
      );
    }),
    SETTINGS,
  );
  assert.throws(() => transposeShape([2, 3], [0, 0.5]), /out of range/);
});
