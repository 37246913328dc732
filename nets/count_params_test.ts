import assert from "node:assert/strict";
import { zeros } from "../core/create.ts";
import { key } from "../core/random.ts";
import { countParams } from "./count_params.ts";
import { sequential } from "./sequential.ts";
import { dense } from "./dense.ts";
import { reluLayer, tanhLayer } from "./activation.ts";
import { conv2dLayer } from "./conv_layer.ts";
import { avgPool2dLayer } from "./pool_layer.ts";
import { flattenLayer } from "./flatten_layer.ts";
import { mlp } from "./mlp.ts";
import { batchNorm } from "./batch_norm.ts";
import { residualBlock } from "./models/residual_block.ts";

Deno.test("countParams sums leaf sizes; layers without params count 0", () => {
  const net = sequential(dense(784, 128), reluLayer, dense(128, 10, { bias: false }));
  assert.equal(countParams(net.init(key(0))), 784 * 128 + 128 + 128 * 10);
  assert.equal(countParams({}), 0);
  assert.equal(countParams({ a: [zeros([2, 3]), zeros([])] }), 7);
});

Deno.test("countParams(model): from the layers' shapes, equal to the count after init", () => {
  const net = sequential(
    conv2dLayer(5, 1, 6),
    tanhLayer,
    avgPool2dLayer(2),
    flattenLayer,
    dense(864, 10, { bias: false }),
  );
  assert.equal(countParams(net), 6 * 26 + 8640);
  assert.equal(countParams(net), countParams(net.init(key(1))));
  assert.equal(countParams(conv2dLayer(5, 1, 16)), 416); // 16 filters 5×5×1 + bias
  // The course's LeNet-5 table has 48,001 for this layer: its weights plus one
  // bias. A bias per unit, as every library has it, makes it 48,120.
  assert.equal(countParams(dense(400, 120, { bias: false })), 48_000);
  assert.equal(countParams(dense(400, 120)), 48_120);
  const block = residualBlock(8, 16, { stride: 2 });
  assert.equal(countParams(block), countParams(block.init(key(2))));
});

Deno.test("countParams(model): mlp and batchNorm count from their sizes", () => {
  const net = mlp([784, 128, 64, 10]);
  assert.equal(countParams(net), 109_386);
  assert.equal(countParams(net), countParams(net.init(key(3))));
  assert.equal(countParams(batchNorm(128)), 256); // γ and β; the running statistics are state
  const deep = sequential(
    dense(784, 100, { bias: false }),
    batchNorm(100),
    reluLayer,
    dense(100, 10),
  );
  assert.equal(countParams(deep), 78_400 + 200 + 1_010);
  assert.equal(countParams(deep), countParams(deep.init(key(4))));
});

Deno.test("countParams(model): a layer that cannot count is a TypeError naming it", () => {
  const custom = {
    name: "custom",
    init: () => ({ w: zeros([2]) }),
    outputShape: (shape: readonly number[]) => [...shape],
  };
  assert.throws(
    () => countParams(custom),
    new TypeError(
      'countParams: cannot count layer "custom" from shapes: it has no paramCount method ' +
        "(count the params after init: countParams(layer.init(key)))",
    ),
  );
});
