/**
 * Type-level helpers for blocks built from any layers (residual, inception):
 * a layer's output on a given per-example shape, its widest input, and run
 * calls that thread state.
 *
 * @module
 */
import type { Dim, Shape } from "../../core/shape.ts";
import { DTypeError, ShapeError } from "../../core/errors.ts";
import type { DType, Tensor } from "../../core/tensor.ts";
import type { ApplyContext, ApplyRule, ShapeRule, WithState } from "../layer.ts";
import type { LayerName, LayerShapes, ShapesFit, ShapeText } from "../sequential.ts";

/**
 * The per-example output of layer `L` on `In`: a shape-rule layer's rule, a
 * fixed layer's output when `In` fits its input, `In` for a same-shape
 * layer; else a `ShapeError`.
 */
export type LayerOutput<L, In> = L extends { readonly shapeRule: infer R extends ShapeRule }
  ? ApplyRule<R, In>
  : L extends { readonly sameShape: true } ? In
  : LayerShapes<L> extends { in: infer Want extends readonly unknown[]; out: infer Out }
    ? In extends readonly unknown[] ? ShapesFit<In, Want> extends true ? Out
      : ShapeError<`${LayerName<L>}: expects ${ShapeText<Want>}, got ${ShapeText<In>}`>
    : never
  : ShapeError<`${LayerName<L>}: not a layer`>;

/** The widest per-example input of a layer: a rule's `anyInput`, a fixed layer's input. */
export type LayerAnyInput<L> = L extends { readonly shapeRule: infer R extends ShapeRule }
  ? R["anyInput"]
  : LayerShapes<L> extends { in: infer In extends Shape } ? In
  : Shape;

type AnyTensor = Tensor<Shape, DType>;

/** A layer as the blocks call it at run time. */
export interface RunnableLayer {
  readonly name: string;
  readonly dtype?: DType;
  init(key: unknown): unknown;
  apply(params: unknown, x: AnyTensor, context?: ApplyContext): AnyTensor;
  applyWithState?(
    params: unknown,
    state: unknown,
    x: AnyTensor,
    context?: ApplyContext,
  ): WithState<AnyTensor, unknown>;
  initState?(): unknown;
  outputShape(shape: readonly number[]): number[];
}

/** Runs `layer` with its state when it has one and `state` is given; else `apply`. */
export function runLayer(
  layer: RunnableLayer,
  params: unknown,
  state: unknown,
  x: AnyTensor,
  context: ApplyContext | undefined,
): WithState<AnyTensor, unknown> {
  if (state !== undefined && typeof layer.applyWithState === "function") {
    return layer.applyWithState(params, state, x, context);
  }
  return { output: layer.apply(params, x as Tensor<[Dim, ...Dim[]]>, context), state: state ?? {} };
}

/** The params' dtype the layers agree on (`undefined` when none has params). */
export function commonDType(
  op: string,
  layers: readonly (RunnableLayer | undefined)[],
): DType | undefined {
  let dtype: DType | undefined;
  for (const layer of layers) {
    const own = layer?.dtype;
    if (own === undefined) continue;
    if (dtype !== undefined && own !== dtype) {
      throw new DTypeError(`${op}: its paths' params are ${dtype} and ${own}; use one dtype`);
    }
    dtype = own;
  }
  return dtype;
}

/** Throws a `ShapeError` unless `x` has a batch axis. */
export function checkBatch(op: string, x: AnyTensor): void {
  if (x.shape.length === 0) {
    throw new ShapeError(`${op}: expected a batch-first input, got a scalar`);
  }
}
