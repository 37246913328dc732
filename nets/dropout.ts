/**
 * `dropout`: inverted dropout as a layer, driven by an explicit key.
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import type { DType } from "../core/tensor.ts";
import { Tensor } from "../core/tensor.ts";
import { uniformArray } from "../core/random.ts";
import { mul } from "../ops/mul.ts";
import type { SameShapeLayer } from "./layer.ts";
import { sameShapeLayer } from "./_same_shape.ts";

type AnyTensor = Tensor<Shape, DType>;

/** A dropout layer, as {@link dropout} makes it. */
export interface DropoutLayer extends SameShapeLayer {
  /** Always `"dropout"`. */
  readonly name: "dropout";
  /** The probability of keeping a unit. */
  readonly keepProb: number;
}

/**
 * Inverted dropout: in training (`context.training`), each entry is kept with
 * probability `keepProb` and scaled by `1/keepProb`, or set to 0, so the
 * expected activation is unchanged and inference needs no rescaling. The
 * mask is drawn from `context.key` (uniform `u` per entry, kept when
 * `u < keepProb`; the same numbers as `randomUniform(key, x.shape)`), so the
 * same key drops the same units. At inference (`training` absent or `false`)
 * the layer is the identity and needs no key; with `keepProb = 1` it is the
 * identity always. Gradient: `g·mask/keepProb`, the mask held constant. Like
 * `torch.nn.Dropout(p = 1 − keepProb)` and `flax.linen.Dropout(rate = 1 − keepProb)`.
 *
 * Under `sequential`, layer `i` gets `foldIn(key, i)`; give each training
 * step its own key (`foldIn(key, step)`), or every step drops the same units.
 * `fit` does: its loss's fourth argument carries the step's key.
 *
 * @throws {RangeError} when `keepProb` is not in `(0, 1]`.
 * @throws {TypeError} from `apply` in training mode without `context.key`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dropout } from "./dropout.ts";
 * import { key } from "../core/random.ts";
 * import { ones } from "../core/create.ts";
 * const layer = dropout(0.8);
 * const x = ones([1000, 10]);
 * const y = layer.apply({}, x, { training: true, key: key(0) });
 * const kept = y.data.filter((v) => v !== 0);
 * assert(kept.every((v) => Math.abs(v - 1 / 0.8) < 1e-6));
 * assert(Math.abs(kept.length / x.size - 0.8) < 0.02);
 * assert.equal(layer.apply({}, x), x); // inference: the identity
 * assert.throws(() => layer.apply({}, x, { training: true }), /needs a PRNG key/);
 * ```
 */
export function dropout(keepProb: number): DropoutLayer {
  if (typeof keepProb !== "number" || !(keepProb > 0 && keepProb <= 1)) {
    throw new RangeError(`dropout: keepProb must be in (0, 1], got ${keepProb}`);
  }
  const scale = 1 / keepProb;
  const layer = sameShapeLayer("dropout", (x: AnyTensor, context): AnyTensor => {
    if (context.training !== true || keepProb === 1) return x;
    if (context.key === undefined) {
      throw new TypeError(
        "dropout: training mode needs a PRNG key in the apply context, " +
          "as in apply(params, x, { training: true, key })",
      );
    }
    const mask = uniformArray(context.key, x.size, { dtype: x.dtype });
    for (let i = 0; i < mask.length; i++) mask[i] = mask[i] < keepProb ? scale : 0;
    return mul(x, new Tensor(x.shape as readonly number[], x.dtype, mask));
  });
  return Object.freeze({ ...layer, name: "dropout" as const, keepProb });
}
