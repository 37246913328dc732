/**
 * Registry entries of the elementwise ops and activations.
 *
 * @module
 */
import fc from "fast-check";
import { fromArray } from "../core/create.ts";
import { add } from "../ops/add.ts";
import { sub } from "../ops/sub.ts";
import { mul } from "../ops/mul.ts";
import { div } from "../ops/div.ts";
import { neg } from "../ops/neg.ts";
import { exp } from "../ops/exp.ts";
import { log } from "../ops/log.ts";
import { sqrt } from "../ops/sqrt.ts";
import { square } from "../ops/square.ts";
import { pow } from "../ops/pow.ts";
import { abs } from "../ops/abs.ts";
import { maximum } from "../ops/maximum.ts";
import { minimum } from "../ops/minimum.ts";
import { where } from "../ops/where.ts";
import { sigmoid } from "../ops/sigmoid.ts";
import { tanh } from "../ops/tanh.ts";
import { relu } from "../ops/relu.ts";
import { leakyRelu } from "../ops/leaky_relu.ts";
import type { ValueOptions } from "./arbitraries.ts";
import { broadcastPairArbitrary, tensorArbitrary } from "./arbitraries.ts";
import type { OpInfo } from "./registry.ts";
import type { Loose } from "./_registry_common.ts";
import {
  binaryEntry,
  FIRST_ORDER_TOLERANCE,
  rejects,
  sample,
  shapeText,
  SMALL,
  smooth,
  unaryEntry,
  zeroSecondOrder,
  zerosOf,
} from "./_registry_common.ts";

const LINEAR = "linear: the Hessian is zero, and grad of grad must give exactly 0";
const PIECEWISE_LINEAR =
  "piecewise linear: the Hessian is zero away from the kink and undefined at it";
const AWAY_FROM_ZERO: ValueOptions = { awayFrom: [0] };

/**
 * Operands of maximum and minimum that never tie: `a` lies at least 0.07
 * from every even multiple of 0.1, `b` within 0.03 of one, so under any
 * broadcasting `|a − b| ≥ 0.04`.
 */
const lattice = (offset: number) =>
  Array.from({ length: 23 }, (_, k) => Math.round((k - 11) * 2 + offset) / 10);
const UNTIED: readonly [ValueOptions, ValueOptions] = [
  { awayFrom: lattice(0), margin: 0.07 },
  { awayFrom: lattice(1), margin: 0.07 },
];

/** where(condition, a, b): the 0/1 condition is closed over; a and b are differentiated. */
const whereEntry: OpInfo = {
  name: "where",
  sample: broadcastPairArbitrary(SMALL).chain(([aShape, bShape, outShape]) =>
    fc.tuple(
      tensorArbitrary(outShape, { min: 0, max: 1 }).map((c) =>
        fromArray(Float64Array.from(c.data, (v) => (v < 0.5 ? 0 : 1)), c.shape) as Loose
      ),
      tensorArbitrary(aShape),
      tensorArbitrary(bShape),
    )
  ).map(([condition, a, b]) =>
    sample(
      `where(${shapeText(condition)}, ${shapeText(a)}, ${shapeText(b)})`,
      [a, b],
      ([x, y]) => where(condition, x, y),
    )
  ),
  domain: { description: "all reals; the condition is a fixed 0/1 mask", inputs: [{}, {}] },
  tolerance: FIRST_ORDER_TOLERANCE,
  secondOrder: zeroSecondOrder("linear in a and b for a fixed condition: the Hessian is zero"),
  errorInputs: [
    rejects(
      "a branch that does not broadcast against the condition",
      () => where(zerosOf(2, 3), zerosOf(4), zerosOf(2, 3)),
      /where.*\[2, 3\] and \[4\].*axis 1/,
    ),
  ],
};

/** The elementwise ops and activations. */
export const elementwiseOps: readonly OpInfo[] = [
  binaryEntry("add", (a, b) => add(a, b), [{}, {}], {
    description: "all reals",
    secondOrder: zeroSecondOrder(LINEAR),
  }),
  binaryEntry("sub", (a, b) => sub(a, b), [{}, {}], {
    description: "all reals",
    secondOrder: zeroSecondOrder(LINEAR),
  }),
  binaryEntry("mul", (a, b) => mul(a, b), [{}, {}], {
    description: "all reals",
    secondOrder: smooth,
  }),
  binaryEntry("div", (a, b) => div(a, b), [{}, { awayFrom: [0], margin: 0.5 }], {
    description: "the divisor at least 0.5 away from 0 (the pole)",
    secondOrder: smooth,
  }),
  unaryEntry("neg", (x) => neg(x), {}, {
    description: "all reals",
    secondOrder: zeroSecondOrder(LINEAR),
  }),
  unaryEntry("exp", (x) => exp(x), {}, { description: "all reals", secondOrder: smooth }),
  unaryEntry("log", (x: Loose) => log(x), { positive: true }, {
    description: "positive reals (at least 0.1)",
    secondOrder: smooth,
  }),
  unaryEntry("sqrt", (x) => sqrt(x), { positive: true }, {
    description: "positive reals (at least 0.1); sqrt′ has a pole at 0",
    secondOrder: smooth,
  }),
  unaryEntry("square", (x) => square(x), {}, {
    description: "all reals",
    secondOrder: smooth,
  }),
  binaryEntry("pow", (a, b) => pow(a, b), [{ min: 0.5, max: 2 }, {}], {
    description: "base in [0.5, 2] (the exponent's gradient needs ln a), exponent in [-2, 2]",
    secondOrder: smooth,
  }),
  unaryEntry("abs", (x) => abs(x), AWAY_FROM_ZERO, {
    description: "away from the kink at 0 (abs′(0) = 0 is pinned by an exact test)",
    secondOrder: zeroSecondOrder(PIECEWISE_LINEAR),
  }),
  binaryEntry("maximum", (a, b) => maximum(a, b), UNTIED, {
    description: "a and b at least 0.04 apart (ties split ½/½, pinned by an exact test)",
    secondOrder: zeroSecondOrder(PIECEWISE_LINEAR),
  }),
  binaryEntry("minimum", (a, b) => minimum(a, b), UNTIED, {
    description: "a and b at least 0.04 apart (ties split ½/½, pinned by an exact test)",
    secondOrder: zeroSecondOrder(PIECEWISE_LINEAR),
  }),
  whereEntry,
  // Saturation is left out: there the derivatives σ(1 − σ) and 1 − tanh² are
  // differences of nearly equal numbers, and differences of those gradients
  // cannot resolve 1e-6 relative (tanh'' at x = 4 is 1e-8 against roundoff
  // of 1e-12).
  unaryEntry("sigmoid", (x) => sigmoid(x), { min: -4, max: 4 }, {
    description: "reals in [-4, 4] (short of saturation)",
    secondOrder: smooth,
  }),
  unaryEntry("tanh", (x) => tanh(x), { min: -2, max: 2 }, {
    description: "reals in [-2, 2] (short of saturation)",
    secondOrder: smooth,
  }),
  unaryEntry("relu", (x) => relu(x), AWAY_FROM_ZERO, {
    description: "away from the kink at 0 (relu′(0) = 0 is pinned by an exact test)",
    secondOrder: zeroSecondOrder(PIECEWISE_LINEAR),
  }),
  unaryEntry("leakyRelu", (x) => leakyRelu(x, { slope: 0.2 }), AWAY_FROM_ZERO, {
    description: "away from the kink at 0; slope 0.2",
    secondOrder: zeroSecondOrder(PIECEWISE_LINEAR),
  }),
];
