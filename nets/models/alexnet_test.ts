import assert from "node:assert/strict";
import { countParams } from "../count_params.ts";
import { countMultiplies } from "../count_multiplies.ts";
import { alexnet } from "./alexnet.ts";
import { stageShapes } from "./_stage_shapes.ts";

// AlexNet is built and counted, never initialised here: 62M params.

Deno.test("alexnet: 62,378,344 params (about 60M), the layers' counts as in the paper", () => {
  const net = alexnet();
  assert.equal(countParams(net), 62_378_344);
  const counts = net.layers.map((layer) => countParams(layer)).filter((count) => count > 0);
  assert.deepEqual(counts, [
    34_944, // 11·11·3·96 + 96
    614_656, // 5·5·96·256 + 256
    885_120, // 3·3·256·384 + 384
    1_327_488, // 3·3·384·384 + 384
    884_992, // 3·3·384·256 + 256
    37_752_832, // 9216·4096 + 4096
    16_781_312, // 4096·4096 + 4096
    4_097_000, // 4096·1000 + 1000
  ]);
  // conv1 alone: 55·55·96 outputs × 11·11·3.
  assert.equal(countMultiplies(net.layers[1], [227, 227, 3]), 105_415_200);
  assert.equal(countMultiplies(net), 1_135_256_096);
});

Deno.test("alexnet: 227×227×3 → 55×55×96 → 27×27×96 → 27×27×256 → 13×13×256 → 6×6×256", () => {
  const net = alexnet();
  const shapes = stageShapes(net.layers, [227, 227, 3]);
  assert.deepEqual(shapes[1], [55, 55, 96]);
  assert.deepEqual(shapes[3], [27, 27, 96]);
  assert.deepEqual(shapes[4], [27, 27, 256]);
  assert.deepEqual(shapes[6], [13, 13, 256]);
  assert.deepEqual(shapes[12], [13, 13, 256]);
  assert.deepEqual(shapes[13], [6, 6, 256]);
  assert.deepEqual(shapes[14], [9216]);
  assert.deepEqual(net.outputShape([227, 227, 3]), [1000]);
});
