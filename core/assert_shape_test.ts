/**
 * Tests of `assertShape`: literal dims must match, a symbolic name takes one
 * size everywhere, and a failure says which axis and why.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { ShapeError } from "./errors.ts";
import { assertShape } from "./assert_shape.ts";
import { zeros } from "./create.ts";
import type { Shape } from "./shape.ts";
import type { Tensor } from "./tensor.ts";

const SETTINGS = { seed: 20261128, numRuns: 200 };

const NAMES = ["B", "H", "W", "C"] as const;

/**
 * A shape and a pattern for it: each axis is its literal dim or a name, and a
 * name stands for one size (the first axis that uses it fixes the size).
 */
const matching = fc
  .array(fc.integer({ min: 0, max: 5 }), { maxLength: 5 })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      picks: fc.array(fc.option(fc.constantFrom(...NAMES), { nil: undefined }), {
        minLength: shape.length,
        maxLength: shape.length,
      }),
    })
  )
  .map(({ shape, picks }) => {
    const sizeOf = new Map<string, number>();
    const pattern: (number | string)[] = shape.map((dim, axis) => {
      const name = picks[axis];
      if (name === undefined) return dim;
      const size = sizeOf.get(name) ?? dim;
      sizeOf.set(name, size);
      return size === dim ? name : dim;
    });
    return { shape, pattern };
  });

function loaded(shape: readonly number[]): Tensor<number[]> {
  return zeros(shape) as unknown as Tensor<number[]>;
}

Deno.test("assertShape accepts a pattern whose literals match and whose names agree", () => {
  fc.assert(
    fc.property(matching, ({ shape, pattern }) => {
      const x = loaded(shape);
      assert.equal(assertShape(x, pattern), x);
    }),
    SETTINGS,
  );
  const batch: Tensor<["B", 784]> = assertShape(loaded([32, 784]), ["B", 784]);
  assert.deepEqual(batch.shape, [32, 784]);
  assert.equal(assertShape(loaded([]), []).size, 1);
});

Deno.test("a name meeting two sizes is rejected, naming it, both sizes and the axis", () => {
  const clash = matching
    .filter(({ shape }) => shape.length >= 2)
    .chain((input) =>
      fc.record({
        input: fc.constant(input),
        first: fc.nat({ max: input.shape.length - 2 }),
        name: fc.constantFrom("N", "M"),
        step: fc.integer({ min: 1, max: 3 }),
      })
    );
  fc.assert(
    fc.property(clash, ({ input: { shape, pattern }, first, name, step }) => {
      const dims = [...shape];
      const second = dims.length - 1;
      dims[second] = dims[first] + step;
      const names = [...pattern];
      names[first] = name;
      names[second] = name;
      // Literals before the clash must still match for the clash to be the reason.
      for (let axis = 0; axis < second; axis++) {
        if (typeof names[axis] === "number") names[axis] = dims[axis];
      }
      assert.throws(() => assertShape(loaded(dims), names), {
        name: "ShapeError",
        message: `assertShape: expected shape [${names.join(", ")}], got [${dims.join(", ")}]: ` +
          `symbolic dim ${name} is ${dims[first]} at one axis and ${
            dims[second]
          } at axis ${second}`,
      });
    }),
    SETTINGS,
  );
});

Deno.test("a literal that differs is rejected, naming the axis and both dims", () => {
  const wrong = matching
    .filter(({ shape }) => shape.length >= 1)
    .chain((input) =>
      fc.tuple(
        fc.constant(input),
        fc.nat({ max: input.shape.length - 1 }),
        fc.integer({ min: 1, max: 3 }),
      )
    );
  fc.assert(
    fc.property(wrong, ([{ shape }, axis, step]) => {
      const pattern: Shape = shape.map((dim, a) => a === axis ? dim + step : dim);
      assert.throws(() => assertShape(loaded(shape), pattern), {
        name: "ShapeError",
        message:
          `assertShape: expected shape [${pattern.join(", ")}], got [${shape.join(", ")}]: ` +
          `dim ${shape[axis]} at axis ${axis} is not ${shape[axis] + step}`,
      });
    }),
    SETTINGS,
  );
});

Deno.test("a rank that differs is rejected before any dim is compared", () => {
  assert.throws(
    () => assertShape(loaded([2, 3]), ["B", 3, 1]),
    {
      name: "ShapeError",
      message: "assertShape: expected shape [B, 3, 1], got [2, 3]: rank 2 is not 3",
    },
  );
  assert.throws(() => assertShape(loaded([]), ["B"]), /rank 0 is not 1$/);
  assert.throws(() => assertShape(loaded([5]), []), /rank 1 is not 0$/);
});

Deno.test("a dim that is neither a number nor a name is rejected", () => {
  assert.throws(
    () => assertShape(loaded([2]), [null] as unknown as Shape),
    (error: unknown) =>
      error instanceof ShapeError && /dim null at axis 0 is neither a number nor a name/.test(
        error.message,
      ),
  );
  // Names are per call: "B" may take another size in the next call.
  assertShape(loaded([3, 3]), ["B", "B"]);
  assertShape(loaded([4, 4]), ["B", "B"]);
  assert.throws(() => assertShape(loaded([3, 4]), ["B", "B"]), /symbolic dim B is 3/);
});
