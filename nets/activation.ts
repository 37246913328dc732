/**
 * Activation layers: the activation ops as layers without params, for
 * `sequential`. Each keeps its input's shape and type.
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { relu } from "../ops/relu.ts";
import { sigmoid } from "../ops/sigmoid.ts";
import { tanh } from "../ops/tanh.ts";
import { leakyRelu } from "../ops/leaky_relu.ts";
import { softmax } from "../ops/softmax.ts";
import type { SameShapeLayer } from "./layer.ts";
import { sameShapeLayer } from "./_same_shape.ts";

type AnyTensor = Tensor<Shape, DType>;

/**
 * `relu` as a layer: `max(x, 0)`, elementwise (`relu′(0) = 0`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reluLayer } from "./activation.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(reluLayer.apply({}, tensor([[-1, 2]])).toArray(), [[0, 2]]);
 * ```
 */
export const reluLayer: SameShapeLayer & { readonly name: "relu" } = sameShapeLayer(
  "relu",
  (x) => relu(x),
);

/**
 * `sigmoid` as a layer: `1 / (1 + e^−x)`, elementwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sigmoidLayer } from "./activation.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(sigmoidLayer.apply({}, tensor([[0]])).toArray(), [[0.5]]);
 * ```
 */
export const sigmoidLayer: SameShapeLayer & { readonly name: "sigmoid" } = sameShapeLayer(
  "sigmoid",
  (x) => sigmoid(x),
);

/**
 * `tanh` as a layer, elementwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tanhLayer } from "./activation.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(tanhLayer.apply({}, tensor([[0]])).toArray(), [[0]]);
 * ```
 */
export const tanhLayer: SameShapeLayer & { readonly name: "tanh" } = sameShapeLayer(
  "tanh",
  (x) => tanh(x),
);

/**
 * `softmax` over the last axis as a layer: each example's last axis (its
 * classes) sums to 1, so an example needs rank ≥ 1 (a `ShapeError`
 * otherwise). For training, prefer logits and `softmaxCrossEntropy`, which is
 * stabler than `log` of this layer's output.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { softmaxLayer } from "./activation.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(softmaxLayer.apply({}, tensor([[0, 0]])).toArray(), [[0.5, 0.5]]);
 * ```
 */
export const softmaxLayer: SameShapeLayer & { readonly name: "softmax" } = sameShapeLayer(
  "softmax",
  (x) => softmax(x as AnyTensor, { axis: -1 }),
  1,
);

/**
 * `leakyRelu` as a layer: `x` where `x > 0`, `slope·x` elsewhere (`slope`
 * 0.01 when absent, as in PyTorch).
 *
 * @throws {RangeError} when `slope` is not a finite number.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { leakyReluLayer } from "./activation.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(leakyReluLayer(0.5).apply({}, tensor([[-2, 2]])).toArray(), [[-1, 2]]);
 * ```
 */
export function leakyReluLayer(slope = 0.01): SameShapeLayer & { readonly name: "leakyRelu" } {
  if (typeof slope !== "number" || !Number.isFinite(slope)) {
    throw new RangeError(`leakyReluLayer: the slope must be a finite number, got ${slope}`);
  }
  return sameShapeLayer("leakyRelu", (x) => leakyRelu(x, { slope }));
}
