/**
 * Registry entries of linear algebra and movement: matmul, dot, transpose,
 * reshape, flatten, broadcastTo, concat, slice, pad, stack.
 *
 * @module
 */
import fc from "fast-check";
import { matmul } from "../ops/matmul.ts";
import { dot } from "../ops/dot.ts";
import { transpose } from "../ops/transpose.ts";
import { reshape } from "../ops/reshape.ts";
import { flatten } from "../ops/flatten.ts";
import { broadcastTo } from "../ops/broadcast_to.ts";
import { concat } from "../ops/concat.ts";
import { slice } from "../ops/slice.ts";
import { pad } from "../ops/pad.ts";
import { stack } from "../ops/stack.ts";
import { broadcastPairArbitrary, shapeArbitrary, tensorArbitrary } from "./arbitraries.ts";
import type { ErrorInput, OpInfo, OpSample, SecondOrder } from "./registry.ts";
import type { Loose } from "./_registry_common.ts";
import {
  FIRST_ORDER_TOLERANCE,
  rejects,
  sample,
  shapeText,
  smooth,
  zeroSecondOrder,
  zerosOf,
} from "./_registry_common.ts";

const LINEAR = zeroSecondOrder("linear: the Hessian is zero, and grad of grad must give exactly 0");
const SHAPES = { maxRank: 4, maxDim: 3, maxSize: 24 };

function entry(
  name: string,
  samples: fc.Arbitrary<OpSample>,
  secondOrder: SecondOrder,
  errorInputs: readonly ErrorInput[],
  description = "all reals",
): OpInfo {
  return {
    name,
    sample: samples,
    domain: { description, inputs: [{}] },
    tolerance: FIRST_ORDER_TOLERANCE,
    secondOrder,
    errorInputs,
  };
}

const matmulSamples = fc
  .tuple(
    broadcastPairArbitrary({ maxRank: 2, maxDim: 2 }),
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: 1, max: 3 }),
  )
  .chain(([[batchA, batchB], m, k, n]) =>
    fc.tuple(tensorArbitrary([...batchA, m, k]), tensorArbitrary([...batchB, k, n]))
  )
  .map(([a, b]) =>
    sample(`matmul(${shapeText(a)}, ${shapeText(b)})`, [a, b], ([x, y]) => matmul(x, y))
  );

const dotSamples = fc
  .integer({ min: 0, max: 6 })
  .chain((n) => fc.tuple(tensorArbitrary([n]), tensorArbitrary([n])))
  .map(([a, b]) => sample(`dot(${shapeText(a)}, ${shapeText(b)})`, [a, b], ([x, y]) => dot(x, y)));

const transposeSamples = shapeArbitrary(SHAPES).chain((shape) =>
  fc.tuple(
    tensorArbitrary(shape),
    fc.option(fc.shuffledSubarray(shape.map((_, axis) => axis), { minLength: shape.length })),
  ).map(([x, perm]) =>
    sample(
      `transpose(${shapeText(x)}, ${perm === null ? "reversed" : `[${perm.join(", ")}]`})`,
      [x],
      ([v]) => (perm === null ? transpose(v) : transpose(v, perm)),
    )
  )
);

/** A target shape of the same size: the dims shuffled, 1s inserted, perhaps one -1. */
const reshapeSamples = shapeArbitrary(SHAPES).chain((shape) =>
  fc.tuple(
    tensorArbitrary(shape),
    fc.shuffledSubarray(shape, { minLength: shape.length }),
    fc.integer({ min: 0, max: 2 }),
    fc.boolean(),
  ).map(([x, shuffled, ones, inferOne]) => {
    const target = [...shuffled, ...Array<number>(ones).fill(1)];
    if (inferOne && target.length > 0 && x.size > 0) target[0] = -1;
    return sample(
      `reshape(${shapeText(x)}, [${target.join(", ")}])`,
      [x],
      ([v]) => reshape(v, target),
    );
  })
);

const flattenSamples = shapeArbitrary({ ...SHAPES, minRank: 1 }).chain((shape) =>
  tensorArbitrary(shape).map((x) => sample(`flatten(${shapeText(x)})`, [x], ([v]) => flatten(v)))
);

const broadcastToSamples = broadcastPairArbitrary({ maxRank: 3, maxDim: 3 }).chain((
  [from, , to],
) =>
  tensorArbitrary(from).map((x) =>
    sample(`broadcastTo(${shapeText(x)}, [${to.join(", ")}])`, [x], ([v]) => broadcastTo(v, to))
  )
);

const concatSamples = shapeArbitrary({ minRank: 1, maxRank: 3, maxDim: 3, maxSize: 12 }).chain((
  shape,
) =>
  fc.tuple(
    fc.integer({ min: -shape.length, max: shape.length - 1 }),
    fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
  ).chain(([axis, sizes]) => {
    const at = axis < 0 ? axis + shape.length : axis;
    const parts = sizes.map((size) => tensorArbitrary(shape.map((d, i) => (i === at ? size : d))));
    return fc.tuple(...parts).map((xs) =>
      sample(
        `concat([${xs.map(shapeText).join(", ")}], ${axis})`,
        xs,
        (vs) => concat(vs as Loose[], axis),
      )
    );
  })
);

const sliceSamples = shapeArbitrary({ maxRank: 3, maxDim: 4, maxSize: 24 }).chain((shape) =>
  fc.tuple(
    tensorArbitrary(shape),
    fc.tuple(
      ...shape.map((dim) =>
        fc.integer({ min: 0, max: dim }).chain((begin) =>
          fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: dim - begin }))
            .map((size) => [begin, size] as const)
        )
      ),
    ),
  ).map(([x, ranges]) => {
    const begin = ranges.map(([b]) => b);
    const size = ranges.map(([, s]) => s);
    return sample(
      `slice(${shapeText(x)}, [${begin.join(", ")}], [${size.join(", ")}])`,
      [x],
      ([v]) => slice(v, begin, size),
    );
  })
);

const padSamples = shapeArbitrary({ maxRank: 3, maxDim: 3, maxSize: 18 }).chain((shape) =>
  fc.tuple(
    tensorArbitrary(shape),
    fc.tuple(
      ...shape.map(() => fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }))),
    ),
    fc.oneof(fc.constant(0), fc.integer({ min: -3, max: 3 })),
  ).map(([x, paddings, value]) =>
    sample(
      `pad(${shapeText(x)}, ${JSON.stringify(paddings)}, {value: ${value}})`,
      [x],
      ([v]) => pad(v, paddings, { value }),
    )
  )
);

const stackSamples = shapeArbitrary({ maxRank: 3, maxDim: 3, maxSize: 12 }).chain((shape) =>
  fc.tuple(
    fc.integer({ min: -(shape.length + 1), max: shape.length }),
    fc.array(tensorArbitrary(shape), { minLength: 1, maxLength: 3 }),
  ).map(([axis, xs]) =>
    sample(
      `stack([${xs.map(shapeText).join(", ")}], ${axis})`,
      xs,
      (vs) => stack(vs as Loose[], axis),
    )
  )
);

/** Linear algebra and movement. */
export const linearOps: readonly OpInfo[] = [
  entry("matmul", matmulSamples, smooth, [
    rejects(
      "inner dimensions that differ",
      () => matmul(zerosOf(2, 3), zerosOf(4, 5)),
      /matmul.*\[2, 3\] and \[4, 5\].*inner dimensions 3 and 4/,
    ),
    rejects(
      "a vector operand",
      () => matmul(zerosOf(3), zerosOf(3, 5)),
      /matmul.*\[3\] and \[3, 5\].*rank >= 2/,
    ),
    rejects(
      "batch dims that do not broadcast",
      () => matmul(zerosOf(2, 2, 3), zerosOf(3, 3, 5)),
      /matmul.*batch dimensions \[2\] and \[3\]/,
    ),
  ], "all reals; batch dims broadcast"),
  entry("dot", dotSamples, smooth, [
    rejects("lengths that differ", () => dot(zerosOf(3), zerosOf(4)), /dot.*\[3\] and \[4\]/),
    rejects("a matrix", () => dot(zerosOf(3, 1), zerosOf(3)), /dot.*\[3, 1\].*rank 1/),
  ]),
  entry("transpose", transposeSamples, LINEAR, [
    rejects(
      "an axis named twice",
      () => transpose(zerosOf(2, 3), [0, 0]),
      /transpose.*\[2, 3\].*axis 0 appears twice/,
    ),
    rejects(
      "a permutation of the wrong length",
      () => transpose(zerosOf(2, 3), [0]),
      /transpose.*\[2, 3\].*rank 2/,
    ),
  ]),
  entry("reshape", reshapeSamples, LINEAR, [
    rejects(
      "a different number of elements",
      () => reshape(zerosOf(2, 3), [4, 2]),
      /reshape.*\[2, 3\] to \[4, 2\]/,
    ),
    rejects(
      "two inferred dims",
      () => reshape(zerosOf(2, 3), [-1, -1]),
      /reshape.*\[2, 3\].*one dim may be -1/,
    ),
  ]),
  entry("flatten", flattenSamples, LINEAR, [
    rejects("a scalar", () => flatten(zerosOf()), /flatten.*shape \[\]/),
  ]),
  entry("broadcastTo", broadcastToSamples, LINEAR, [
    rejects(
      "a dim that does not stretch",
      () => broadcastTo(zerosOf(2, 3), [4, 3]),
      /broadcastTo.*\[2, 3\].*\[4, 3\].*axis 0/,
    ),
  ]),
  entry("concat", concatSamples, LINEAR, [
    rejects(
      "other dims that differ",
      () => concat([zerosOf(2, 3), zerosOf(3, 2)], 0),
      /concat.*\[2, 3\] and \[3, 2\].*axis 1/,
    ),
    rejects(
      "ranks that differ",
      () => concat([zerosOf(2, 3), zerosOf(3)], 0),
      /concat.*\[2, 3\] and \[3\].*ranks 2 and 1/,
    ),
    rejects(
      "an axis out of range",
      () => concat([zerosOf(2, 3), zerosOf(2, 3)], 2),
      /concat.*\[2, 3\].*axis 2 is out of range/,
    ),
  ]),
  entry("slice", sliceSamples, LINEAR, [
    rejects(
      "a window past the end",
      () => slice(zerosOf(2, 3), [0, 0], [3, 1]),
      /slice.*\[2, 3\].*exceeds dim 2 at axis 0/,
    ),
    rejects(
      "too few begins",
      () => slice(zerosOf(2, 3), [0], [1]),
      /slice.*\[2, 3\].*one entry per axis/,
    ),
  ]),
  entry("pad", padSamples, LINEAR, [
    rejects(
      "too few pairs",
      () => pad(zerosOf(2, 3), [[1, 1]]),
      /pad.*\[2, 3\].*one \[before, after\] pair per axis/,
    ),
    rejects(
      "a negative padding",
      () => pad(zerosOf(2, 3), [[1, 1], [-1, 0]]),
      /pad.*\[2, 3\].*axis 1 is negative/,
    ),
  ], "all reals; the pad value is a constant"),
  entry("stack", stackSamples, LINEAR, [
    rejects(
      "shapes that differ",
      () => stack([zerosOf(2, 3), zerosOf(3, 2)]),
      /stack.*\[2, 3\] and \[3, 2\].*axis 0/,
    ),
    rejects(
      "an axis out of range",
      () => stack([zerosOf(2, 3), zerosOf(2, 3)], 3),
      /stack.*\[2, 3\].*axis 3 is out of range for rank 3/,
    ),
  ]),
];
