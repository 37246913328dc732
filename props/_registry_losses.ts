/**
 * Registry entries of the losses. Gradients are checked with respect to both
 * operands: every loss here is differentiable in its labels or targets too.
 *
 * @module
 */
import fc from "fast-check";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import { meanSquaredError } from "../ops/mean_squared_error.ts";
import { sigmoidCrossEntropy } from "../ops/sigmoid_cross_entropy.ts";
import type { ShapeOptions, ValueOptions } from "./arbitraries.ts";
import { shapeArbitrary, tensorArbitrary } from "./arbitraries.ts";
import type { OpInfo } from "./registry.ts";
import type { Loose, Output } from "./_registry_common.ts";
import {
  FIRST_ORDER_TOLERANCE,
  rejects,
  sample,
  shapeText,
  smooth,
  zerosOf,
} from "./_registry_common.ts";

function lossEntry(
  name: string,
  op: (a: Loose, b: Loose) => Output,
  shapes: ShapeOptions,
  domains: readonly [ValueOptions, ValueOptions],
  description: string,
): OpInfo {
  const calls = shapeArbitrary(shapes).chain((shape) =>
    fc.tuple(tensorArbitrary(shape, domains[0]), tensorArbitrary(shape, domains[1]))
  );
  return {
    name,
    sample: calls.map(([a, b]) =>
      sample(`${name}(${shapeText(a)}, ${shapeText(b)})`, [a, b], ([x, y]) => op(x, y))
    ),
    domain: { description, inputs: domains },
    tolerance: FIRST_ORDER_TOLERANCE,
    secondOrder: smooth,
    errorInputs: [
      rejects(
        "shapes that differ",
        () => op(zerosOf(2, 3), zerosOf(3, 2)),
        new RegExp(`${name}.*\\[2, 3\\] and \\[3, 2\\].*must be equal`),
      ),
      rejects(
        "ranks that differ",
        () => op(zerosOf(2, 3), zerosOf(6)),
        new RegExp(`${name}.*\\[2, 3\\] and \\[6\\]`),
      ),
    ],
  };
}

const softmaxCrossEntropyEntry = lossEntry(
  "softmaxCrossEntropy",
  (logits, labels) => softmaxCrossEntropy(logits, labels),
  { minRank: 1, maxRank: 3, minDim: 1, maxDim: 3, maxSize: 18 },
  [{ min: -4, max: 4 }, { min: 0, max: 1 }],
  "logits in [-4, 4], labels in [0, 1] (soft labels); rank >= 1",
);

/** The losses. */
export const lossOps: readonly OpInfo[] = [
  {
    ...softmaxCrossEntropyEntry,
    errorInputs: [
      ...softmaxCrossEntropyEntry.errorInputs,
      rejects(
        "scalar logits (no class axis)",
        () => softmaxCrossEntropy(zerosOf(), zerosOf()),
        /softmaxCrossEntropy.*shape \[\].*class axis/,
      ),
    ],
  },
  lossEntry(
    "sigmoidCrossEntropy",
    (logits, labels) => sigmoidCrossEntropy(logits, labels),
    { maxRank: 3, minDim: 1, maxDim: 3, maxSize: 18 },
    [{ min: -6, max: 6, awayFrom: [0] }, { min: 0, max: 1 }],
    "logits in [-6, 6] away from 0, labels in [0, 1]: the stable form max(x, 0) − x·z + " +
      "log(1 + e^−|x|) is smooth, but its pieces' kinks at 0 cancel at first order only, " +
      "so grad of grad is exact only away from 0",
  ),
  lossEntry(
    "meanSquaredError",
    (prediction, target) => meanSquaredError(prediction, target),
    { maxRank: 3, minDim: 1, maxDim: 3, maxSize: 18 },
    [{}, {}],
    "all reals; dims >= 1 (the mean of nothing is NaN)",
  ),
];
