/**
 * `alexnet`: Krizhevsky et al.'s 2012 ImageNet network, as the course
 * draws it.
 *
 * @module
 */
import { reluLayer } from "../activation.ts";
import type { Conv2dLayer } from "../conv_layer.ts";
import { conv2dLayer } from "../conv_layer.ts";
import type { DenseLayer } from "../dense.ts";
import { dense } from "../dense.ts";
import type { DropoutLayer } from "../dropout.ts";
import { dropout } from "../dropout.ts";
import type { FlattenLayer } from "../flatten_layer.ts";
import { flattenLayer } from "../flatten_layer.ts";
import type { InputLayer } from "../input_layer.ts";
import { inputLayer } from "../input_layer.ts";
import type { PoolLayer } from "../pool_layer.ts";
import { maxPool2dLayer } from "../pool_layer.ts";
import type { SequentialLayer } from "../sequential.ts";
import { sequential } from "../sequential.ts";

/**
 * The layers of {@link alexnet}, in order.
 *
 * @example
 * ```ts
 * import type { AlexNetLayers } from "./alexnet.ts";
 * import type { SequentialLayer } from "../sequential.ts";
 * import type { OutputOf } from "../layer.ts";
 * const logits: OutputOf<SequentialLayer<AlexNetLayers>> = [1000];
 * ```
 */
export type AlexNetLayers = readonly [
  InputLayer<[227, 227, 3]>,
  Conv2dLayer<11, 3, 96, { readonly stride: 4 }>,
  typeof reluLayer,
  PoolLayer<"maxPool2d", 3, { readonly stride: 2 }>,
  Conv2dLayer<5, 96, 256, { readonly padding: "same" }>,
  typeof reluLayer,
  PoolLayer<"maxPool2d", 3, { readonly stride: 2 }>,
  Conv2dLayer<3, 256, 384, { readonly padding: "same" }>,
  typeof reluLayer,
  Conv2dLayer<3, 384, 384, { readonly padding: "same" }>,
  typeof reluLayer,
  Conv2dLayer<3, 384, 256, { readonly padding: "same" }>,
  typeof reluLayer,
  PoolLayer<"maxPool2d", 3, { readonly stride: 2 }>,
  FlattenLayer,
  DropoutLayer,
  DenseLayer<9216, 4096>,
  typeof reluLayer,
  DropoutLayer,
  DenseLayer<4096, 4096>,
  typeof reluLayer,
  DenseLayer<4096, 1000>,
];

function build(): SequentialLayer<AlexNetLayers> {
  const same = { padding: "same" } as const;
  const pool = { stride: 2 } as const;
  return sequential(
    inputLayer([227, 227, 3]),
    conv2dLayer(11, 3, 96, { stride: 4 }),
    reluLayer,
    maxPool2dLayer(3, pool),
    conv2dLayer(5, 96, 256, same),
    reluLayer,
    maxPool2dLayer(3, pool),
    conv2dLayer(3, 256, 384, same),
    reluLayer,
    conv2dLayer(3, 384, 384, same),
    reluLayer,
    conv2dLayer(3, 384, 256, same),
    reluLayer,
    maxPool2dLayer(3, pool),
    flattenLayer,
    dropout(0.5),
    dense(9216, 4096),
    reluLayer,
    dropout(0.5),
    dense(4096, 4096),
    reluLayer,
    dense(4096, 1000),
  );
}

/**
 * AlexNet on 227×227×3 images, one tower (the course's drawing, local
 * response normalisation left out): conv 11×11 stride 4 to 96 channels
 * (55×55×96), max pool 3 stride 2 (27×27×96), conv 5×5 same to 256, pool
 * (13×13×256), three 3×3 same convs (384, 384, 256), pool (6×6×256), flatten
 * (9216), dense 4096, 4096 with dropout 0.5 before each, and 1000 logits;
 * relu throughout. 62,378,344 params ("about 60 million"). Every shape is
 * checked when it is built; it is meant to be counted and type-checked,
 * not trained here (its params take 250 MB in f32).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { alexnet } from "./alexnet.ts";
 * import { countParams } from "../count_params.ts";
 * assert.equal(countParams(alexnet()), 62_378_344);
 * ```
 */
export function alexnet(): SequentialLayer<AlexNetLayers> {
  return build();
}
