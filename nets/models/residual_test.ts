import assert from "node:assert/strict";
import { zeros } from "../../core/create.ts";
import { ShapeError } from "../../core/errors.ts";
import { key, split } from "../../core/random.ts";
import { randomNormal } from "../../core/sample.ts";
import type { Tensor } from "../../core/tensor.ts";
import { add } from "../../ops/add.ts";
import { relu } from "../../ops/relu.ts";
import { tanh } from "../../ops/tanh.ts";
import { tanhLayer } from "../activation.ts";
import { reluLayer } from "../activation.ts";
import { batchNorm } from "../batch_norm.ts";
import { conv2dLayer } from "../conv_layer.ts";
import { sequential } from "../sequential.ts";
import { countMultiplies } from "../count_multiplies.ts";
import { residual } from "./residual.ts";

const f64 = { dtype: "f64" } as const;
const same = { padding: "same", dtype: "f64" } as const;

function close(a: Tensor<readonly number[], "f64">, b: Tensor<readonly number[], "f64">): void {
  assert.deepEqual(a.shape, b.shape);
  a.data.forEach((value, index) => assert(Math.abs(value - b.data[index]) < 1e-12));
}

Deno.test("residual: a[l+2] = relu(z[l+2] + a[l]) through the identity", () => {
  const main = sequential(conv2dLayer(3, 4, 4, same), reluLayer, conv2dLayer(3, 4, 4, same));
  const block = residual(main);
  const [kp, kx] = split(key(1));
  const params = block.init(kp);
  assert.deepEqual(Object.keys(params), ["main"]);
  const x = randomNormal(kx, [2, 5, 5, 4], f64);
  const y: Tensor<[2, 5, 5, 4], "f64"> = block.apply(params, x);
  close(y, relu(add(main.apply(params.main, x), x)));
});

Deno.test("residual: a projection shortcut when the main path changes the shape", () => {
  const main = conv2dLayer(3, 2, 6, { stride: 2, padding: "same", dtype: "f64" });
  const shortcut = conv2dLayer(1, 2, 6, { stride: 2, dtype: "f64" });
  const block = residual(main, { shortcut, activation: tanhLayer });
  const params = block.init(key(2));
  const x = randomNormal(key(3), [1, 7, 7, 2], f64);
  const y: Tensor<[1, 4, 4, 6], "f64"> = block.apply(params, x);
  close(y, tanh(add(main.apply(params.main, x), shortcut.apply(params.shortcut, x))));
  assert.deepEqual(block.outputShape([7, 7, 2]), [4, 4, 6]);
  assert.equal(
    countMultiplies(block, [7, 7, 2]),
    4 * 4 * 6 * (3 * 3 * 2) + 4 * 4 * 6 * 2,
  );
});

Deno.test("residual: shapes that do not meet are ShapeErrors, at compile time and run time", () => {
  const halving = sequential(
    conv2dLayer(3, 4, 4, { stride: 2, padding: "same" }),
    reluLayer,
    conv2dLayer(3, 4, 4, { padding: "same" }),
  );
  // The channels agree, so the types let it be built; the sizes differ, which
  // the types see once the input is known.
  const block = residual(halving);
  const message =
    "residual: the main path maps [8, 8, 4] to [4, 4, 4]; an identity shortcut needs the " +
    "same shape (give a projection shortcut)";
  assert.throws(() => block.outputShape([8, 8, 4]), new ShapeError(message));
  const params = block.init(key(0));
  assert.throws(
    // @ts-expect-error residual: the main path maps [8, 8, 4] to [4, 4, 4]; …
    () => block.apply(params, zeros([1, 8, 8, 4])),
    new ShapeError(message),
  );
  const wrongShortcut = residual(conv2dLayer(3, 4, 8, { padding: "same" }), {
    shortcut: conv2dLayer(1, 4, 8, { stride: 2 }),
  });
  assert.throws(
    () => wrongShortcut.outputShape([8, 8, 4]),
    new ShapeError("residual: the main path gives [8, 8, 8] but the shortcut [4, 4, 8]"),
  );
});

Deno.test("residual: batch norm in the main path threads its state", () => {
  const main = sequential(
    conv2dLayer(3, 2, 2, { padding: "same", bias: false, dtype: "f64" }),
    batchNorm(2, f64),
  );
  const block = residual(main);
  const params = block.init(key(4));
  const state = block.initState();
  assert.deepEqual(state.shortcut, {});
  const x = randomNormal(key(5), [3, 4, 4, 2], f64);
  const { output, state: next } = block.applyWithState(params, state, x, { training: true });
  const direct = main.applyWithState(params.main, state.main, x, { training: true });
  close(output, relu(add(direct.output, x)));
  close(next.main[1].mean, direct.state[1].mean);
  assert.notDeepEqual(Array.from(next.main[1].mean.data), [0, 0]);
  // `apply` has no state to read: batch norm's apply throws.
  assert.throws(() => block.apply(params, x), TypeError);
});
