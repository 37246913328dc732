/**
 * Property tests of the slice, pad and stack shape twins against independent
 * references: `Array.prototype.slice` on a list of indices for slice, arrays
 * of filler and indices for pad, nested arrays stacked by hand for stack.
 * Faulty arguments must throw a `ShapeError` that names the fault and the
 * axis.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { ShapeError } from "../errors.ts";
import { sliceShape } from "./slice.ts";
import { padShape } from "./pad.ts";
import { stackShape } from "./stack.ts";

const SETTINGS = { seed: 20261128, numRuns: 300 };

const shapes = fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 4 });

function format(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/** The indices `0 … n - 1`. */
function indices(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

// ---- slice ----

/** A shape with a valid begin and size per axis (sizes sometimes -1). */
const validSlice = shapes.chain((shape) =>
  fc.tuple(
    fc.constant(shape),
    fc.tuple(...shape.map((dim) =>
      fc.integer({ min: 0, max: dim }).chain((start) =>
        fc.tuple(
          fc.constant(start),
          fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: dim - start })),
        )
      )
    )),
  )
);

/** The slice's shape by `Array.prototype.slice` over each axis' indices, or why it is invalid. */
function referenceSlice(
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
): number[] | string {
  if (begin.length !== shape.length) return "begin needs one entry per axis";
  const negative = begin.findIndex((start) => start < 0);
  if (negative !== -1) return `begin ${begin[negative]} is negative at axis ${negative}`;
  if (size.length !== shape.length) return "size needs one entry per axis";
  const out: number[] = [];
  for (let axis = 0; axis < shape.length; axis++) {
    const all = indices(shape[axis]);
    const [start, length] = [begin[axis], size[axis]];
    if (length < -1) return `size ${length} at axis ${axis} must be non-negative or -1`;
    const end = length === -1 ? shape[axis] : start + length;
    if (length === -1 && start > shape[axis]) {
      return `begin ${start} is beyond dim ${shape[axis]} at axis ${axis}`;
    }
    if (end > shape[axis]) {
      return `begin ${start} + size ${length} exceeds dim ${shape[axis]} at axis ${axis}`;
    }
    out.push(all.slice(start, end).length);
  }
  return out;
}

Deno.test("sliceShape agrees with Array.prototype.slice on every axis", () => {
  fc.assert(
    fc.property(validSlice, ([shape, pairs]) => {
      const begin = pairs.map(([start]) => start);
      const size = pairs.map(([, length]) => length);
      const before = JSON.stringify([shape, begin, size]);
      assert.deepEqual(sliceShape(shape, begin, size), referenceSlice(shape, begin, size));
      assert.equal(JSON.stringify([shape, begin, size]), before, "inputs unchanged");
    }),
    SETTINGS,
  );
});

Deno.test("sliceShape throws exactly where the reference finds a fault, naming it", () => {
  const anySlice = shapes.chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.array(fc.integer({ min: -2, max: 8 }), {
        minLength: shape.length,
        maxLength: shape.length + 1,
      }),
      fc.array(fc.integer({ min: -3, max: 8 }), {
        minLength: Math.max(shape.length - 1, 0),
        maxLength: shape.length,
      }),
    )
  );
  let valid = 0;
  fc.assert(
    fc.property(anySlice, ([shape, begin, size]) => {
      const expected = referenceSlice(shape, begin, size);
      if (Array.isArray(expected)) {
        valid++;
        assert.deepEqual(sliceShape(shape, begin, size), expected);
        return;
      }
      assert.throws(() => sliceShape(shape, begin, size), (error: unknown) => {
        assert.ok(error instanceof ShapeError);
        const prefix = `Cannot slice a tensor of shape ${format(shape)} with begin ${
          format(begin)
        } and size ${format(size)}: `;
        assert.ok(error.message.startsWith(prefix), error.message);
        assert.ok(error.message.includes(`: ${expected}`), `${error.message} vs ${expected}`);
        return true;
      });
    }),
    SETTINGS,
  );
  assert.ok(valid > 20, `only ${valid} valid cases were drawn`);
});

Deno.test("sliceShape messages: each fault, its values and its axis", () => {
  const cases: [number[], number[], number[], string][] = [
    [[10, 4], [3], [2, 2], "begin needs one entry per axis: got 1 for rank 2"],
    [[10, 4], [0, 0], [2], "size needs one entry per axis: got 1 for rank 2"],
    [[10, 4], [0, -2], [2, 2], "begin -2 is negative at axis 1"],
    [[10, 4], [0, 1], [2, 4], "begin 1 + size 4 exceeds dim 4 at axis 1"],
    [[10, 4], [11, 0], [-1, 2], "begin 11 is beyond dim 10 at axis 0"],
    [[10, 4], [0, 0], [2, -3], "size -3 at axis 1 must be non-negative or -1"],
    [[10, 4], [0.5, 0], [2, 2], "begin 0.5 at axis 0 is not an integer"],
    [[10, 4], [0, 0], [2, NaN], "size NaN at axis 1 is not an integer"],
  ];
  for (const [shape, begin, size, why] of cases) {
    assert.throws(() => sliceShape(shape, begin, size), {
      name: "ShapeError",
      message: `Cannot slice a tensor of shape ${format(shape)} with begin ${
        format(begin)
      } and size ${format(size)}: ${why}`,
    });
  }
});

// ---- pad ----

const anyPad = shapes.chain((shape) =>
  fc.tuple(
    fc.constant(shape),
    fc.array(fc.tuple(fc.integer({ min: -2, max: 5 }), fc.integer({ min: -2, max: 5 })), {
      minLength: Math.max(shape.length - 1, 0),
      maxLength: shape.length + 1,
    }),
  )
);

/** The padded length of each axis, by building the padded list of indices; or the fault. */
function referencePad(shape: readonly number[], paddings: readonly [number, number][]) {
  if (paddings.length !== shape.length) return "paddings needs one [before, after] pair per axis";
  const out: number[] = [];
  for (let axis = 0; axis < shape.length; axis++) {
    const [before, after] = paddings[axis];
    if (before < 0) return `padding ${before} at the start of axis ${axis} is negative`;
    if (after < 0) return `padding ${after} at the end of axis ${axis} is negative`;
    const padded = [
      ...new Array<string>(before).fill("pad"),
      ...indices(shape[axis]),
      ...new Array<string>(after).fill("pad"),
    ];
    out.push(padded.length);
  }
  return out;
}

Deno.test("padShape agrees with a padded list of indices, and throws where it must", () => {
  let valid = 0;
  fc.assert(
    fc.property(anyPad, ([shape, paddings]) => {
      const expected = referencePad(shape, paddings);
      if (Array.isArray(expected)) {
        valid++;
        assert.deepEqual(padShape(shape, paddings), expected);
        return;
      }
      assert.throws(() => padShape(shape, paddings), (error: unknown) => {
        assert.ok(error instanceof ShapeError);
        assert.ok(error.message.startsWith(`Cannot pad a tensor of shape ${format(shape)}`));
        assert.ok(error.message.includes(`: ${expected}`), `${error.message} vs ${expected}`);
        return true;
      });
    }),
    SETTINGS,
  );
  assert.ok(valid > 30, `only ${valid} valid cases were drawn`);
});

Deno.test("padShape messages: each fault, its values and its axis", () => {
  const cases: [number[], [number, number][], string][] = [
    [[2, 3], [[1, 1]], "paddings needs one [before, after] pair per axis: got 1 for rank 2"],
    [[2, 3], [[0, 0], [-1, 2]], "padding -1 at the start of axis 1 is negative"],
    [[2, 3], [[0, -3], [1, 2]], "padding -3 at the end of axis 0 is negative"],
    [[2, 3], [[0, 1.5], [1, 2]], "padding 1.5 at the end of axis 0 is not an integer"],
  ];
  for (const [shape, paddings, why] of cases) {
    assert.throws(() => padShape(shape, paddings), {
      name: "ShapeError",
      message: `Cannot pad a tensor of shape ${format(shape)} with paddings ${`[${
        paddings.map(format).join(", ")
      }]`}: ${why}`,
    });
  }
  const triple = [[1, 2, 3]] as unknown as [number, number][];
  assert.throws(() => padShape([2], triple), {
    name: "ShapeError",
    message: "Cannot pad a tensor of shape [2] with paddings [[1, 2, 3]]: " +
      "the padding of axis 0 must be a [before, after] pair",
  });
});

// ---- stack ----

type Nested = number | Nested[];

/** A nested array of `shape` (leaves 0). */
function nestedOf(shape: readonly number[]): Nested {
  return shape.length === 0 ? 0 : indices(shape[0]).map(() => nestedOf(shape.slice(1)));
}

/** Stacks nested arrays along `axis` by hand: the list at depth `axis` gets one entry per part. */
function stackNested(parts: readonly Nested[], axis: number): Nested {
  if (axis === 0) return [...parts];
  const first = parts[0] as Nested[];
  return first.map((_, i) => stackNested(parts.map((part) => (part as Nested[])[i]), axis - 1));
}

/** The shape of a nested array, read down its first entries (stopping at an empty list). */
function shapeOfNested(value: Nested, rank: number): number[] {
  const out: number[] = [];
  let at: Nested = value;
  for (let axis = 0; axis < rank; axis++) {
    const list = at as Nested[];
    out.push(list.length);
    at = list.length > 0 ? list[0] : [];
  }
  return out;
}

const stackable = fc
  .tuple(
    fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
    fc.integer({ min: 1, max: 4 }),
  )
  .chain(([shape, count]) =>
    fc.tuple(
      fc.constant(shape),
      fc.constant(count),
      fc.integer({ min: -(shape.length + 1), max: shape.length }),
    )
  );

Deno.test("stackShape agrees with nested arrays stacked by hand", () => {
  fc.assert(
    fc.property(stackable, ([shape, count, axis]) => {
      const rank = shape.length + 1;
      const at = axis < 0 ? axis + rank : axis;
      const parts = indices(count).map(() => nestedOf(shape));
      const expected = shapeOfNested(stackNested(parts, at), rank);
      const shapes = parts.map(() => [...shape]);
      assert.deepEqual(stackShape(shapes, axis), expected);
      assert.deepEqual(shapes, parts.map(() => shape), "inputs unchanged");
    }),
    SETTINGS,
  );
  // Zero-size dims: the nested reference cannot see past an empty list, so spell them out.
  assert.deepEqual(stackShape([[0, 5], [0, 5]], 1), [0, 2, 5]);
  assert.deepEqual(stackShape([[3, 0]], -1), [3, 0, 1]);
});

Deno.test("stackShape rejects shapes that differ and axes out of range", () => {
  fc.assert(
    fc.property(
      stackable,
      fc.nat(),
      fc.integer({ min: 1, max: 3 }),
      ([shape, count, axis], pick, step) => {
        const rank = shape.length + 1;
        const outside = pick % 2 === 0 ? rank + (pick % 3) : -rank - 1 - (pick % 3);
        assert.throws(() => stackShape([shape, shape], outside), {
          name: "ShapeError",
          message: `Cannot stack tensors of shape ${format(shape)}: ` +
            `axis ${outside} is out of range for rank ${rank}`,
        });
        const longer = [...shape, 1];
        assert.throws(() => stackShape([...indices(count).map(() => shape), longer], axis), {
          name: "ShapeError",
          message: `Cannot stack tensors of shapes ${format(shape)} and ${format(longer)}: ` +
            `ranks ${shape.length} and ${shape.length + 1} differ`,
        });
        if (shape.length === 0) return;
        const changedAxis = pick % shape.length;
        const changed = shape.map((dim, a) => (a === changedAxis ? dim + step : dim));
        assert.throws(() => stackShape([...indices(count).map(() => shape), changed], axis), {
          name: "ShapeError",
          message: `Cannot stack tensors of shapes ${format(shape)} and ${format(changed)}: ` +
            `dims ${shape[changedAxis]} and ${changed[changedAxis]} differ at axis ${changedAxis}`,
        });
      },
    ),
    SETTINGS,
  );
  assert.throws(() => stackShape([], 0), {
    name: "ShapeError",
    message: "Cannot stack an empty list of tensors",
  });
  assert.throws(() => stackShape([[2]], 0.5), /axis 0.5 is out of range for rank 2/);
});
