/**
 * How `maximum` and `minimum` share a cotangent: all to the winner, half to
 * each side on a tie.
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";

type AnyTensor = Tensor<Shape, DType>;

/**
 * Constant weights `[toLarger, toOther]` for two operands of one shape: 1 and
 * 0 where `larger > other`, ½ and ½ where they are equal, 0 and 1 where
 * `other` is larger (NaN gives 0 to both). Never recorded: the weights are
 * locally constant.
 */
export function tieWeights(larger: AnyTensor, other: AnyTensor): [AnyTensor, AnyTensor] {
  const toLarger = allocate(larger.dtype, larger.size);
  const toOther = allocate(larger.dtype, larger.size);
  for (let i = 0; i < larger.size; i++) {
    const a = larger.data[i];
    const b = other.data[i];
    toLarger[i] = a > b ? 1 : a === b ? 0.5 : 0;
    toOther[i] = b > a ? 1 : a === b ? 0.5 : 0;
  }
  const shape = larger.shape as readonly number[];
  return [new Tensor(shape, larger.dtype, toLarger), new Tensor(shape, larger.dtype, toOther)];
}
