import assert from "node:assert/strict";
import { key, split } from "../../core/random.ts";
import { randomNormal } from "../../core/sample.ts";
import type { Tensor } from "../../core/tensor.ts";
import { add } from "../../ops/add.ts";
import { avgPool2d } from "../../ops/avg_pool2d.ts";
import { conv2d } from "../../ops/conv2d.ts";
import { flatten } from "../../ops/flatten.ts";
import { matmul } from "../../ops/matmul.ts";
import { tanh } from "../../ops/tanh.ts";
import { transpose } from "../../ops/transpose.ts";
import { countParams } from "../count_params.ts";
import { countMultiplies } from "../count_multiplies.ts";
import { lenet5 } from "./lenet5.ts";

Deno.test("lenet5: 61,706 params (about 60k), layer by layer as the course counts them", () => {
  const net = lenet5();
  assert.equal(countParams(net), 61_706);
  const perLayer = net.layers.map((layer) => countParams(layer));
  // conv 5×5×1×6 + 6, conv 5×5×6×16 + 16, dense 400→120, 120→84, 84→10 (each + bias).
  assert.deepEqual(perLayer.filter((count) => count > 0), [156, 2416, 48_120, 10_164, 850]);
  assert.equal(countParams(net), countParams(net.init(key(0))));
  // 28·28·6·25 + 10·10·16·150 + 400·120 + 120·84 + 84·10.
  assert.equal(countMultiplies(net), 416_520);
});

Deno.test("lenet5: the shapes after each layer, as the course draws them", () => {
  const net = lenet5();
  const shapes: number[][] = [];
  net.layers.reduce((shape: number[], layer) => {
    const out = layer.outputShape(shape);
    shapes.push(out);
    return out;
  }, [32, 32, 1]);
  assert.deepEqual(shapes.filter((_, index) => [1, 3, 4, 6, 7, 8, 10, 12].includes(index)), [
    [28, 28, 6],
    [14, 14, 6],
    [10, 10, 16],
    [5, 5, 16],
    [400],
    [120],
    [84],
    [10],
  ]);
});

Deno.test("lenet5: apply equals the ops chained by hand with the same params", () => {
  const [kp, kx] = split(key(3));
  const net = lenet5({ dtype: "f64" });
  const p = net.init(kp);
  const x = randomNormal(kx, [2, 32, 32, 1], { dtype: "f64" });
  const logits: Tensor<[2, 10], "f64"> = net.apply(p, x);
  const c1 = avgPool2d(tanh(add(conv2d(x, p[1].w), p[1].b)), { size: 2 });
  const c3 = avgPool2d(tanh(add(conv2d(c1, p[4].w), p[4].b)), { size: 2 });
  const f5 = tanh(add(matmul(flatten(c3), transpose(p[8].w)), p[8].b));
  const f6 = tanh(add(matmul(f5, transpose(p[10].w)), p[10].b));
  const h: Tensor<[2, 10], "f64"> = add(matmul(f6, transpose(p[12].w)), p[12].b);
  assert.deepEqual(logits.shape, h.shape);
  logits.data.forEach((value, index) => assert(Math.abs(value - h.data[index]) < 1e-12));
});
