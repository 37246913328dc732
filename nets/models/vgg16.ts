/**
 * `vgg16`: Simonyan and Zisserman's 16-layer network (configuration D).
 *
 * @module
 */
import { reluLayer } from "../activation.ts";
import type { Conv2dLayer } from "../conv_layer.ts";
import { conv2dLayer } from "../conv_layer.ts";
import type { DenseLayer } from "../dense.ts";
import { dense } from "../dense.ts";
import type { FlattenLayer } from "../flatten_layer.ts";
import { flattenLayer } from "../flatten_layer.ts";
import type { InputLayer } from "../input_layer.ts";
import { inputLayer } from "../input_layer.ts";
import type { PoolLayer } from "../pool_layer.ts";
import { maxPool2dLayer } from "../pool_layer.ts";
import type { SequentialLayer } from "../sequential.ts";
import { sequential } from "../sequential.ts";

/**
 * The layers of {@link vgg16}, in order.
 *
 * @example
 * ```ts
 * import type { Vgg16Layers } from "./vgg16.ts";
 * import type { SequentialLayer } from "../sequential.ts";
 * import type { OutputOf } from "../layer.ts";
 * const logits: OutputOf<SequentialLayer<Vgg16Layers>> = [1000];
 * ```
 */
export type Vgg16Layers = readonly [
  InputLayer<[224, 224, 3]>,
  Conv2dLayer<3, 3, 64, { readonly padding: "same" }>,
  typeof reluLayer,
  Conv2dLayer<3, 64, 64, { readonly padding: "same" }>,
  typeof reluLayer,
  PoolLayer<"maxPool2d", 2>,
  Conv2dLayer<3, 64, 128, { readonly padding: "same" }>,
  typeof reluLayer,
  Conv2dLayer<3, 128, 128, { readonly padding: "same" }>,
  typeof reluLayer,
  PoolLayer<"maxPool2d", 2>,
  Conv2dLayer<3, 128, 256, { readonly padding: "same" }>,
  typeof reluLayer,
  Conv2dLayer<3, 256, 256, { readonly padding: "same" }>,
  typeof reluLayer,
  Conv2dLayer<3, 256, 256, { readonly padding: "same" }>,
  typeof reluLayer,
  PoolLayer<"maxPool2d", 2>,
  Conv2dLayer<3, 256, 512, { readonly padding: "same" }>,
  typeof reluLayer,
  Conv2dLayer<3, 512, 512, { readonly padding: "same" }>,
  typeof reluLayer,
  Conv2dLayer<3, 512, 512, { readonly padding: "same" }>,
  typeof reluLayer,
  PoolLayer<"maxPool2d", 2>,
  Conv2dLayer<3, 512, 512, { readonly padding: "same" }>,
  typeof reluLayer,
  Conv2dLayer<3, 512, 512, { readonly padding: "same" }>,
  typeof reluLayer,
  Conv2dLayer<3, 512, 512, { readonly padding: "same" }>,
  typeof reluLayer,
  PoolLayer<"maxPool2d", 2>,
  FlattenLayer,
  DenseLayer<25088, 4096>,
  typeof reluLayer,
  DenseLayer<4096, 4096>,
  typeof reluLayer,
  DenseLayer<4096, 1000>,
];

function build(): SequentialLayer<Vgg16Layers> {
  const same = { padding: "same" } as const;
  return sequential(
    inputLayer([224, 224, 3]),
    conv2dLayer(3, 3, 64, same),
    reluLayer,
    conv2dLayer(3, 64, 64, same),
    reluLayer,
    maxPool2dLayer(2),
    conv2dLayer(3, 64, 128, same),
    reluLayer,
    conv2dLayer(3, 128, 128, same),
    reluLayer,
    maxPool2dLayer(2),
    conv2dLayer(3, 128, 256, same),
    reluLayer,
    conv2dLayer(3, 256, 256, same),
    reluLayer,
    conv2dLayer(3, 256, 256, same),
    reluLayer,
    maxPool2dLayer(2),
    conv2dLayer(3, 256, 512, same),
    reluLayer,
    conv2dLayer(3, 512, 512, same),
    reluLayer,
    conv2dLayer(3, 512, 512, same),
    reluLayer,
    maxPool2dLayer(2),
    conv2dLayer(3, 512, 512, same),
    reluLayer,
    conv2dLayer(3, 512, 512, same),
    reluLayer,
    conv2dLayer(3, 512, 512, same),
    reluLayer,
    maxPool2dLayer(2),
    flattenLayer,
    dense(25088, 4096),
    reluLayer,
    dense(4096, 4096),
    reluLayer,
    dense(4096, 1000),
  );
}

/**
 * VGG-16 on 224×224×3 images: 13 3×3 same convs in five stages (64, 128,
 * 256, 512, 512 channels; two, two, three, three, three convs), each stage
 * closed by a 2×2 max pool that halves the size (224 → 7), flatten (25,088),
 * dense 4096, 4096 and 1000 logits; relu throughout. 138,357,544 params
 * ("about 138 million"), 15.5 billion multiplies per image. Meant to be
 * counted and type-checked, not trained here.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { vgg16 } from "./vgg16.ts";
 * import { countParams } from "../count_params.ts";
 * assert.equal(countParams(vgg16()), 138_357_544);
 * ```
 */
export function vgg16(): SequentialLayer<Vgg16Layers> {
  return build();
}
