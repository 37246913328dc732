/**
 * `courseConvNet`: the course's first worked ConvNet, 39×39×3 → 7×7×40 →
 * 1960 features → a logistic or softmax unit.
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
import type { SequentialLayer } from "../sequential.ts";
import { sequential } from "../sequential.ts";

/**
 * The layers of {@link courseConvNet} with `N` outputs, in order.
 *
 * @example
 * ```ts
 * import type { CourseConvNetLayers } from "./course_conv_net.ts";
 * import type { SequentialLayer } from "../sequential.ts";
 * import type { OutputOf } from "../layer.ts";
 * const out: OutputOf<SequentialLayer<CourseConvNetLayers<1>>> = [1];
 * ```
 */
export type CourseConvNetLayers<N extends number> = readonly [
  InputLayer<[39, 39, 3]>,
  Conv2dLayer<3, 3, 10>,
  typeof reluLayer,
  Conv2dLayer<5, 10, 20, { readonly stride: 2 }>,
  typeof reluLayer,
  Conv2dLayer<5, 20, 40, { readonly stride: 2 }>,
  typeof reluLayer,
  FlattenLayer,
  DenseLayer<1960, N>,
];

/**
 * The course's example ConvNet: 39×39×3 → conv 3×3 (10 filters, stride 1,
 * no padding) → 37×37×10 → conv 5×5 (20, stride 2) → 17×17×20 → conv 5×5
 * (40, stride 2) → 7×7×40 → flatten → 1960 → dense to `classes` logits
 * (1 when absent: the logistic unit; more for softmax); relu after each
 * conv. Every size is inferred from the input: a 1960 that came out wrong
 * would not compile.
 *
 * @throws {RangeError} when `classes` is not a positive integer.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { courseConvNet } from "./course_conv_net.ts";
 * import { countParams } from "../count_params.ts";
 * const net = courseConvNet();
 * assert.deepEqual(net.layers[5].outputShape([17, 17, 20]), [7, 7, 40]);
 * assert.equal(countParams(net.layers[8]), 1960 + 1);
 * ```
 */
export function courseConvNet<const N extends number = 1>(
  classes?: N,
): SequentialLayer<CourseConvNetLayers<N>> {
  return sequential(
    inputLayer([39, 39, 3]),
    conv2dLayer(3, 3, 10),
    reluLayer,
    conv2dLayer(5, 10, 20, { stride: 2 }),
    reluLayer,
    conv2dLayer(5, 20, 40, { stride: 2 }),
    reluLayer,
    flattenLayer,
    dense(1960, classes ?? 1 as N),
  );
}
