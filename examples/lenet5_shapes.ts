/**
 * A LeNet-5 and a ResNet stem written against shapeflow's typed ops: every
 * intermediate shape, and the output `[B, 10]`, is inferred by the type
 * checker from the input shape and the filter shapes. The batch dim `B` is a
 * type parameter, so the same code serves any batch size.
 *
 * Activations come with the autodiff issue; this file is about shapes (it is
 * also the file whose `deno check` time `bench/check_time.ts` measures).
 *
 * @module
 */
import type { Tensor } from "../core/tensor.ts";
import { conv2d } from "../ops/conv2d.ts";
import { maxPool2d } from "../ops/max_pool2d.ts";
import { avgPool2d } from "../ops/avg_pool2d.ts";
import { flatten } from "../ops/flatten.ts";
import { matmul } from "../ops/matmul.ts";
import { transpose } from "../ops/transpose.ts";

/** LeNet-5's weights: HWIO filters and `[nOut, nIn]` dense weights. */
export interface LeNet5Params {
  readonly c1: Tensor<[5, 5, 1, 6]>;
  readonly c3: Tensor<[5, 5, 6, 16]>;
  readonly f5: Tensor<[120, 400]>;
  readonly f6: Tensor<[84, 120]>;
  readonly out: Tensor<[10, 84]>;
}

/**
 * LeNet-5 on 32×32×1 digits, every layer's output: conv 5×5 → 28×28×6, pool →
 * 14×14×6, conv 5×5 → 10×10×16, pool → 5×5×16, flatten → 400, dense 120, 84,
 * 10.
 */
export function lenet5Layers<B extends number>(p: LeNet5Params, x: Tensor<[B, 32, 32, 1]>): {
  c1: Tensor<[B, 28, 28, 6]>;
  s2: Tensor<[B, 14, 14, 6]>;
  c3: Tensor<[B, 10, 10, 16]>;
  s4: Tensor<[B, 5, 5, 16]>;
  flat: Tensor<[B, 400]>;
  f5: Tensor<[B, 120]>;
  f6: Tensor<[B, 84]>;
  logits: Tensor<[B, 10]>;
} {
  const c1 = conv2d(x, p.c1);
  const s2 = maxPool2d(c1, { size: 2 });
  const c3 = conv2d(s2, p.c3, { stride: 1, padding: "valid" });
  const s4 = maxPool2d(c3, { size: 2 });
  const flat = flatten(s4);
  const f5 = matmul(flat, transpose(p.f5));
  const f6 = matmul(f5, transpose(p.f6));
  const logits = matmul(f6, transpose(p.out));
  return { c1, s2, c3, s4, flat, f5, f6, logits };
}

/** LeNet-5's logits; the output type `[B, 10]` is inferred through every layer. */
export function lenet5<B extends number>(
  p: LeNet5Params,
  x: Tensor<[B, 32, 32, 1]>,
): Tensor<[B, 10]> {
  return lenet5Layers(p, x).logits;
}

/** The weights of a ResNet-50 stem and its first bottleneck branch. */
export interface ResNetStemParams {
  readonly stem: Tensor<[7, 7, 3, 64]>;
  readonly reduce: Tensor<[1, 1, 64, 64]>;
  readonly spatial: Tensor<[3, 3, 64, 64]>;
  readonly expand: Tensor<[1, 1, 64, 256]>;
  readonly shortcut: Tensor<[1, 1, 64, 256]>;
}

/**
 * A ResNet-50 stem on 224×224×3 images: conv 7×7 stride 2 → 112×112×64, max
 * pool 3×3 stride 2 → 56×56×64, then a bottleneck branch (1×1 → 3×3 → 1×1 to
 * 256 channels) and its projection shortcut, which must agree in shape.
 */
export function resnetStem<B extends number>(
  p: ResNetStemParams,
  x: Tensor<[B, 224, 224, 3]>,
): [Tensor<[B, 56, 56, 256]>, Tensor<[B, 56, 56, 256]>] {
  const stem = conv2d(x, p.stem, { stride: 2, padding: 3 });
  const pooled = maxPool2d(stem, { size: 3, stride: 2, padding: "same" });
  const reduced = conv2d(pooled, p.reduce);
  const spatial = conv2d(reduced, p.spatial, { padding: "same" });
  const branch = conv2d(spatial, p.expand);
  const shortcut = conv2d(pooled, p.shortcut);
  return [branch, shortcut];
}

/** A global average pool closes the stem into features. */
export function features<B extends number>(x: Tensor<[B, 56, 56, 256]>): Tensor<[B, 256]> {
  return flatten(avgPool2d(x, { size: 56 }));
}
