/**
 * The shared body of the layers without params whose output has the input's
 * shape (activations, dropout).
 *
 * @module
 */
import type { Dim, Shape } from "../core/shape.ts";
import { formatShape } from "../core/shape.ts";
import { ShapeError } from "../core/errors.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import type { ApplyContext, EmptyParams, SameShapeLayer } from "./layer.ts";

type AnyTensor = Tensor<Shape, DType>;

/**
 * A same-shape layer named `name` computing `fn` on the whole batch; inputs need
 * `minRank` per-example axes or more (the batch axis comes on top).
 */
export function sameShapeLayer<Name extends string>(
  name: Name,
  fn: (x: AnyTensor, context: ApplyContext) => AnyTensor,
  minRank = 0,
): SameShapeLayer & { readonly name: Name } {
  const checkBatch = (shape: readonly number[]): void => {
    if (shape.length < 1 + minRank) {
      throw new ShapeError(
        `${name}: expected a batch-first input with ${minRank} or more per-example axes, got ` +
          `shape ${formatShape(shape)}`,
      );
    }
  };
  return Object.freeze({
    name,
    sameShape: true as const,
    init(): EmptyParams {
      return {};
    },
    apply<S extends readonly [Dim, ...Dim[]], D extends DType>(
      _params: EmptyParams,
      x: Tensor<S, D>,
      context?: ApplyContext,
    ): Tensor<S, D> {
      checkBatch(x.shape as readonly number[]);
      return fn(x as AnyTensor, context ?? {}) as Tensor<S, D>;
    },
    outputShape(shape: readonly number[]): number[] {
      if (shape.length < minRank) {
        throw new ShapeError(
          `${name}: expected a per-example shape of rank >= ${minRank}, got ${formatShape(shape)}`,
        );
      }
      return [...shape];
    },
  });
}
