/**
 * Property tests of the reduction shape rule: every axis subset of random
 * shapes, written with positive and negative axes in any order, with and
 * without keepdims, against a one-line reference.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { ShapeError } from "../errors.ts";
import { reduceShape } from "./reduce.ts";

const SETTINGS = { seed: 20261128, numRuns: 200 };

const shape = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 5 });

/** The reference: reduced axes vanish, or become 1 with keepdims. */
function expected(dims: readonly number[], reduced: ReadonlySet<number>, keep: boolean): number[] {
  return dims.flatMap((dim, axis) => reduced.has(axis) ? (keep ? [1] : []) : [dim]);
}

/** Every subset of `0..rank-1`, as lists of axes. */
function subsets(rank: number): number[][] {
  return Array.from(
    { length: 2 ** rank },
    (_, mask) => [...Array(rank).keys()].filter((axis) => (mask >> axis) & 1),
  );
}

Deno.test("reduceShape over every axis subset, axes negative or not, in any order", () => {
  const input = shape.chain((dims) =>
    fc.record({
      dims: fc.constant(dims),
      negative: fc.array(fc.boolean(), { minLength: dims.length, maxLength: dims.length }),
      order: fc.shuffledSubarray([...dims.keys()], {
        minLength: dims.length,
        maxLength: dims.length,
      }),
    })
  );
  fc.assert(
    fc.property(input, fc.boolean(), ({ dims, negative, order }, keep) => {
      const rank = dims.length;
      for (const subset of subsets(rank)) {
        const chosen = new Set(subset);
        const axes = order
          .filter((axis) => chosen.has(axis))
          .map((axis) => negative[axis] ? axis - rank : axis);
        assert.deepEqual(
          reduceShape(dims, { axis: axes, keepdims: keep }),
          expected(dims, chosen, keep),
          `axes [${axes}]`,
        );
      }
    }),
    SETTINGS,
  );
});

Deno.test("reduceShape: a single axis, no axis (all) and the empty list (none)", () => {
  fc.assert(
    fc.property(shape, fc.boolean(), fc.integer({ min: -5, max: 4 }), (dims, keep, pick) => {
      const rank = dims.length;
      assert.deepEqual(reduceShape(dims, { keepdims: keep }), keep ? dims.map(() => 1) : []);
      assert.deepEqual(reduceShape(dims, { axis: [], keepdims: keep }), dims);
      if (pick >= -rank && pick < rank) {
        const axis = pick < 0 ? pick + rank : pick;
        assert.deepEqual(
          reduceShape(dims, { axis: pick, keepdims: keep }),
          expected(dims, new Set([axis]), keep),
        );
      }
    }),
    SETTINGS,
  );
  assert.deepEqual(reduceShape([4, 3], { axis: -1 }), [4]);
  assert.deepEqual(reduceShape([4, 3], { axis: 0, keepdims: true }), [1, 3]);
  assert.deepEqual(reduceShape([], { keepdims: true }), []);
  assert.deepEqual(reduceShape([4, 3]), []);
  assert.deepEqual(reduceShape([4, 3], {}), []);
  assert.throws(() => reduceShape([4, 3], { axis: 2 }), /^ShapeError: Cannot reduce a tensor/);
});

Deno.test("reduceShape rejects an axis given twice, also as its negative twin", () => {
  const input = shape
    .filter((dims) => dims.length > 0)
    .chain((dims) => fc.tuple(fc.constant(dims), fc.nat({ max: dims.length - 1 }), fc.boolean()));
  fc.assert(
    fc.property(input, ([dims, axis, twin]) => {
      const again = twin ? axis - dims.length : axis;
      assert.throws(
        () => reduceShape(dims, { axis: [axis, again] }),
        { name: "ShapeError", message: new RegExp(`axis ${again} appears twice$`) },
      );
    }),
    SETTINGS,
  );
});

Deno.test("reduceShape rejects axes out of range, naming the axis, the rank and the op", () => {
  const input = shape.chain((dims) =>
    fc.tuple(
      fc.constant(dims),
      fc.oneof(
        fc.integer({ min: dims.length, max: dims.length + 3 }),
        fc.integer({ min: -dims.length - 3, max: -dims.length - 1 }),
      ),
    )
  );
  fc.assert(
    fc.property(input, fc.boolean(), ([dims, axis], keep) => {
      assert.throws(() => reduceShape(dims, { axis, keepdims: keep, op: "sum" }), {
        name: "ShapeError",
        message: `Cannot sum a tensor of shape [${dims.join(", ")}]: ` +
          `axis ${axis} is out of range for rank ${dims.length}`,
      });
    }),
    SETTINGS,
  );
  assert.throws(() => reduceShape([2, 3], { axis: 0.5 }), ShapeError);
  assert.throws(
    () => reduceShape([], { axis: 0, keepdims: true }),
    /axis 0 is out of range for rank 0/,
  );
});
