/**
 * Compile-time tests of the shape-rule layers (conv, pool, flatten, global
 * average pool) alone and composed in `sequential`: inferred shapes with a
 * generic batch, and the compositions that must not compile, with the
 * message the run time throws too. `deno check` runs the type tests; the
 * `Deno.test` at the end runs the same calls.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Equal } from "../core/_type_assert.ts";
import { expectType } from "../core/_type_assert.ts";
import { zeros } from "../core/create.ts";
import { ShapeError } from "../core/errors.ts";
import { key } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import type { ApplyRule, InputOf, OutputOf, ParamsOf, ShapeRule } from "./layer.ts";
import { reluLayer, tanhLayer } from "./activation.ts";
import { batchNorm } from "./batch_norm.ts";
import type { Conv2dLayer } from "./conv_layer.ts";
import { conv2dLayer } from "./conv_layer.ts";
import { conv1dLayer } from "./conv_layer_1d.ts";
import { conv3dLayer } from "./conv_layer_3d.ts";
import { dense } from "./dense.ts";
import type { DenseLayer } from "./dense.ts";
import type { FlattenLayer } from "./flatten_layer.ts";
import { flattenLayer } from "./flatten_layer.ts";
import type { globalAvgPool } from "./global_avg_pool.ts";
import type { InputLayer } from "./input_layer.ts";
import { inputLayer } from "./input_layer.ts";
import type { PoolLayer } from "./pool_layer.ts";
import { avgPool2dLayer, maxPool2dLayer } from "./pool_layer.ts";
import type { SequentialFold } from "./sequential.ts";
import { sequential } from "./sequential.ts";

type Rule<L> = L extends { readonly shapeRule: infer R extends ShapeRule } ? R
  : never;

/** LeNet-5 from layers, without a pinned input: it takes any input its layers fit. */
const lenetBody = sequential(
  conv2dLayer(5, 1, 6),
  tanhLayer,
  avgPool2dLayer(2),
  conv2dLayer(5, 6, 16),
  tanhLayer,
  avgPool2dLayer(2),
  flattenLayer,
  dense(400, 120),
  tanhLayer,
  dense(120, 84),
  tanhLayer,
  dense(84, 10),
);
const lenetParams = lenetBody.init(key(0));

/** The course's 39×39×3 example, pinned by its input. */
const courseNet = sequential(
  inputLayer([39, 39, 3]),
  conv2dLayer(3, 3, 10),
  reluLayer,
  conv2dLayer(5, 10, 20, { stride: 2 }),
  reluLayer,
  conv2dLayer(5, 20, 40, { stride: 2 }),
  reluLayer,
);

function typeTests(): void {
  // ---- single layers: the rule of each, on literal, named and generic dims ----
  expectType<Equal<ApplyRule<Rule<Conv2dLayer<5, 1, 6>>, [32, 32, 1]>, [28, 28, 6]>>();
  const same = conv2dLayer(3, 16, 32, { stride: 2, padding: "same" });
  expectType<Equal<ApplyRule<Rule<typeof same>, [57, 57, 16]>, [29, 29, 32]>>();
  expectType<Equal<ApplyRule<Rule<typeof same>, ["H", "W", 16]>, [number, number, 32]>>();
  const conv = conv2dLayer(5, 3, 8).apply(conv2dLayer(5, 3, 8).init(key(0)), zeros([4, 9, 9, 3]));
  expectType<Equal<typeof conv, Tensor<[4, 5, 5, 8]>>>();
  const ecg = conv1dLayer(7, 1, 16, { stride: 2 });
  expectType<Equal<ApplyRule<Rule<typeof ecg>, [100, 1]>, [47, 16]>>();
  const volume = conv3dLayer(3, 1, 4, { padding: 1 });
  expectType<Equal<ApplyRule<Rule<typeof volume>, [8, 16, 16, 1]>, [8, 16, 16, 4]>>();
  expectType<
    Equal<
      ApplyRule<Rule<typeof volume>, [16, 16, 1]>,
      ShapeError<"conv3d: expects [depth, height, width, 1], got [16, 16, 1]">
    >
  >();
  expectType<Equal<ApplyRule<Rule<PoolLayer<"maxPool2d", 2>>, [28, 28, 6]>, [14, 14, 6]>>();
  const overlap = maxPool2dLayer(3, { stride: 2 });
  expectType<Equal<ApplyRule<Rule<typeof overlap>, [55, 55, 96]>, [27, 27, 96]>>();
  expectType<Equal<ApplyRule<Rule<FlattenLayer>, [7, 7, 40]>, [1960]>>();
  expectType<Equal<ApplyRule<Rule<FlattenLayer>, ["H", 7, 40]>, ["280*H"]>>();
  expectType<Equal<ApplyRule<Rule<typeof globalAvgPool>, [7, 7, 2048]>, [2048]>>();
  expectType<Equal<ParamsOf<Conv2dLayer<5, 1, 6>>["w"], Tensor<[5, 5, 1, 6]>>>();
  expectType<Equal<ParamsOf<typeof ecg>["w"], Tensor<[7, 1, 16]>>>();
  const noBias = conv2dLayer(3, 2, 4, { bias: false, dtype: "f64" });
  expectType<Equal<ParamsOf<typeof noBias>, { w: Tensor<[3, 3, 2, 4], "f64"> }>>();

  // ---- LeNet-5 from layers: a generic batch, and the input checked at apply ----
  function classify<B extends number>(x: Tensor<[B, 32, 32, 1]>): Tensor<[B, 10]> {
    const logits = lenetBody.apply(lenetParams, x);
    expectType<Equal<typeof logits, Tensor<[B, 10]>>>();
    return logits;
  }
  classify(zeros([2, 32, 32, 1]));
  const named = lenetBody.apply(
    lenetParams,
    zeros([2, 32, 32, 1]) as unknown as Tensor<["batch", 32, 32, 1]>,
  );
  expectType<Equal<typeof named, Tensor<["batch", 10]>>>();
  expectType<
    Equal<
      ApplyRule<Rule<typeof lenetBody>, [28, 28, 1]>,
      ShapeError<"sequential: layer #7 (dense): expects [400], got [256]">
    >
  >();
  const pinned = sequential(inputLayer([32, 32, 1]), lenetBody);
  expectType<Equal<InputOf<typeof pinned>, [32, 32, 1]>>();
  expectType<Equal<OutputOf<typeof pinned>, [10]>>();

  // ---- the course's 39×39×3 example: 7×7×40, then 1960 ----
  expectType<Equal<OutputOf<typeof courseNet>, [7, 7, 40]>>();
  const head = sequential(courseNet, flattenLayer);
  expectType<Equal<OutputOf<typeof head>, [1960]>>();
  const logistic = sequential(courseNet, flattenLayer, dense(1960, 1));
  expectType<Equal<OutputOf<typeof logistic>, [1]>>();

  // ---- what must not compile ----
  expectType<
    Equal<
      SequentialFold<
        [
          InputLayer<[32, 32, 1]>,
          Conv2dLayer<5, 1, 6>,
          PoolLayer<"maxPool2d", 2>,
          FlattenLayer,
          DenseLayer<400, 10>,
        ]
      >,
      ShapeError<"sequential: layer #4 (dense): expects [400], got [1176]">
    >
  >();
  expectType<
    Equal<
      SequentialFold<[Conv2dLayer<5, 1, 6>, PoolLayer<"avgPool2d", 2>, Conv2dLayer<5, 16, 16>]>,
      ShapeError<
        "sequential: layer #2 (conv2d): conv2d: input has 6 channels but the layer expects 16"
      >
    >
  >();
  // Batch norm after a conv checks the channels like any layer after it.
  const normed = sequential(conv2dLayer(3, 1, 8, { bias: false }), batchNorm(8), reluLayer);
  expectType<Equal<ApplyRule<Rule<typeof normed>, [10, 10, 1]>, [8, 8, 8]>>();
}

Deno.test("the shape-rule layers behave at run time as their types say", () => {
  typeTests();
  assert.throws(
    () =>
      sequential(
        inputLayer([32, 32, 1]),
        conv2dLayer(5, 1, 6),
        maxPool2dLayer(2),
        flattenLayer,
        // @ts-expect-error sequential: layer #4 (dense): expects [400], got [1176]
        dense(400, 10),
      ),
    new ShapeError("sequential: layer #4 (dense): expects [400], got [1176]"),
  );
  assert.throws(
    // @ts-expect-error sequential: layer #7 (dense): expects [400], got [256]
    () => lenetBody.apply(lenetParams, zeros([2, 28, 28, 1])),
    new ShapeError("sequential: layer #7 (dense): expects [400], got [256]"),
  );
  // A channel mismatch fails when the network is built, input or not (the
  // run time checks it at the first input).
  const open = () =>
    sequential(
      conv2dLayer(5, 1, 6),
      avgPool2dLayer(2),
      // @ts-expect-error sequential: layer #2 (conv2d): conv2d: input has 6 channels but the layer expects 16
      conv2dLayer(5, 16, 16),
    );
  assert.throws(
    () => open().outputShape([32, 32, 1]),
    new ShapeError(
      "sequential: layer #2 (conv2d): conv2d: input has 6 channels but the layer expects 16",
    ),
  );
  assert.throws(
    () =>
      sequential(
        inputLayer([32, 32, 3]),
        // @ts-expect-error sequential: layer #1 (conv2d): conv2d: input has 3 channels but the layer expects 1
        conv2dLayer(5, 1, 6),
      ),
    new ShapeError(
      "sequential: layer #1 (conv2d): conv2d: input has 3 channels but the layer expects 1",
    ),
  );
  assert.throws(
    // @ts-expect-error sequential: layer #1 (maxPool2d): maxPool2d: expects [height, width, channels], got [10]
    () => sequential(dense(4, 10), maxPool2dLayer(2)),
    new ShapeError(
      "sequential: layer #1 (maxPool2d): maxPool2d: expects [height, width, channels], got [10]",
    ),
  );
  assert.deepEqual(courseNet.outputShape([39, 39, 3]), [7, 7, 40]);
  assert.deepEqual(lenetBody.outputShape([32, 32, 1]), [10]);
  assert.equal(lenetBody.inputShape, undefined);
});
