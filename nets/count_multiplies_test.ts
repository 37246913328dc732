import assert from "node:assert/strict";
import { ShapeError } from "../core/errors.ts";
import { countMultiplies } from "./count_multiplies.ts";
import { sequential } from "./sequential.ts";
import { conv2dLayer } from "./conv_layer.ts";
import { maxPool2dLayer } from "./pool_layer.ts";
import { flattenLayer } from "./flatten_layer.ts";
import { inputLayer } from "./input_layer.ts";
import { dense } from "./dense.ts";
import { reluLayer } from "./activation.ts";
import { dropout } from "./dropout.ts";

Deno.test("countMultiplies: the inception notes' 5×5 branch, without and with a bottleneck", () => {
  const direct = conv2dLayer(5, 192, 32, { padding: "same" });
  // 28·28·32 outputs × 5·5·192 multiplies each.
  assert.equal(countMultiplies(direct, [28, 28, 192]), 120_422_400);
  const bottleneck = sequential(
    conv2dLayer(1, 192, 16),
    reluLayer,
    conv2dLayer(5, 16, 32, { padding: "same" }),
  );
  // 28·28·16 × 192 = 2,408,448 for the 1×1, then 28·28·32 × 5·5·16 = 10,035,200.
  assert.equal(countMultiplies(bottleneck, [28, 28, 192]), 12_443_648);
});

Deno.test("countMultiplies: sums the layers, threading the shapes; pools and activations cost 0", () => {
  const net = sequential(
    inputLayer([12, 12, 3]),
    conv2dLayer(3, 3, 4),
    reluLayer,
    maxPool2dLayer(2),
    dropout(0.5),
    flattenLayer,
    dense(100, 10),
  );
  assert.equal(countMultiplies(net), 10 * 10 * 4 * 27 + 100 * 10);
  assert.equal(countMultiplies(net, [12, 12, 3]), countMultiplies(net));
});

Deno.test("countMultiplies: an input the model does not take, or none, is an error", () => {
  const open = sequential(conv2dLayer(3, 3, 4), reluLayer, flattenLayer, dense(400, 10));
  assert.equal(countMultiplies(open, [12, 12, 3]), 10 * 10 * 4 * 27 + 4000);
  assert.throws(
    () => countMultiplies(open, [14, 14, 3]),
    new ShapeError("sequential: layer #3 (dense): expects [400], got [576]"),
  );
  assert.throws(() => countMultiplies(open), TypeError);
});
