/**
 * Property tests of the concat shape rule: random lists of shapes that agree
 * off a random (possibly negative) axis, and mismatches that must name the
 * axis.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { ShapeError } from "../errors.ts";
import { concatShape } from "./concat.ts";

const SETTINGS = { seed: 20261128, numRuns: 200 };

/** A base shape, an axis of it, the sizes each part has along it, and a negative spelling. */
const joinable = fc
  .array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 4 })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      axis: fc.nat({ max: base.length - 1 }),
      sizes: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 }),
      negative: fc.boolean(),
    })
  )
  .map(({ base, axis, sizes, negative }) => ({
    base,
    axis,
    spelled: negative ? axis - base.length : axis,
    shapes: sizes.map((size) => base.map((dim, a) => a === axis ? size : dim)),
    total: sizes.reduce((sum, size) => sum + size, 0),
  }));

function format(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

Deno.test("concatShape sums the dims along the axis and keeps the others", () => {
  fc.assert(
    fc.property(joinable, ({ base, axis, spelled, shapes, total }) => {
      const expected = base.map((dim, a) => a === axis ? total : dim);
      assert.deepEqual(concatShape(shapes, spelled), expected);
    }),
    SETTINGS,
  );
  assert.deepEqual(concatShape([[8, 28, 28, 64], [8, 28, 28, 32]], -1), [8, 28, 28, 96]);
  assert.deepEqual(concatShape([[2, 0], [2, 0]], 0), [4, 0]);
});

Deno.test("concatShape does not change its inputs", () => {
  fc.assert(
    fc.property(joinable, ({ spelled, shapes }) => {
      const before = JSON.stringify(shapes);
      concatShape(shapes, spelled);
      assert.equal(JSON.stringify(shapes), before);
    }),
    SETTINGS,
  );
});

Deno.test("concatShape rejects a dim off the axis that differs, naming that axis", () => {
  const broken = joinable
    .filter(({ base, shapes }) => base.length >= 2 && shapes.length >= 2)
    .chain((input) =>
      fc.record({
        input: fc.constant(input),
        part: fc.integer({ min: 1, max: input.shapes.length - 1 }),
        shift: fc.integer({ min: 1, max: input.base.length - 1 }),
        step: fc.integer({ min: 1, max: 3 }),
      })
    );
  fc.assert(
    fc.property(broken, ({ input: { base, axis, spelled, shapes }, part, shift, step }) => {
      const other = (axis + shift) % base.length;
      const changed = shapes.map((shape) => [...shape]);
      changed[part][other] += step;
      assert.throws(() => concatShape(changed, spelled), {
        name: "ShapeError",
        message: `Cannot concat tensors of shapes ${format(changed[0])} and ${
          format(changed[part])
        }: dims ${base[other]} and ${base[other] + step} differ at axis ${other}`,
      });
    }),
    SETTINGS,
  );
});

Deno.test("concatShape rejects ranks that differ and axes out of range", () => {
  fc.assert(
    fc.property(joinable, fc.integer({ min: 0, max: 3 }), ({ base, spelled, shapes }, extra) => {
      const rank = base.length;
      const out = extra % 2 === 0 ? rank + extra : -rank - 1 - extra;
      assert.throws(() => concatShape(shapes, out), {
        name: "ShapeError",
        message: `Cannot concat a tensor of shape ${format(shapes[0])}: ` +
          `axis ${out} is out of range for rank ${rank}`,
      });
      const longer = [...shapes, [...base, 1]];
      assert.throws(
        () => concatShape(longer, spelled),
        new RegExp(`ranks ${rank} and ${rank + 1} differ$`),
      );
    }),
    SETTINGS,
  );
  assert.throws(() => concatShape([], 0), {
    name: "ShapeError",
    message: "Cannot concat an empty list of tensors",
  });
  assert.throws(() => concatShape([[]], 0), ShapeError);
});
