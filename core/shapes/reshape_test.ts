/**
 * Property tests of the reshape and flatten shape rules: targets are random
 * regroupings of the source's prime factors, so their sizes agree by
 * construction.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { ShapeError } from "../errors.ts";
import { flattenShape, reshapeShape } from "./reshape.ts";

const SETTINGS = { seed: 20261128, numRuns: 200 };

function primeFactors(n: number): number[] {
  const out: number[] = [];
  for (let p = 2; n > 1; p++) {
    while (n % p === 0) {
      out.push(p);
      n /= p;
    }
  }
  return out;
}

function product(shape: readonly number[]): number {
  return shape.reduce((size, dim) => size * dim, 1);
}

function format(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/** A source shape of positive dims and a random factorization of its size into a target. */
const regrouped = fc
  .array(fc.integer({ min: 1, max: 6 }), { maxLength: 5 })
  .chain((from) => {
    const primes = from.flatMap(primeFactors);
    return fc
      .integer({ min: primes.length === 0 ? 0 : 1, max: 6 })
      .chain((rank) =>
        fc.array(fc.nat({ max: Math.max(rank - 1, 0) }), {
          minLength: primes.length,
          maxLength: primes.length,
        }).map((buckets) => {
          const to = new Array<number>(rank).fill(1);
          primes.forEach((prime, i) => (to[buckets[i]] *= prime));
          return { from, to };
        })
      );
  });

Deno.test("reshapeShape accepts any factorization of the same size", () => {
  fc.assert(
    fc.property(regrouped, ({ from, to }) => {
      assert.equal(product(to), product(from));
      assert.deepEqual(reshapeShape(from, to), to);
    }),
    SETTINGS,
  );
});

Deno.test("reshapeShape infers one -1 dim", () => {
  const input = regrouped
    .filter(({ to }) => to.length > 0)
    .chain((pair) => fc.tuple(fc.constant(pair), fc.nat({ max: pair.to.length - 1 })));
  fc.assert(
    fc.property(input, ([{ from, to }, at]) => {
      const target = to.map((dim, axis) => axis === at ? -1 : dim);
      assert.deepEqual(reshapeShape(from, target), to);
    }),
    SETTINGS,
  );
  assert.deepEqual(reshapeShape([8, 28, 28, 1], [8, -1]), [8, 784]);
  assert.deepEqual(reshapeShape([], [-1]), [1]);
  assert.deepEqual(reshapeShape([1, 1], []), []);
});

Deno.test("reshapeShape rejects a target of another size, naming both shapes and sizes", () => {
  const shape = fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 4 });
  fc.assert(
    fc.property(shape, shape, (from, to) => {
      fc.pre(product(from) !== product(to));
      assert.throws(() => reshapeShape(from, to), {
        name: "ShapeError",
        message: `Cannot reshape a tensor of shape ${format(from)} to ${format(to)}: ` +
          `${product(from)} elements cannot take a shape of ${product(to)}`,
      });
    }),
    SETTINGS,
  );
});

Deno.test("reshapeShape rejects a -1 that cannot be inferred, and two -1s", () => {
  const shape = fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 4 });
  fc.assert(
    fc.property(shape, shape, fc.nat(), (from, rest, at) => {
      const target = [...rest];
      target.splice(at % (rest.length + 1), 0, -1);
      if (product(from) % product(rest) === 0) {
        assert.deepEqual(
          reshapeShape(from, target),
          target.map((dim) => dim === -1 ? product(from) / product(rest) : dim),
        );
      } else {
        assert.throws(
          () => reshapeShape(from, target),
          new RegExp(
            `cannot infer the -1 dim: ${product(from)} elements do not divide by ${product(rest)}$`,
          ),
        );
      }
      const twice = [...target, -1];
      assert.throws(() => reshapeShape(from, twice), /at most one dim may be -1$/);
    }),
    SETTINGS,
  );
});

Deno.test("reshapeShape rejects dims that are not non-negative integers", () => {
  for (const bad of [-2, 1.5, NaN, Infinity]) {
    assert.throws(
      () => reshapeShape([6], [2, bad]),
      { name: "ShapeError", message: new RegExp(`dim ${bad} at axis 1 is not a non-negative`) },
    );
  }
});

Deno.test("reshapeShape with size-0 dims", () => {
  const withZero = fc
    .array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 })
    .chain((dims) =>
      fc.nat({ max: dims.length }).map((at) => [...dims.slice(0, at), 0, ...dims.slice(at)])
    );
  fc.assert(
    fc.property(withZero, withZero, fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }), (
      from,
      to,
      positive,
    ) => {
      assert.deepEqual(reshapeShape(from, to), to);
      // -1 among positive dims: 0 elements divide into a 0 there.
      assert.deepEqual(reshapeShape(from, [...positive, -1]), [...positive, 0]);
      // -1 beside a 0: any size fits, so it cannot be inferred.
      assert.throws(() => reshapeShape(from, [...to, -1]), /cannot infer the -1 dim/);
      // Positive dims only: 0 elements cannot take them.
      assert.throws(() => reshapeShape(from, [...positive, 1]), ShapeError);
    }),
    SETTINGS,
  );
});

Deno.test("flattenShape keeps the first axis and multiplies the rest; a scalar throws", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 5 }),
      (shape) => {
        assert.deepEqual(flattenShape(shape), [shape[0], product(shape.slice(1))]);
      },
    ),
    SETTINGS,
  );
  assert.deepEqual(flattenShape([2, 5, 5, 16]), [2, 400]);
  assert.deepEqual(flattenShape([7]), [7, 1]);
  assert.throws(() => flattenShape([]), {
    name: "ShapeError",
    message: "Cannot flatten a tensor of shape []: a scalar has no first axis to keep",
  });
});
