/**
 * Compile-time tests of the models and blocks: LeNet-5's `[B, 10]` with a
 * generic batch, the course's 39×39×3 net, AlexNet and VGG-16 (built and
 * checked, never initialised), residual blocks whose identity shortcut must
 * match, and the inception module's channel sum. `deno check` runs them; the
 * `Deno.test` at the end runs the same calls.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Equal } from "../../core/_type_assert.ts";
import { expectType } from "../../core/_type_assert.ts";
import { zeros } from "../../core/create.ts";
import { ShapeError } from "../../core/errors.ts";
import { key } from "../../core/random.ts";
import type { Tensor } from "../../core/tensor.ts";
import type { ApplyRule, InputOf, OutputOf, ParamsOf } from "../layer.ts";
import { reluLayer } from "../activation.ts";
import { conv2dLayer } from "../conv_layer.ts";
import { dense } from "../dense.ts";
import { globalAvgPool } from "../global_avg_pool.ts";
import { maxPool2dLayer } from "../pool_layer.ts";
import { sequential } from "../sequential.ts";
import type { alexnet } from "./alexnet.ts";
import { courseConvNet } from "./course_conv_net.ts";
import { denseToConv } from "./dense_to_conv.ts";
import type { InceptionChannels } from "./inception_module.ts";
import { inceptionModule } from "./inception_module.ts";
import { lenet5 } from "./lenet5.ts";
import { residual } from "./residual.ts";
import { residualBlock } from "./residual_block.ts";
import { slidingWindows } from "./sliding_windows.ts";
import type { vgg16 } from "./vgg16.ts";

const same = { padding: "same" } as const;
const googlenet3a = {
  conv1: 64,
  reduce3: 96,
  conv3: 128,
  reduce5: 16,
  conv5: 32,
  poolProj: 32,
} as const;

function typeTests(): void {
  // ---- LeNet-5: [B, 10] inferred, whatever B is ----
  const lenet = lenet5();
  const params = lenet.init(key(0));
  function classify<B extends number>(x: Tensor<[B, 32, 32, 1]>): Tensor<[B, 10]> {
    const logits = lenet.apply(params, x);
    expectType<Equal<typeof logits, Tensor<[B, 10]>>>();
    return logits;
  }
  classify(zeros([3, 32, 32, 1]));
  expectType<Equal<InputOf<typeof lenet>, [32, 32, 1]>>();
  expectType<Equal<ParamsOf<typeof lenet>[1]["w"], Tensor<[5, 5, 1, 6]>>>();
  expectType<Equal<ParamsOf<typeof lenet>[8]["w"], Tensor<[120, 400]>>>();
  const f64 = lenet5({ dtype: "f64" }).apply(
    lenet5({ dtype: "f64" }).init(key(0)),
    zeros([1, 32, 32, 1], { dtype: "f64" }),
  );
  expectType<Equal<typeof f64, Tensor<[1, 10], "f64">>>();

  // ---- the course's net, AlexNet, VGG-16: every size inferred from the input ----
  const course = courseConvNet();
  expectType<Equal<OutputOf<typeof course>, [1]>>();
  expectType<Equal<OutputOf<ReturnType<typeof courseConvNet<3>>>, [3]>>();
  expectType<Equal<OutputOf<ReturnType<typeof alexnet>>, [1000]>>();
  expectType<Equal<InputOf<ReturnType<typeof vgg16>>, [224, 224, 3]>>();
  expectType<Equal<OutputOf<ReturnType<typeof vgg16>>, [1000]>>();

  // ---- residual blocks ----
  const identity = residualBlock(64, 64);
  expectType<Equal<typeof identity.shortcut, undefined>>();
  expectType<Equal<ApplyRule<typeof identity.shapeRule, [56, 56, 64]>, [56, 56, 64]>>();
  const projection = residualBlock(64, 128, { stride: 2 });
  expectType<Equal<ApplyRule<typeof projection.shapeRule, [56, 56, 64]>, [28, 28, 128]>>();
  expectType<Equal<ParamsOf<typeof projection>["shortcut"]["w"], Tensor<[1, 1, 64, 128]>>>();
  function stage<B extends number>(x: Tensor<[B, 56, 56, 64]>): Tensor<[B, 28, 28, 128]> {
    return projection.apply(projection.init(key(0)), identity.apply(identity.init(key(1)), x));
  }
  assert.equal(typeof stage, "function"); // typed only: 56×56×64 convs are slow in plain TS
  const halving = residual(
    sequential(
      conv2dLayer(3, 8, 8, { stride: 2, padding: "same" }),
      reluLayer,
      conv2dLayer(3, 8, 8, same),
    ),
  );
  expectType<
    Equal<
      ApplyRule<typeof halving.shapeRule, [8, 8, 8]>,
      ShapeError<
        "residual: the main path maps [8, 8, 8] to [4, 4, 8]; an identity shortcut needs the same shape (give a projection shortcut)"
      >
    >
  >();

  // ---- inception: 64 + 128 + 32 + 32 = 256 channels, at compile time ----
  const inception = inceptionModule(192, googlenet3a);
  expectType<Equal<typeof inception.cOut, 256>>();
  expectType<Equal<InceptionChannels<typeof googlenet3a>, 256>>();
  // Channel counts known only at run time give a run-time channel count.
  const wide = { ...googlenet3a, conv1: 64 as number };
  expectType<Equal<InceptionChannels<typeof wide>, number>>();
  expectType<Equal<ApplyRule<typeof inception.shapeRule, [28, 28, 192]>, [28, 28, 256]>>();
  const googlenet = sequential(
    conv2dLayer(1, 3, 192, same),
    maxPool2dLayer(3, { stride: 2, padding: "same" }),
    inception,
    inceptionModule(256, {
      conv1: 128,
      reduce3: 128,
      conv3: 192,
      reduce5: 32,
      conv5: 96,
      poolProj: 64,
    }),
    globalAvgPool,
    dense(480, 1000),
  );
  const logits = googlenet.apply(googlenet.init(key(0)), zeros([1, 8, 8, 3]));
  expectType<Equal<typeof logits, Tensor<[1, 1000]>>>();

  // ---- sliding windows: a 16×16 image gives a 2×2 map of 4 logits ----
  const { classifier, convolutional, toConvolutional } = slidingWindows();
  function scan<B extends number>(images: Tensor<[B, 16, 16, 3]>): Tensor<[B, 2, 2, 4]> {
    return convolutional.apply(toConvolutional(classifier.init(key(0))), images);
  }
  scan(zeros([1, 16, 16, 3]));
  expectType<Equal<OutputOf<typeof classifier>, [4]>>();
  const filters = denseToConv(dense(400, 120).init(key(0)), [5, 5, 16]);
  expectType<Equal<typeof filters, { w: Tensor<[5, 5, 16, 120]>; b: Tensor<[120]> }>>();
}

Deno.test("the models behave at run time as their types say", () => {
  typeTests();
  // An identity shortcut around a path that changes the channels does not compile.
  const widening = () =>
    residual(
      // @ts-expect-error residual: the main path maps [number, number, 64] to [number, number, 128]; …
      sequential(conv2dLayer(3, 64, 128, same), reluLayer, conv2dLayer(3, 128, 128, same)),
    );
  assert.throws(
    () => widening().outputShape([56, 56, 64]),
    new ShapeError(
      "residual: the main path maps [56, 56, 64] to [56, 56, 128]; an identity shortcut needs " +
        "the same shape (give a projection shortcut)",
    ),
  );
  const inception = inceptionModule(192, googlenet3a);
  assert.throws(
    // @ts-expect-error inception: input has 256 channels but the module expects 192
    () => inception.apply(inception.init(key(0)), zeros([1, 4, 4, 256])),
    new ShapeError("inception: input has 256 channels but the module expects 192"),
  );
  const stacked = () =>
    // @ts-expect-error sequential: layer #2 (inception): inception: input has 256 channels …
    sequential(conv2dLayer(1, 3, 192), inception, inception);
  assert.throws(
    () => stacked().outputShape([8, 8, 3]),
    new ShapeError(
      "sequential: layer #2 (inception): inception: input has 256 channels but the module " +
        "expects 192",
    ),
  );
});
