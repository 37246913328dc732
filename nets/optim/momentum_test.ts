import assert from "node:assert/strict";
import { tensor } from "../../core/create.ts";
import { momentum } from "./momentum.ts";
import {
  assertClose,
  flat,
  minimise,
  quadratic,
  quadraticMinimum,
  start,
  threeSteps,
} from "./_testing.ts";

Deno.test("momentum: three steps by hand (α = 0.1, β = 0.9): v = βv + (1 − β)g", () => {
  const updates = threeSteps(momentum({ learningRate: 0.1, beta: 0.9 }));
  // w₀: v₁ = 0.1·0.5 = 0.05; v₂ = 0.9·0.05 + 0.1·(−0.25) = 0.02; v₃ = 0.9·0.02 + 0.1·1 = 0.118
  // w₁: v₁ = −0.1; v₂ = −0.09 + 0.2 = 0.11; v₃ = 0.099 + 0 = 0.099
  // b:  v₁ = 0.2; v₂ = 0.18 + 0.1 = 0.28; v₃ = 0.252 − 0.4 = −0.148
  assertClose(updates[0], [-0.005, 0.01, -0.02], 1e-15, "step 1");
  assertClose(updates[1], [-0.002, -0.011, -0.028], 1e-15, "step 2");
  assertClose(updates[2], [-0.0118, -0.0099, 0.0148], 1e-15, "step 3");
});

Deno.test("momentum: equals PyTorch's v = βv + g with lr = α(1 − β)", () => {
  const alpha = 0.1, beta = 0.9, lr = alpha * (1 - beta);
  const ours = threeSteps(momentum({ learningRate: alpha, beta }));
  const gs = [[0.5, -1, 2], [-0.25, 2, 1], [1, 0, -4]];
  const buffer = [0, 0, 0];
  gs.forEach((g, step) => {
    for (let i = 0; i < 3; i++) buffer[i] = beta * buffer[i] + g[i];
    assertClose(ours[step], buffer.map((b) => -lr * b), 1e-15, `step ${step + 1}`);
  });
});

Deno.test("momentum: β = 0 is plain gradient descent", () => {
  assertClose(threeSteps(momentum({ learningRate: 0.1, beta: 0 }))[1], [0.025, -0.2, -0.1], 1e-15);
});

Deno.test("momentum: minimises a convex quadratic to 1e-6 within 400 steps", () => {
  const found = minimise(momentum({ learningRate: 0.1 }), quadratic, start(), 400);
  assertClose(flat(found), [...quadraticMinimum], 1e-6, "argmin");
});

Deno.test("momentum: f32 params keep an f32 velocity and f32 updates", () => {
  const opt = momentum({ learningRate: 0.1 });
  const params = { w: tensor([1, 2]), layers: [{ b: tensor([0]) }] };
  const state = opt.init(params);
  assert.equal(state.v.layers[0].b.dtype, "f32");
  const grads = { w: tensor([1, 1]), layers: [{ b: tensor([2]) }] };
  const { updates, state: next } = opt.update(grads, state, params);
  assert.ok(updates.w.data instanceof Float32Array && next.v.w.data instanceof Float32Array);
  assert.equal(next.v.layers[0].b.data[0], Math.fround(0.2));
});

Deno.test("momentum: rejects β outside [0, 1) and bad learning rates", () => {
  for (const beta of [1, -0.1, 1.5, NaN]) {
    assert.throws(() => momentum({ learningRate: 0.1, beta }), {
      name: "RangeError",
      message: `momentum: beta must be in [0, 1), got ${beta}`,
    });
  }
  assert.throws(() => momentum({ learningRate: -1 }), RangeError);
});
