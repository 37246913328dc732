/**
 * Property tests of the broadcasting rules against an explicit index mapping:
 * operands are derived from a generated result shape, so the expected result
 * never comes from the code under test.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { ShapeError } from "../errors.ts";
import { broadcastShapes, broadcastToShape } from "./broadcast.ts";

const SETTINGS = { seed: 20261128, numRuns: 200 };

/** Two operands derived from `result`: one keeps its rank, the other drops `drop` leading dims. */
interface Pair {
  readonly result: number[];
  readonly a: number[];
  readonly b: number[];
}

/**
 * Broadcast-compatible pairs with their expected result: on each axis both
 * operands keep the result's dim, or one of them has a 1 there.
 */
const compatiblePair: fc.Arbitrary<Pair> = fc
  .array(fc.integer({ min: 0, max: 4 }), { maxLength: 5 })
  .chain((result) =>
    fc.record({
      result: fc.constant(result),
      drop: fc.nat({ max: result.length }),
      shortIsA: fc.boolean(),
      modes: fc.array(fc.constantFrom("both", "longIsOne", "shortIsOne"), {
        minLength: result.length,
        maxLength: result.length,
      }),
    })
  )
  .map(({ result, drop, shortIsA, modes }) => {
    const long = result.map((dim, axis) => axis >= drop && modes[axis] === "longIsOne" ? 1 : dim);
    const short = result.slice(drop).map((dim, i) => modes[i + drop] === "shortIsOne" ? 1 : dim);
    return shortIsA ? { result, a: short, b: long } : { result, a: long, b: short };
  });

function product(shape: readonly number[]): number {
  return shape.reduce((size, dim) => size * dim, 1);
}

/** Every multi-index of `shape`, row-major. */
function indicesOf(shape: readonly number[]): number[][] {
  let all: number[][] = [[]];
  for (const dim of shape) {
    all = all.flatMap((prefix) => Array.from({ length: dim }, (_, i) => [...prefix, i]));
  }
  return all;
}

/** The operand index an output index reads: leading axes dropped, stretched axes clamped to 0. */
function sourceIndex(out: readonly number[], operand: readonly number[]): number[] {
  const offset = out.length - operand.length;
  return operand.map((dim, axis) => dim === 1 ? 0 : out[axis + offset]);
}

Deno.test("broadcastShapes gives the generated result shape, symmetrically", () => {
  fc.assert(
    fc.property(compatiblePair, ({ result, a, b }) => {
      assert.deepEqual(broadcastShapes(a, b), result);
      assert.deepEqual(broadcastShapes(b, a), result);
    }),
    SETTINGS,
  );
});

Deno.test("every output index maps into range of each operand, and covers each operand", () => {
  fc.assert(
    fc.property(compatiblePair, ({ a, b }) => {
      const out = broadcastShapes(a, b);
      for (const operand of [a, b]) {
        const reached = new Set<string>();
        for (const index of indicesOf(out)) {
          const source = sourceIndex(index, operand);
          source.forEach((i, axis) => assert.ok(i >= 0 && i < operand[axis], `${source}`));
          reached.add(source.join());
        }
        assert.equal(reached.size, product(out) === 0 ? 0 : product(operand));
      }
    }),
    SETTINGS,
  );
});

Deno.test("broadcastShapes rejects two dims that differ and are not 1, naming shapes and axis", () => {
  const clash = compatiblePair
    .filter(({ a, b }) => Math.min(a.length, b.length) > 0)
    .chain((pair) =>
      fc.record({
        pair: fc.constant(pair),
        back: fc.nat({ max: Math.min(pair.a.length, pair.b.length) - 1 }),
        dimA: fc.integer({ min: 2, max: 6 }),
        step: fc.integer({ min: 1, max: 4 }),
      })
    );
  fc.assert(
    fc.property(clash, ({ pair, back, dimA, step }) => {
      const a = [...pair.a];
      const b = [...pair.b];
      a[a.length - 1 - back] = dimA;
      b[b.length - 1 - back] = dimA + step;
      const axis = pair.result.length - 1 - back;
      const shapes = `[${a.join(", ")}] and [${b.join(", ")}]`;
      assert.throws(() => broadcastShapes(a, b), (error: unknown) => {
        assert.ok(error instanceof ShapeError);
        assert.ok(error.message.includes(shapes), error.message);
        assert.match(error.message, new RegExp(`at axis ${axis}\\b`));
        return true;
      });
    }),
    SETTINGS,
  );
});

Deno.test("broadcastShapes: fixed cases, rank 0, size 0 and the op name", () => {
  assert.deepEqual(broadcastShapes([8, 1, 3], [5, 3]), [8, 5, 3]);
  assert.deepEqual(broadcastShapes([], []), []);
  assert.deepEqual(broadcastShapes([], [2, 3]), [2, 3]);
  assert.deepEqual(broadcastShapes([0], [1]), [0]);
  assert.deepEqual(broadcastShapes([2, 1], [1, 0]), [2, 0]);
  assert.throws(() => broadcastShapes([0], [3]), ShapeError);
  assert.throws(
    () => broadcastShapes([2, 3], [4, 3]),
    {
      name: "ShapeError",
      message: "Cannot broadcast tensors of shapes [2, 3] and [4, 3]: " +
        "dimension 2 does not broadcast against 4 at axis 0 of the result",
    },
  );
  assert.throws(() => broadcastShapes([2], [3], { op: "add" }), /^ShapeError: Cannot add tensors/);
  assert.throws(() => broadcastShapes([2], [3], {}), /^ShapeError: Cannot broadcast tensors/);
});

Deno.test("broadcastToShape accepts each operand towards the result, and rejects the reverse", () => {
  fc.assert(
    fc.property(compatiblePair, ({ result, a, b }) => {
      assert.deepEqual(broadcastToShape(a, result), result);
      assert.deepEqual(broadcastToShape(b, result), result);
      for (const operand of [a, b]) {
        const stretches = operand.some((dim, axis) =>
          dim !== result[axis + result.length - operand.length]
        );
        if (stretches || operand.length < result.length) {
          assert.throws(() => broadcastToShape(result, operand), ShapeError);
        } else {
          assert.deepEqual(broadcastToShape(result, operand), operand);
        }
      }
    }),
    SETTINGS,
  );
});

Deno.test("broadcastToShape messages name both shapes and the axis or the ranks", () => {
  assert.throws(
    () => broadcastToShape([2, 3], [4, 3]),
    {
      name: "ShapeError",
      message: "Cannot broadcastTo a tensor of shape [2, 3] to shape [4, 3]: " +
        "dimension 2 at axis 0 differs from 4",
    },
  );
  assert.throws(() => broadcastToShape([1, 3], [3]), /rank 2 is larger than 1/);
  assert.deepEqual(broadcastToShape([], [0, 2]), [0, 2]);
});
