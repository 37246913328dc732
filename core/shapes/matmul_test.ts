/**
 * Property tests of the matmul and dot shape rules: leading dims are derived
 * from a generated broadcast result, so the expected shape is known up front.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { ShapeError } from "../errors.ts";
import { dotShape, matmulShape } from "./matmul.ts";

const SETTINGS = { seed: 20261128, numRuns: 200 };

const dim = fc.integer({ min: 0, max: 6 });

/** Leading dims of both operands (rank 0–2) that broadcast to `lead`. */
const leadingPair = fc
  .array(fc.integer({ min: 1, max: 4 }), { maxLength: 2 })
  .chain((lead) =>
    fc.record({
      lead: fc.constant(lead),
      drop: fc.nat({ max: lead.length }),
      shortIsA: fc.boolean(),
      ones: fc.array(fc.constantFrom("none", "long", "short"), {
        minLength: lead.length,
        maxLength: lead.length,
      }),
    })
  )
  .map(({ lead, drop, shortIsA, ones }) => {
    const long = lead.map((d, axis) => axis >= drop && ones[axis] === "long" ? 1 : d);
    const short = lead.slice(drop).map((d, i) => ones[i + drop] === "short" ? 1 : d);
    return shortIsA ? { lead, a: short, b: long } : { lead, a: long, b: short };
  });

const operands = fc.record({ pair: leadingPair, m: dim, k: dim, n: dim });

function format(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

Deno.test("matmulShape is [...broadcast lead, M, N] for ranks 2 to 4", () => {
  fc.assert(
    fc.property(operands, ({ pair, m, k, n }) => {
      const a = [...pair.a, m, k];
      const b = [...pair.b, k, n];
      assert.deepEqual(matmulShape(a, b), [...pair.lead, m, n]);
    }),
    SETTINGS,
  );
});

Deno.test("matmulShape rejects inner dims that differ, naming both shapes and both dims", () => {
  fc.assert(
    fc.property(operands, fc.integer({ min: 1, max: 5 }), ({ pair, m, k, n }, step) => {
      const a = [...pair.a, m, k];
      const b = [...pair.b, k + step, n];
      assert.throws(() => matmulShape(a, b), {
        name: "ShapeError",
        message: `Cannot matmul tensors of shapes ${format(a)} and ${format(b)}: ` +
          `inner dimensions ${k} and ${k + step} differ`,
      });
    }),
    SETTINGS,
  );
});

Deno.test("matmulShape: the style guide's message, verbatim", () => {
  assert.throws(() => matmulShape([2, 3], [5, 4]), (error: unknown) => {
    assert.ok(error instanceof ShapeError && error instanceof TypeError);
    assert.equal(
      error.message,
      "Cannot matmul tensors of shapes [2, 3] and [5, 4]: inner dimensions 3 and 5 differ",
    );
    return true;
  });
});

Deno.test("matmulShape rejects rank 0 and rank 1 on either side", () => {
  const low = fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 1 });
  const matrix = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 4 });
  fc.assert(
    fc.property(low, matrix, fc.boolean(), (vector, other, vectorFirst) => {
      const [a, b] = vectorFirst ? [vector, other] : [other, vector];
      assert.throws(
        () => matmulShape(a, b),
        new RegExp(`rank >= 2 \\(got ranks ${a.length} and ${b.length}\\); use dot for vectors`),
      );
    }),
    SETTINGS,
  );
  // The course's rank-1 trap: (5,) against (5, 1) must not silently give something.
  assert.throws(() => matmulShape([5], [5, 1]), ShapeError);
});

Deno.test("matmulShape rejects leading dims that do not broadcast, naming both operands", () => {
  assert.deepEqual(matmulShape([7, 1, 2, 3], [4, 3, 5]), [7, 4, 2, 5]);
  const clash = fc.record({
    pair: leadingPair.filter(({ a, b }) => a.length > 0 && b.length > 0),
    dim: fc.integer({ min: 2, max: 4 }),
    step: fc.integer({ min: 1, max: 3 }),
  });
  fc.assert(
    fc.property(clash, ({ pair, dim, step }) => {
      // The last leading axis is shared by both operands: make it clash.
      const leadA = [...pair.a.slice(0, -1), dim];
      const leadB = [...pair.b.slice(0, -1), dim + step];
      const a = [...leadA, 2, 3];
      const b = [...leadB, 3, 4];
      assert.throws(() => matmulShape(a, b), (error: unknown) => {
        assert.ok(error instanceof ShapeError);
        // The operands as the user passed them, not only their leading dims.
        assert.ok(
          error.message.startsWith(
            `Cannot matmul tensors of shapes ${format(a)} and ${format(b)}: `,
          ),
          error.message,
        );
        assert.ok(error.message.includes(`${dim}`) && error.message.includes(`${dim + step}`));
        return true;
      });
    }),
    SETTINGS,
  );
});

Deno.test("dotShape: equal-length vectors give a scalar; anything else throws", () => {
  fc.assert(
    fc.property(
      fc.array(dim, { maxLength: 3 }),
      fc.array(dim, { maxLength: 3 }),
      (a, b) => {
        if (a.length === 1 && b.length === 1 && a[0] === b[0]) {
          assert.deepEqual(dotShape(a, b), []);
        } else {
          const why = a.length === 1 && b.length === 1
            ? `vector lengths ${a[0]} and ${b[0]} differ`
            : "both must be vectors (rank 1)";
          assert.throws(() => dotShape(a, b), {
            name: "ShapeError",
            message: `Cannot dot tensors of shapes ${format(a)} and ${format(b)}: ${why}`,
          });
        }
      },
    ),
    SETTINGS,
  );
  assert.deepEqual(dotShape([0], [0]), []);
});
