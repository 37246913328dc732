/**
 * `lenet5`: LeCun et al.'s 1998 digit classifier, as the course draws it.
 *
 * @module
 */
import type { DType } from "../../core/tensor.ts";
import { tanhLayer } from "../activation.ts";
import type { Conv2dLayer } from "../conv_layer.ts";
import { conv2dLayer } from "../conv_layer.ts";
import type { DenseLayer } from "../dense.ts";
import { dense } from "../dense.ts";
import type { FlattenLayer } from "../flatten_layer.ts";
import { flattenLayer } from "../flatten_layer.ts";
import type { InputLayer } from "../input_layer.ts";
import { inputLayer } from "../input_layer.ts";
import type { PoolLayer } from "../pool_layer.ts";
import { avgPool2dLayer } from "../pool_layer.ts";
import type { SequentialLayer } from "../sequential.ts";
import { sequential } from "../sequential.ts";

/** Options of {@link lenet5}. */
export interface LeNet5Options<D extends DType> {
  /** The params' dtype; `"f32"` when absent. */
  readonly dtype?: D;
}

/** The layers of {@link lenet5}, in order. */
export type LeNet5Layers<D extends DType> = [
  InputLayer<[32, 32, 1]>,
  Conv2dLayer<5, 1, 6, { readonly dtype: D }>,
  typeof tanhLayer,
  PoolLayer<"avgPool2d", 2>,
  Conv2dLayer<5, 6, 16, { readonly dtype: D }>,
  typeof tanhLayer,
  PoolLayer<"avgPool2d", 2>,
  FlattenLayer,
  DenseLayer<400, 120, D>,
  typeof tanhLayer,
  DenseLayer<120, 84, D>,
  typeof tanhLayer,
  DenseLayer<84, 10, D>,
];

/**
 * LeNet-5 on 32×32×1 images: conv 5×5 to 6 channels (28×28×6), average pool
 * 2 (14×14×6), conv 5×5 to 16 (10×10×16), average pool 2 (5×5×16), flatten
 * (400), dense 120, dense 84, and 10 logits; tanh after each conv and hidden
 * dense layer. 61,706 params, "about 60k" in the course (the 1998 net's
 * sparse C3 connections and RBF output are left out, as the course does).
 * Every shape, down to the `[B, 10]` logits, is inferred from the
 * `[32, 32, 1]` input.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lenet5 } from "./lenet5.ts";
 * import { countParams } from "../count_params.ts";
 * import { key } from "../../core/random.ts";
 * import { zeros } from "../../core/create.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * const net = lenet5();
 * assert.equal(countParams(net), 61_706);
 * const logits: Tensor<[2, 10]> = net.apply(net.init(key(0)), zeros([2, 32, 32, 1]));
 * ```
 */
export function lenet5<D extends DType = "f32">(
  options?: LeNet5Options<D>,
): SequentialLayer<LeNet5Layers<D>> {
  const dtype = options?.dtype ?? "f32" as D;
  // Typed as f32 inside, so the composition is checked with literal types
  // (a generic dtype would defer the check); the shapes do not depend on it.
  const withDType = { dtype } as unknown as { readonly dtype: "f32" };
  const net = sequential(
    inputLayer([32, 32, 1]),
    conv2dLayer(5, 1, 6, withDType),
    tanhLayer,
    avgPool2dLayer(2),
    conv2dLayer(5, 6, 16, withDType),
    tanhLayer,
    avgPool2dLayer(2),
    flattenLayer,
    dense(400, 120, withDType),
    tanhLayer,
    dense(120, 84, withDType),
    tanhLayer,
    dense(84, 10, withDType),
  );
  return net as unknown as SequentialLayer<LeNet5Layers<D>>;
}
