import assert from "node:assert/strict";
import { scalar, tensor } from "../../core/create.ts";
import { adam } from "./adam.ts";
import {
  assertClose,
  flat,
  minimise,
  quadratic,
  quadraticMinimum,
  rosenbrock,
  start,
  threeSteps,
} from "./_testing.ts";

Deno.test("adam: three steps by hand (α = 0.1, β1 = 0.9, β2 = 0.99, ε = 1e-8)", () => {
  const updates = threeSteps(adam({ learningRate: 0.1, beta2: 0.99 }));
  // step 1: m̂ = g and v̂ = g², so u = −0.1·g/(|g| + ε) = ∓0.1 (less a hair for ε)
  assertClose(updates[0], [-0.0999999980000001, 0.09999999900000009, -0.09999999950000009], 1e-15);
  // step 2, b: m = 0.9·0.2 + 0.1·1 = 0.28, v = 0.99·0.04 + 0.01·1 = 0.0496,
  // m̂ = 0.28/0.19, v̂ = 0.0496/0.0199, u = −0.1·m̂/(√v̂ + ε) = −0.0933448
  assertClose(
    updates[1],
    [-0.02666994223206652, -0.036560771102605444, -0.09334479958600188],
    1e-14,
  );
  assertClose(
    updates[2],
    [-0.06564128387235371, -0.028325890120336077, 0.02058243670116383],
    1e-14,
  );
});

Deno.test("adam: bias correction makes the first update about α for any gradient scale", () => {
  const opt = adam({ learningRate: 1e-3 });
  const params = { w: tensor([0, 0, 0, 0], { dtype: "f64" }), b: scalar(0, { dtype: "f64" }) };
  const grads = {
    w: tensor([1e-4, -1, 1e2, -1e6], { dtype: "f64" }),
    b: scalar(3, { dtype: "f64" }),
  };
  const { updates, state } = opt.update(grads, opt.init(params), params);
  assertClose(updates.w.data, [-1e-3, 1e-3, -1e-3, 1e-3], 1e-7, "w");
  assertClose(updates.b.data, [-1e-3], 1e-11, "b");
  // the raw moments are not corrected: m = 0.1·g, v = 0.001·g²
  assertClose(state.m.w.data, [1e-5, -0.1, 10, -1e5], 1e-9, "m");
  assertClose(state.v.b.data, [0.009], 1e-15, "v");
});

Deno.test("adam: minimises a convex quadratic to 1e-6 within 400 steps", () => {
  const found = minimise(adam({ learningRate: 0.1 }), quadratic, start(), 400);
  assertClose(flat(found), [...quadraticMinimum], 1e-6, "argmin");
});

Deno.test("adam: minimises Rosenbrock's function from (−1.5, 2) to 1e-4 within 5000 steps", () => {
  const from = { x: scalar(-1.5, { dtype: "f64" }), y: scalar(2, { dtype: "f64" }) };
  const found = minimise(adam({ learningRate: 0.02 }), rosenbrock, from, 5000);
  assertClose([found.x.data[0], found.y.data[0]], [1, 1], 1e-4, "argmin");
  assert.ok(rosenbrock(found).data[0] < 1e-8);
});

Deno.test("adam: f32 params keep f32 moments and updates", () => {
  const opt = adam();
  const params = { layers: [{ w: tensor([[0.5, -0.5]]), b: tensor([0]) }] };
  const grads = { layers: [{ w: tensor([[1, -2]]), b: tensor([0.25]) }] };
  const { updates, state } = opt.update(grads, opt.init(params), params);
  for (const t of [updates.layers[0].w, state.m.layers[0].w, state.v.layers[0].b]) {
    assert.equal(t.dtype, "f32");
    assert.ok(t.data instanceof Float32Array);
  }
  assertClose(updates.layers[0].w.data, [-1e-3, 1e-3], 1e-8);
});

Deno.test("adam: leaves its inputs untouched", () => {
  const opt = adam({ learningRate: 0.1 });
  const params = start();
  const state = opt.init(params);
  const grads = { w: tensor([1, 2], { dtype: "f64" }), b: scalar(3, { dtype: "f64" }) };
  const next = opt.update(grads, state, params);
  assert.deepEqual(flat(params), [1, -2, 0.5]);
  assert.deepEqual(flat(state.m), [0, 0, 0]);
  assert.deepEqual(flat(grads), [1, 2, 3]);
  assert.notEqual(next.state.m.w, state.m.w);
  assert.equal(state.step, 0);
});

Deno.test("adam: rejects bad hyperparameters with expected vs got", () => {
  const cases: [Parameters<typeof adam>[0], string][] = [
    [{ learningRate: 0 }, "adam: learningRate must be a finite number > 0, got 0"],
    [{ beta1: 1 }, "adam: beta1 must be in [0, 1), got 1"],
    [{ beta1: -0.5 }, "adam: beta1 must be in [0, 1), got -0.5"],
    [{ beta2: 1.01 }, "adam: beta2 must be in [0, 1), got 1.01"],
    [{ epsilon: -1e-8 }, "adam: epsilon must be a finite number > 0, got -1e-8"],
    [{ epsilon: NaN }, "adam: epsilon must be a finite number > 0, got NaN"],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => adam(options), { name: "RangeError", message });
  }
});
