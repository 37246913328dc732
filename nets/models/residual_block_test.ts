import assert from "node:assert/strict";
import { key, split } from "../../core/random.ts";
import { randomNormal } from "../../core/sample.ts";
import type { Tensor } from "../../core/tensor.ts";
import { add } from "../../ops/add.ts";
import { conv2d } from "../../ops/conv2d.ts";
import { relu } from "../../ops/relu.ts";
import { countParams } from "../count_params.ts";
import { residualBlock } from "./residual_block.ts";

Deno.test("residualBlock: two 3×3 same convs and the identity when the shape stays", () => {
  const block = residualBlock(3, 3, { dtype: "f64" });
  assert.equal(block.shortcut, undefined);
  const [kp, kx] = split(key(8));
  const p = block.init(kp);
  const x = randomNormal(kx, [2, 5, 4, 3], { dtype: "f64" });
  const y: Tensor<[2, 5, 4, 3], "f64"> = block.apply(p, x);
  const [c1, , c2] = p.main;
  const a1 = relu(add(conv2d(x, c1.w, { padding: "same" }), c1.b));
  const z2 = add(conv2d(a1, c2.w, { padding: "same" }), c2.b);
  const expected = relu(add(z2, x));
  y.data.forEach((value, index) => assert(Math.abs(value - expected.data[index]) < 1e-12));
});

Deno.test("residualBlock: a 1×1 projection with the stride when channels or size change", () => {
  const block = residualBlock(16, 32, { stride: 2 });
  assert.equal(block.shortcut.size, 1);
  assert.equal(block.shortcut.stride, 2);
  assert.deepEqual(block.outputShape([56, 56, 16]), [28, 28, 32]);
  // (3·3·16·32 + 32) + (3·3·32·32 + 32) + (16·32 + 32).
  assert.equal(countParams(block), 4640 + 9248 + 544);
  assert.equal(countParams(block), countParams(block.init(key(0))));
  assert.notEqual(residualBlock(8, 8, { stride: 2 }).shortcut, undefined);
});
