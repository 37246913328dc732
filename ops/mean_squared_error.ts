/**
 * `meanSquaredError`: the average squared difference; also the shape rule
 * that the losses share (both operands of one shape).
 *
 * @module
 */
import { ShapeError } from "../core/errors.ts";
import type { Dim, DimText, Guard, SameDim, Shape, UnknownRank } from "../core/shape.ts";
import { formatShape, sameShape } from "../core/shape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { sameDType } from "../core/_same_dtype.ts";
import { mean } from "./mean.ts";
import { mul } from "./mul.ts";
import { sub } from "./sub.ts";

type AnyTensor = Tensor<Shape, DType>;

/**
 * The shape rule of a loss's two operands: the same rank and the same dims
 * (no broadcasting), giving `A`, or a {@link ShapeError} naming the op, the
 * axis and the dims. A shape whose rank only the run time knows passes.
 *
 * @example
 * ```ts
 * import type { LossShapes } from "./mean_squared_error.ts";
 * const ok: LossShapes<[8, 10], [8, 10], "loss"> = [8, 10];
 * ```
 */
export type LossShapes<A extends Shape, B extends Shape, Op extends string> =
  UnknownRank<A | B> extends true ? A
    : A["length"] extends B["length"] ? SameDims<A, B, Op, A>
    : ShapeError<`${Op}: ranks ${A["length"]} and ${B["length"]} differ; the shapes must be equal`>;

/**
 * Compares two shapes of one rank dim by dim: `Whole` when every pair agrees
 * (see `SameDim`), else the {@link ShapeError} of the first axis that differs.
 */
export type SameDims<
  A extends Shape,
  B extends Shape,
  Op extends string,
  Whole extends Shape,
  Index extends unknown[] = [],
> = A extends readonly [infer A0 extends Dim, ...infer ARest extends Dim[]]
  ? B extends readonly [infer B0 extends Dim, ...infer BRest extends Dim[]] ? SameDim<
      A0,
      B0,
      `${Op}: dims ${DimText<A0>} and ${DimText<B0>} differ at axis ${Index["length"]}`
    > extends infer R
      ? R extends ShapeError ? R : SameDims<ARest, BRest, Op, Whole, [...Index, unknown]>
    : never
  : Whole
  : Whole;

/** The run-time twin of {@link LossShapes}: throws unless `a` and `b` share shape and dtype. */
export function checkLossShapes(op: string, a: AnyTensor, b: AnyTensor): void {
  sameDType(op, a, b);
  const left = a.shape as readonly number[];
  const right = b.shape as readonly number[];
  if (!sameShape(left, right)) {
    throw new ShapeError(
      `Cannot ${op} tensors of shapes ${formatShape(left)} and ${formatShape(right)}: ` +
        `the shapes must be equal`,
    );
  }
}

/**
 * The mean over ALL elements of `(prediction − target)²`, as a scalar; the
 * two shapes must be equal (no broadcasting, so a `[B]` against `[B, 1]`
 * mistake does not compile). Like `torch.nn.MSELoss(reduction="mean")` and
 * `optax.squared_error(...).mean()`; note it divides by the element count,
 * not by the batch size, and has no ½ factor.
 *
 * Gradient: `2·(prediction − target)/n` for the prediction and its negative
 * for the target (both are just inputs; wrap the target in `stopGradient` to
 * hold it constant). Smooth, so grad of grad works.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { meanSquaredError } from "./mean_squared_error.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const loss: Tensor<[], "f64"> = meanSquaredError(
 *   tensor([[1, 2], [3, 4]], { dtype: "f64" }),
 *   tensor([[1, 0], [3, 0]], { dtype: "f64" }),
 * );
 * assert.equal(loss.data[0], (4 + 16) / 4);
 * ```
 */
export function meanSquaredError<A extends Shape, B extends Shape, D extends DType>(
  prediction: Tensor<A, D>,
  target: Tensor<B, NoInfer<D>> & NoInfer<Guard<LossShapes<A, B, "meanSquaredError">>>,
): Tensor<[], D> {
  checkLossShapes("meanSquaredError", prediction, target);
  const difference: AnyTensor = sub(prediction as AnyTensor, target as AnyTensor);
  return mean(mul(difference, difference)) as unknown as Tensor<[], D>;
}
