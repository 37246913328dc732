/**
 * Gradients through the conv layers, pooling, flatten and the blocks, in
 * float64, against central differences (props' `gradCheck` and
 * `checkGradients`).
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { tensor } from "../core/create.ts";
import { key, split } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";
import type { Tensor } from "../core/tensor.ts";
import { add } from "../ops/add.ts";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import { treeMap } from "../core/tree.ts";
import { gradCheck } from "../props/grad_check.ts";
import { checkGradients } from "../props/check_gradients.ts";
import { treeArbitrary } from "../props/tree_arbitraries.ts";
import { tanhLayer } from "./activation.ts";
import { conv2dLayer } from "./conv_layer.ts";
import { dense } from "./dense.ts";
import { flattenLayer } from "./flatten_layer.ts";
import { globalAvgPool } from "./global_avg_pool.ts";
import { maxPool2dLayer } from "./pool_layer.ts";
import { sequential } from "./sequential.ts";
import { inceptionModule } from "./models/inception_module.ts";
import { residualBlock } from "./models/residual_block.ts";

const f64 = { dtype: "f64" } as const;
const [kx, kp, kb] = split(key(11), 3);
const x = randomNormal(kx, [3, 6, 6, 2], f64);
const labels = tensor([[1, 0], [0, 1], [1, 0]], f64);

// 6×6×2 → conv 3×3 → 4×4×3 → max pool 2 → 2×2×3 → conv 1×1 → 2×2×2 → 8 → 2 logits.
const net = sequential(
  conv2dLayer(3, 2, 3, f64),
  tanhLayer,
  maxPool2dLayer(2),
  conv2dLayer(1, 3, 2, { padding: "same", dtype: "f64" }),
  tanhLayer,
  flattenLayer,
  dense(8, 2, f64),
);
type Params = ReturnType<typeof net.init>;
const loss = (params: Params): Tensor<[], "f64"> =>
  softmaxCrossEntropy(net.apply(params, x), labels);

Deno.test("a small conv net: grad agrees with central differences (the course's check)", () => {
  const result = gradCheck(loss, net.init(kp));
  assert.equal(result.entries, 54 + 3 + 6 + 2 + 16 + 2);
  // A correct gradient gives ≈1e-9 here; the course reads < 1e-7 as fine.
  assert(result.relativeError < 1e-7, `relative error ${result.relativeError}`);
});

Deno.test("a small conv net: the check holds for generated params (fast-check)", () => {
  const shapes = [
    { w: [3, 3, 2, 3], b: [3] },
    {},
    {},
    { w: [1, 1, 3, 2], b: [2] },
    {},
    {},
    { w: [2, 8], b: [2] },
  ] as const;
  const arbitrary = treeArbitrary(shapes) as unknown as fc.Arbitrary<Params>;
  fc.assert(checkGradients(loss, arbitrary), { seed: 20260511, numRuns: 3 });
});

Deno.test("a residual block and an inception module: grad agrees with differences", () => {
  const block = residualBlock(2, 3, { stride: 2, dtype: "f64" });
  const inception = inceptionModule(3, {
    conv1: 1,
    reduce3: 1,
    conv3: 2,
    reduce5: 1,
    conv5: 1,
    poolProj: 1,
    dtype: "f64",
  });
  const head = sequential(block, inception, globalAvgPool, dense(5, 2, f64));
  // Biases start at 0: a 1-channel bottleneck that relu zeroes would put the
  // next relu exactly at its kink, where differences and relu′(0) = 0 part.
  // Shifting every param by 0.1 keeps the check away from kinks.
  const params = treeMap(head.init(kb), (leaf) => add(leaf, 0.1));
  const result = gradCheck(
    (p: typeof params) => softmaxCrossEntropy(head.apply(p, x), labels),
    params,
  );
  assert(result.relativeError < 1e-7, `relative error ${result.relativeError}`);
});
