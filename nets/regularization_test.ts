import assert from "node:assert/strict";
import { tensor, zeros } from "../core/create.ts";
import { ShapeError } from "../core/errors.ts";
import { key } from "../core/random.ts";
import { randomUniform } from "../core/sample.ts";
import type { Tensor } from "../core/tensor.ts";
import { treeLeaves, treeMap } from "../core/tree.ts";
import { grad } from "../core/autodiff.ts";
import { add } from "../ops/add.ts";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import { mlp } from "./mlp.ts";
import type { MlpParams } from "./mlp.ts";
import { l2Penalty, weightDecay } from "./regularization.ts";

const params = {
  layers: [
    { w: tensor([[1, 2], [3, 4]], { dtype: "f64" }), b: tensor([5, 6], { dtype: "f64" }) },
    { w: tensor([[-1, 0.5]], { dtype: "f64" }), b: tensor([7], { dtype: "f64" }) },
  ],
};

Deno.test("l2Penalty: λ/(2m)·Σ‖W‖²_F over the weights, not the biases", () => {
  const penalty: Tensor<[], "f64"> = l2Penalty(params, { lambda: 0.1, m: 4 });
  assert.deepEqual(penalty.shape, []);
  const squares = 1 + 4 + 9 + 16 + 1 + 0.25;
  assert.equal(penalty.data[0], (0.1 / 8) * squares);
  const all = l2Penalty(params, { lambda: 0.1, m: 4, select: () => true });
  assert(Math.abs(all.data[0] - (0.1 / 8) * (squares + 25 + 36 + 49)) < 1e-15);
  const firstOnly = l2Penalty(params, {
    lambda: 2,
    m: 1,
    select: (_, path) => path === "layers[0].w",
  });
  assert.equal(firstOnly.data[0], 30);
});

Deno.test("l2Penalty: nothing chosen gives 0 of the params' dtype; λ = 0 gives 0", () => {
  const none = l2Penalty({ b: tensor([1, 2], { dtype: "f64" }) }, { lambda: 1, m: 1 });
  assert.equal(none.data[0], 0);
  assert.equal(none.dtype, "f64");
  assert.equal(l2Penalty({}, { lambda: 1, m: 1 }).dtype, "f32");
  assert.equal(l2Penalty(params, { lambda: 0, m: 3 }).data[0], 0);
});

Deno.test("l2Penalty and weightDecay reject bad λ and m", () => {
  assert.throws(
    () => l2Penalty(params, { lambda: -1, m: 1 }),
    new RangeError("l2Penalty: lambda must be a finite number >= 0, got -1"),
  );
  assert.throws(
    () => l2Penalty(params, { lambda: 1, m: 0 }),
    new RangeError("l2Penalty: m must be a positive number, got 0"),
  );
  assert.throws(() => weightDecay(params, params, { lambda: NaN, m: 1 }), RangeError);
  assert.throws(() => weightDecay(params, params, { lambda: 1, m: Infinity }), RangeError);
});

Deno.test("grad of l2Penalty is (λ/m)·W on the weights, 0 on the biases: weightDecay of zeros", () => {
  const g = grad((p: typeof params) => l2Penalty(p, { lambda: 0.6, m: 3 }))(params);
  const expected = [0.2, 0.4, 0.6, 0.8];
  g.layers[0].w.data.forEach((value, i) => assert(Math.abs(value - expected[i]) < 1e-15));
  assert.deepEqual(g.layers[1].b.toArray(), [0]);
  const decayed = weightDecay(
    params,
    treeMap(params, (leaf) => zeros(leaf.shape as number[], { dtype: "f64" })),
    { lambda: 0.6, m: 3 },
  );
  treeLeaves(g).forEach(({ leaf, path }, k) => {
    const other = treeLeaves(decayed)[k];
    assert.equal(other.path, path);
    leaf.data.forEach((value, i) => assert(Math.abs(value - other.leaf.data[i]) < 1e-15));
  });
});

Deno.test("grad(cost + l2Penalty) equals weightDecay(grad(cost)) on an mlp", () => {
  const net = mlp([4, 6, 3], { dtype: "f64" });
  const x = randomUniform(key(1), [10, 4], { low: -1, high: 1, dtype: "f64" });
  const labels = randomUniform(key(2), [10, 3], { dtype: "f64" });
  type P = MlpParams<[4, 6, 3], "f64">;
  const cost = (p: P): Tensor<[], "f64"> => softmaxCrossEntropy(net.apply(p, x), labels);
  const options = { lambda: 0.3, m: 10 };
  const p = net.init(key(3));
  const penalised = grad((q: P) => add(cost(q), l2Penalty(q, options)))(p);
  const decayed = weightDecay(p, grad(cost)(p), options);
  const left = treeLeaves(penalised);
  const right = treeLeaves(decayed);
  left.forEach(({ leaf, path }, k) => {
    assert.equal(right[k].path, path);
    leaf.data.forEach((value, i) =>
      assert(Math.abs(value - right[k].leaf.data[i]) < 1e-14, `${path}[${i}]`)
    );
  });
});

Deno.test("weightDecay: a grads tree of another shape is a ShapeError", () => {
  const other = { layers: [params.layers[0], { ...params.layers[1], w: zeros([2, 2]) }] };
  assert.throws(
    () => weightDecay(params, other as unknown as typeof params, { lambda: 1, m: 1 }),
    ShapeError,
  );
});
