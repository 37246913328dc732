/**
 * Builders shared by the registry's groups: samples that print their shapes,
 * unary and broadcasting binary entries, axis options, and the two kinds of
 * second order.
 *
 * @module
 */
import fc from "fast-check";
import { zeros } from "../core/create.ts";
import type { Shape } from "../core/shape.ts";
import type { Tensor } from "../core/tensor.ts";
import type { ShapeOptions, ValueOptions } from "./arbitraries.ts";
import { broadcastPairArbitrary, shapeArbitrary, tensorArbitrary } from "./arbitraries.ts";
import type { ErrorInput, Inputs, OpInfo, OpSample, SecondOrder } from "./registry.ts";

/** A float64 tensor whose shape only the run time knows (the ops' type guards step aside). */
export type Loose = Tensor<number[], "f64">;

/** An op's output: float64, of any shape. */
export type Output = Tensor<Shape, "f64">;

/** The second-order tolerance: differences of an analytic gradient keep ~9 digits in f64. */
export const SECOND_ORDER_TOLERANCE = 1e-6;

/** First-order tolerance of every entry. */
export const FIRST_ORDER_TOLERANCE = 1e-7;

/** The second derivative exists and is not identically zero: it is checked to 1e-6. */
export const smooth: SecondOrder = { applies: true, tolerance: SECOND_ORDER_TOLERANCE };

/** The second derivative is zero (linear op) or zero away from kinks and undefined at them. */
export function zeroSecondOrder(reason: string): SecondOrder {
  return { applies: false, reason };
}

/** A zero float64 tensor of `shape`, for error inputs. */
export function zerosOf(...shape: number[]): Loose {
  return zeros(shape as number[], { dtype: "f64" }) as Loose;
}

/** `[2, 3]`. */
export function shapeText(x: { readonly shape: readonly number[] }): string {
  return `[${x.shape.join(", ")}]`;
}

/** A sample that prints as `label` in counterexamples. */
export function sample(
  label: string,
  inputs: Inputs,
  apply: (inputs: Inputs) => Output,
): OpSample {
  return { label, inputs, apply, toString: () => label };
}

/** An error input: `call` must throw a `ShapeError` whose message matches `message`. */
export function rejects(description: string, call: () => unknown, message: RegExp): ErrorInput {
  return { description, call, message };
}

/** Small shapes for elementwise ops: rank 0–3, dims 0–4, at most 32 entries. */
export const SMALL: ShapeOptions = { maxRank: 3, maxDim: 4, maxSize: 32 };

/** Settings shared by {@link unaryEntry} and {@link binaryEntry}. */
export interface EntrySettings {
  /** Prose: the domain and the kinks kept away from. */
  readonly description: string;
  readonly secondOrder: SecondOrder;
  readonly errorInputs?: readonly ErrorInput[];
  readonly shapes?: ShapeOptions;
}

/** An entry for an elementwise op of one operand. */
export function unaryEntry(
  name: string,
  op: (x: Loose) => Output,
  domain: ValueOptions,
  settings: EntrySettings,
): OpInfo {
  const inputs = tensorArbitrary(shapeArbitrary(settings.shapes ?? SMALL), domain);
  return {
    name,
    sample: inputs.map((x) => sample(`${name}(${shapeText(x)})`, [x], ([v]) => op(v))),
    domain: { description: settings.description, inputs: [domain] },
    tolerance: FIRST_ORDER_TOLERANCE,
    secondOrder: settings.secondOrder,
    errorInputs: settings.errorInputs ?? [],
  };
}

/** An entry for a broadcasting elementwise op of two operands. */
export function binaryEntry(
  name: string,
  op: (a: Loose, b: Loose) => Output,
  domains: readonly [ValueOptions, ValueOptions],
  settings: EntrySettings,
): OpInfo {
  const pairs = broadcastPairArbitrary(settings.shapes ?? SMALL).chain(([aShape, bShape]) =>
    fc.tuple(tensorArbitrary(aShape, domains[0]), tensorArbitrary(bShape, domains[1]))
  );
  return {
    name,
    sample: pairs.map(([a, b]) =>
      sample(`${name}(${shapeText(a)}, ${shapeText(b)})`, [a, b], ([x, y]) => op(x, y))
    ),
    domain: { description: settings.description, inputs: domains },
    tolerance: FIRST_ORDER_TOLERANCE,
    secondOrder: settings.secondOrder,
    errorInputs: settings.errorInputs ?? [
      rejects(
        "shapes that do not broadcast",
        () => op(zerosOf(2, 3), zerosOf(4)),
        new RegExp(`${name}.*\\[2, 3\\] and \\[4\\].*axis 1`),
      ),
    ],
  };
}

/** Axis options of a reduction over a tensor of `rank`: all axes, one axis, or a subset. */
export function axisOptionArbitrary(
  rank: number,
  nonEmpty: boolean,
): fc.Arbitrary<{ axis?: number | number[]; keepdims: boolean }> {
  const axes = Array.from({ length: rank }, (_, axis) => axis);
  const oneAxis = rank === 0
    ? fc.constant(undefined)
    : fc.integer({ min: -rank, max: rank - 1 }) as fc.Arbitrary<number | undefined>;
  const subset = fc.subarray(axes, { minLength: nonEmpty ? Math.min(1, rank) : 0 }).map((
    chosen,
  ) => (nonEmpty && chosen.length === 0 ? undefined : chosen));
  return fc.record({
    axis: fc.oneof(fc.constant(undefined), oneAxis, subset),
    keepdims: fc.boolean(),
  }).map(({ axis, keepdims }) => (axis === undefined ? { keepdims } : { axis, keepdims }));
}

/** `{ axis: [0, 1], keepdims: true }` as text. */
export function optionsText(options: object): string {
  return JSON.stringify(options).replaceAll('"', "").replaceAll(",", ", ");
}
