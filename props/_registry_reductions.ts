/**
 * Registry entries of the reductions and the softmax family.
 *
 * @module
 */
import fc from "fast-check";
import { sum } from "../ops/sum.ts";
import { mean } from "../ops/mean.ts";
import { max } from "../ops/max.ts";
import { logsumexp } from "../ops/logsumexp.ts";
import { softmax } from "../ops/softmax.ts";
import { logSoftmax } from "../ops/log_softmax.ts";
import type { ShapeOptions, ValueOptions } from "./arbitraries.ts";
import { shapeArbitrary, tensorArbitrary } from "./arbitraries.ts";
import type { OpInfo, SecondOrder } from "./registry.ts";
import type { Loose, Output } from "./_registry_common.ts";
import {
  axisOptionArbitrary,
  FIRST_ORDER_TOLERANCE,
  optionsText,
  rejects,
  sample,
  shapeText,
  smooth,
  zeroSecondOrder,
  zerosOf,
} from "./_registry_common.ts";

type ReduceCall = (x: Loose, options: { axis?: number | number[]; keepdims: boolean }) => Output;
type SoftmaxCall = (x: Loose, options: { axis?: number | number[] }) => Output;

interface ReductionSettings {
  readonly description: string;
  readonly domain: ValueOptions;
  readonly shapes: ShapeOptions;
  readonly secondOrder: SecondOrder;
}

function reductionEntry(name: string, op: ReduceCall, settings: ReductionSettings): OpInfo {
  const calls = shapeArbitrary(settings.shapes).chain((shape) =>
    fc.tuple(tensorArbitrary(shape, settings.domain), axisOptionArbitrary(shape.length, false))
  );
  return {
    name,
    sample: calls.map(([x, options]) =>
      sample(`${name}(${shapeText(x)}, ${optionsText(options)})`, [x], ([v]) => op(v, options))
    ),
    domain: { description: settings.description, inputs: [settings.domain] },
    tolerance: FIRST_ORDER_TOLERANCE,
    secondOrder: settings.secondOrder,
    errorInputs: [
      rejects(
        "an axis out of range",
        () => op(zerosOf(2, 3), { axis: 2, keepdims: false }),
        new RegExp(`${name}.*\\[2, 3\\].*axis 2 is out of range for rank 2`),
      ),
      rejects(
        "an axis named twice",
        () => op(zerosOf(2, 3), { axis: [1, -1], keepdims: false }),
        new RegExp(`${name}.*\\[2, 3\\].*axis .* twice`),
      ),
    ],
  };
}

function softmaxEntry(name: string, op: SoftmaxCall): OpInfo {
  const calls = shapeArbitrary({ minRank: 1, maxRank: 3, minDim: 1, maxDim: 3, maxSize: 24 })
    .chain((shape) =>
      fc.tuple(
        tensorArbitrary(shape, {}),
        axisOptionArbitrary(shape.length, true).map(({ axis }) =>
          axis === undefined ? {} : { axis }
        ),
      )
    );
  return {
    name,
    sample: calls.map(([x, options]) =>
      sample(`${name}(${shapeText(x)}, ${optionsText(options)})`, [x], ([v]) => op(v, options))
    ),
    domain: { description: "all reals; rank >= 1, dims >= 1", inputs: [{}] },
    tolerance: FIRST_ORDER_TOLERANCE,
    secondOrder: smooth,
    errorInputs: [
      rejects(
        "an axis out of range",
        () => op(zerosOf(2, 3), { axis: 2 }),
        new RegExp(`${name}.*\\[2, 3\\].*axis 2 is out of range for rank 2`),
      ),
    ],
  };
}

const LINEAR = "linear: the Hessian is zero, and grad of grad must give exactly 0";
const SMALL_NONEMPTY: ShapeOptions = { maxRank: 3, minDim: 1, maxDim: 3, maxSize: 24 };

/** The reductions and the softmax family. */
export const reductionOps: readonly OpInfo[] = [
  reductionEntry("sum", (x, options) => sum(x, options), {
    description: "all reals; size-0 dims included",
    domain: {},
    shapes: { maxRank: 3, maxDim: 3, maxSize: 24 },
    secondOrder: zeroSecondOrder(LINEAR),
  }),
  reductionEntry("mean", (x, options) => mean(x, options), {
    description: "all reals; dims >= 1 (the mean of nothing is NaN)",
    domain: {},
    shapes: SMALL_NONEMPTY,
    secondOrder: zeroSecondOrder(LINEAR),
  }),
  reductionEntry("max", (x, options) => max(x, options), {
    description: "pairwise distinct values (ties are the kinks); dims >= 1",
    domain: { distinct: true },
    shapes: SMALL_NONEMPTY,
    secondOrder: zeroSecondOrder(
      "piecewise linear: the Hessian is zero away from ties and undefined at them",
    ),
  }),
  reductionEntry("logsumexp", (x, options) => logsumexp(x, options), {
    description: "all reals; dims >= 1",
    domain: {},
    shapes: SMALL_NONEMPTY,
    secondOrder: smooth,
  }),
  softmaxEntry("softmax", (x, options) => softmax(x, options)),
  softmaxEntry("logSoftmax", (x, options) => logSoftmax(x, options)),
];
