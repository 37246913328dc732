import assert from "node:assert/strict";
import { ShapeError } from "../../core/errors.ts";
import { countParams } from "../count_params.ts";
import { countMultiplies } from "../count_multiplies.ts";
import { vgg16 } from "./vgg16.ts";
import { stageShapes } from "./_stage_shapes.ts";

// VGG-16 is built and counted, never initialised here: 138M params.

Deno.test("vgg16: 138,357,544 params, 15,470,264,320 multiplies per 224×224×3 image", () => {
  const net = vgg16();
  assert.equal(countParams(net), 138_357_544);
  // The dense layers hold most of it: 25088·4096 + 4096 + 4096·4096 + 4096 + 4096·1000 + 1000.
  const dense = net.layers.slice(-5).reduce((total, layer) => total + countParams(layer), 0);
  assert.equal(dense, 123_642_856);
  assert.equal(countMultiplies(net), 15_470_264_320);
});

Deno.test("vgg16: each pool halves the size, 224 → 7, and the channels double to 512", () => {
  const net = vgg16();
  const shapes = stageShapes(net.layers, [224, 224, 3]);
  const pooled = net.layers.flatMap((layer, index) =>
    layer.name === "maxPool2d" ? [shapes[index]] : []
  );
  assert.deepEqual(pooled, [
    [112, 112, 64],
    [56, 56, 128],
    [28, 28, 256],
    [14, 14, 512],
    [7, 7, 512],
  ]);
  assert.equal(net.layers.filter((layer) => layer.name === "conv2d").length, 13);
  assert.throws(
    () => net.outputShape([227, 227, 3]),
    new ShapeError("sequential: layer #0 (input): expects [224, 224, 3], got [227, 227, 3]"),
  );
});
