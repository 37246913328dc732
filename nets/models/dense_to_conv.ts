/**
 * `denseToConv`: a dense layer's params as the params of the convolution
 * that computes the same map on every window (the course's "turning FC
 * layers into convolutional layers").
 *
 * @module
 */
import type { Guard, Shape } from "../../core/shape.ts";
import { formatShape, sizeOf } from "../../core/shape.ts";
import { ShapeError } from "../../core/errors.ts";
import type { Product } from "../../core/shapes/product.ts";
import type { DType, Tensor } from "../../core/tensor.ts";
import { reshape } from "../../ops/reshape.ts";
import { transpose } from "../../ops/transpose.ts";
import type { ConvParams } from "../conv_layer.ts";
import type { ShapeText } from "../sequential.ts";

type AnyTensor = Tensor<Shape, DType>;

/** A `ShapeError` unless the window `S` holds `NIn` numbers. */
export type WindowFits<S extends readonly number[], NIn extends number> = [Product<S>] extends [NIn]
  ? unknown
  : [number] extends [Product<S> | NIn] ? unknown
  : ShapeError<
    `denseToConv: the dense layer takes ${NIn} features but a ${ShapeText<
      S
    >} window holds ${Product<
      S
    >}`
  >;

/**
 * The params of a dense layer `nIn → nOut` (`w` of `[nOut, nIn]`, `b` of
 * `[nOut]`) as those of a conv layer with `nOut` filters the size of the
 * dense layer's input window `[h, w, c]` (`h·w·c = nIn`): the filter is `w`
 * reshaped to `[nOut, h, w, c]` and moved to HWIO `[h, w, c, nOut]`; the
 * bias stays. On an `[h, w, c]` input the conv gives `[1, 1, nOut]`, the
 * dense layer's output on that input flattened (row-major, as
 * `flattenLayer` does); on a bigger input it gives the dense layer's output
 * at every window, in one pass. A dense layer after another one takes the
 * window `[1, 1, nIn]`: a 1×1 conv.
 *
 * @throws {ShapeError} when the window does not hold `nIn` numbers.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { denseToConv } from "./dense_to_conv.ts";
 * import { dense } from "../dense.ts";
 * import { conv2dLayer } from "../conv_layer.ts";
 * import { key } from "../../core/random.ts";
 * import { randomNormal } from "../../core/sample.ts";
 * import { reshape } from "../../ops/reshape.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * const fc = dense(12, 3, { dtype: "f64" });
 * const params = fc.init(key(0));
 * const filters = denseToConv(params, [2, 2, 3]);
 * const w: Tensor<[2, 2, 3, 3], "f64"> = filters.w;
 * const x = randomNormal(key(1), [1, 2, 2, 3], { dtype: "f64" });
 * const viaConv = conv2dLayer(2, 3, 3, { dtype: "f64" }).apply(filters, x);
 * const viaDense = fc.apply(params, reshape(x, [1, 12]));
 * viaConv.data.forEach((v, i) => assert(Math.abs(v - viaDense.data[i]) < 1e-12));
 * ```
 */
export function denseToConv<
  const S extends readonly [number, number, number],
  NIn extends number,
  NOut extends number,
  D extends DType,
  B extends Tensor<[NOut], D> | undefined = undefined,
>(
  params: { readonly w: Tensor<[NOut, NIn], D>; readonly b?: B },
  window: S & NoInfer<Guard<WindowFits<S, NIn>>>,
): ConvParams<[...S, NOut], NOut, D, [B] extends [undefined] ? false : true> {
  const p = params as { w: AnyTensor; b?: AnyTensor };
  const [nOut, nIn] = p.w.shape as readonly number[];
  const shape = [...window] as number[];
  if (shape.length !== 3 || sizeOf(shape) !== nIn) {
    throw new ShapeError(
      `denseToConv: the dense layer takes ${nIn} features but a ${
        formatShape(shape)
      } window holds ${sizeOf(shape)}`,
    );
  }
  const loose = reshape as unknown as (x: AnyTensor, to: readonly number[]) => AnyTensor;
  const move = transpose as unknown as (x: AnyTensor, perm: readonly number[]) => AnyTensor;
  const w = move(loose(p.w, [nOut, ...shape]), [1, 2, 3, 0]);
  return (p.b === undefined ? { w } : { w, b: p.b }) as ConvParams<
    [...S, NOut],
    NOut,
    D,
    [B] extends [undefined] ? false : true
  >;
}
