/**
 * `slidingWindows`: the course's convolutional implementation of sliding
 * windows — a 14×14×3 classifier and the same network with its dense
 * layers turned into convolutions, which classifies every 14×14 window of
 * a bigger image in one pass.
 *
 * @module
 */
import type { DType } from "../../core/tensor.ts";
import { reluLayer } from "../activation.ts";
import type { Conv2dLayer } from "../conv_layer.ts";
import { conv2dLayer } from "../conv_layer.ts";
import type { DenseLayer } from "../dense.ts";
import { dense } from "../dense.ts";
import type { FlattenLayer } from "../flatten_layer.ts";
import { flattenLayer } from "../flatten_layer.ts";
import type { InputLayer } from "../input_layer.ts";
import { inputLayer } from "../input_layer.ts";
import type { ParamsOf } from "../layer.ts";
import type { PoolLayer } from "../pool_layer.ts";
import { maxPool2dLayer } from "../pool_layer.ts";
import type { SequentialLayer, SequentialRuleLayer } from "../sequential.ts";
import { sequential } from "../sequential.ts";
import { denseToConv } from "./dense_to_conv.ts";

/** The classifier's layers: conv 5×5 to 16, max pool 2, flatten (400), dense 400, 400, 4. */
export type WindowClassifierLayers<D extends DType> = readonly [
  InputLayer<[14, 14, 3]>,
  Conv2dLayer<5, 3, 16, { readonly dtype: D }>,
  typeof reluLayer,
  PoolLayer<"maxPool2d", 2>,
  FlattenLayer,
  DenseLayer<400, 400, D>,
  typeof reluLayer,
  DenseLayer<400, 400, D>,
  typeof reluLayer,
  DenseLayer<400, 4, D>,
];

/** The convolutional form's layers: the dense layers as 5×5, 1×1 and 1×1 convolutions. */
export type ConvolutionalLayers<D extends DType> = readonly [
  Conv2dLayer<5, 3, 16, { readonly dtype: D }>,
  typeof reluLayer,
  PoolLayer<"maxPool2d", 2>,
  Conv2dLayer<5, 16, 400, { readonly dtype: D }>,
  typeof reluLayer,
  Conv2dLayer<1, 400, 400, { readonly dtype: D }>,
  typeof reluLayer,
  Conv2dLayer<1, 400, 4, { readonly dtype: D }>,
];

/** The two networks of {@link slidingWindows} and the params' conversion. */
export interface SlidingWindows<D extends DType> {
  /** The classifier of 14×14×3 windows into 4 classes (logits). */
  readonly classifier: SequentialLayer<WindowClassifierLayers<D>>;
  /** The same map, convolutional: an `[H, W, 3]` image gives a map of logits. */
  readonly convolutional: SequentialRuleLayer<ConvolutionalLayers<D>, D>;
  /** The classifier's params as the convolutional network's (no copy of the conv's). */
  toConvolutional(
    params: ParamsOf<SequentialLayer<WindowClassifierLayers<D>>>,
  ): ParamsOf<SequentialRuleLayer<ConvolutionalLayers<D>, D>>;
}

/**
 * The course's example of sliding windows done convolutionally: a
 * classifier of 14×14×3 windows (conv 5×5 to 16 → 10×10×16, max pool 2 →
 * 5×5×16, flatten → 400, dense 400, dense 400, 4 logits: pedestrian, car,
 * motorcycle, background), and the same network with the dense layers
 * turned into convolutions by {@link denseToConv} — 5×5×16 with 400
 * filters, then 1×1 with 400 and 1×1 with 4. On a 14×14×3 image the
 * convolutional form gives `[1, 1, 4]`, the classifier's logits; on a
 * 16×16×3 image it gives `[2, 2, 4]`: the logits of the four 14×14 crops
 * at offsets 0 and 2 (the stride is the max pool's 2), sharing the
 * computation of their overlap.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { slidingWindows } from "./sliding_windows.ts";
 * import { key } from "../../core/random.ts";
 * import { zeros } from "../../core/create.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * const { classifier, convolutional, toConvolutional } = slidingWindows();
 * const params = toConvolutional(classifier.init(key(0)));
 * const map: Tensor<[1, 2, 2, 4]> = convolutional.apply(params, zeros([1, 16, 16, 3]));
 * assert.deepEqual(map.shape, [1, 2, 2, 4]);
 * ```
 */
export function slidingWindows<D extends DType = "f32">(
  options?: { readonly dtype?: D },
): SlidingWindows<D> {
  // Typed as f32 inside, so the compositions are checked with literal
  // types; the shapes do not depend on the dtype.
  const o = { dtype: options?.dtype ?? "f32" } as { readonly dtype: "f32" };
  const classifier = sequential(
    inputLayer([14, 14, 3]),
    conv2dLayer(5, 3, 16, o),
    reluLayer,
    maxPool2dLayer(2),
    flattenLayer,
    dense(400, 400, o),
    reluLayer,
    dense(400, 400, o),
    reluLayer,
    dense(400, 4, o),
  );
  const convolutional = sequential(
    conv2dLayer(5, 3, 16, o),
    reluLayer,
    maxPool2dLayer(2),
    conv2dLayer(5, 16, 400, o),
    reluLayer,
    conv2dLayer(1, 400, 400, o),
    reluLayer,
    conv2dLayer(1, 400, 4, o),
  );
  type P = ParamsOf<typeof classifier>;
  const toConvolutional = (params: P): ParamsOf<typeof convolutional> => [
    params[1],
    {},
    {},
    denseToConv(params[5], [5, 5, 16]),
    {},
    denseToConv(params[7], [1, 1, 400]),
    {},
    denseToConv(params[9], [1, 1, 400]),
  ];
  return Object.freeze({ classifier, convolutional, toConvolutional }) as unknown as SlidingWindows<
    D
  >;
}
