import assert from "node:assert/strict";
import { zeros } from "../../core/create.ts";
import { ShapeError } from "../../core/errors.ts";
import { key, split } from "../../core/random.ts";
import { randomNormal } from "../../core/sample.ts";
import type { Tensor } from "../../core/tensor.ts";
import { add } from "../../ops/add.ts";
import { concat } from "../../ops/concat.ts";
import { conv2d } from "../../ops/conv2d.ts";
import { maxPool2d } from "../../ops/max_pool2d.ts";
import { relu } from "../../ops/relu.ts";
import { countParams } from "../count_params.ts";
import { countMultiplies } from "../count_multiplies.ts";
import { inceptionModule } from "./inception_module.ts";

const googlenet3a = { conv1: 64, reduce3: 96, conv3: 128, reduce5: 16, conv5: 32, poolProj: 32 };

Deno.test("inceptionModule: four branches concatenated on channels, computed by hand", () => {
  const block = inceptionModule(3, {
    conv1: 2,
    reduce3: 2,
    conv3: 3,
    reduce5: 1,
    conv5: 2,
    poolProj: 1,
    dtype: "f64",
  });
  const [kp, kx] = split(key(9));
  const p = block.init(kp);
  const x = randomNormal(kx, [2, 6, 5, 3], { dtype: "f64" });
  const y: Tensor<[2, 6, 5, 8], "f64"> = block.apply(p, x);
  const same = { padding: "same" } as const;
  const b1 = relu(add(conv2d(x, p.branch1[0].w, same), p.branch1[0].b));
  const r3 = relu(add(conv2d(x, p.branch3[0].w, same), p.branch3[0].b));
  const b3 = relu(add(conv2d(r3, p.branch3[2].w, same), p.branch3[2].b));
  const r5 = relu(add(conv2d(x, p.branch5[0].w, same), p.branch5[0].b));
  const b5 = relu(add(conv2d(r5, p.branch5[2].w, same), p.branch5[2].b));
  const pooled = maxPool2d(x, { size: 3, stride: 1, padding: "same" });
  const bp = relu(add(conv2d(pooled, p.pool[1].w, same), p.pool[1].b));
  const expected = concat([b1, b3, b5, bp], 3);
  assert.deepEqual(y.shape, expected.shape);
  y.data.forEach((value, index) => assert(Math.abs(value - expected.data[index]) < 1e-12));
});

Deno.test("inceptionModule: GoogLeNet's 3a, 28×28×192 → 28×28×256, and its cost", () => {
  const block = inceptionModule(192, googlenet3a);
  assert.equal(block.cOut, 256);
  assert.deepEqual(block.outputShape([28, 28, 192]), [28, 28, 256]);
  // 192·64+64 + 192·96+96 + 9·96·128+128 + 192·16+16 + 25·16·32+32 + 192·32+32.
  assert.equal(countParams(block), 163_696);
  // Per output position: 192·64 + 192·96 + 9·96·128 + 192·16 + 25·16·32 + 192·32.
  assert.equal(countMultiplies(block, [28, 28, 192]), 28 * 28 * 163_328);
});

Deno.test("inceptionModule: a wrong input is a ShapeError naming the module", () => {
  const block = inceptionModule(192, googlenet3a);
  assert.throws(
    () => block.outputShape([28, 28, 64]),
    new ShapeError("inception: input has 64 channels but the module expects 192"),
  );
  assert.throws(
    () => block.outputShape([784]),
    new ShapeError("inception: expects [height, width, 192], got [784]"),
  );
  assert.throws(
    // @ts-expect-error inception: input has 3 channels but the module expects 192
    () => block.apply(block.init(key(0)), zeros([1, 4, 4, 3])),
    ShapeError,
  );
  assert.throws(() => inceptionModule(192, { ...googlenet3a, conv5: 0 }), RangeError);
});
