import assert from "node:assert/strict";
import { key } from "../../core/random.ts";
import { randomNormal } from "../../core/sample.ts";
import type { Tensor } from "../../core/tensor.ts";
import { countParams } from "../count_params.ts";
import { courseConvNet } from "./course_conv_net.ts";
import { stageShapes } from "./_stage_shapes.ts";

Deno.test("courseConvNet: 39×39×3 → 37×37×10 → 17×17×20 → 7×7×40 → 1960", () => {
  const net = courseConvNet();
  const shapes = stageShapes(net.layers, [39, 39, 3]);
  assert.deepEqual([shapes[1], shapes[3], shapes[5], shapes[7], shapes[8]], [
    [37, 37, 10],
    [17, 17, 20],
    [7, 7, 40],
    [1960],
    [1],
  ]);
  // (3·3·3 + 1)·10 + (5·5·10 + 1)·20 + (5·5·20 + 1)·40 + 1960 + 1.
  assert.equal(countParams(net), 27_301);
});

Deno.test("courseConvNet: a batch of images gives one logit each, or `classes` of them", () => {
  const net = courseConvNet();
  const x = randomNormal(key(1), [2, 39, 39, 3]);
  const logit: Tensor<[2, 1]> = net.apply(net.init(key(2)), x);
  assert.deepEqual(logit.shape, [2, 1]);
  assert(logit.data.every(Number.isFinite));
  const softmax = courseConvNet(4);
  const logits: Tensor<[2, 4]> = softmax.apply(softmax.init(key(2)), x);
  assert.deepEqual(logits.shape, [2, 4]);
});
