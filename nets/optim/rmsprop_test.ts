import assert from "node:assert/strict";
import { tensor } from "../../core/create.ts";
import { rmsprop } from "./rmsprop.ts";
import {
  assertClose,
  flat,
  minimise,
  quadratic,
  quadraticMinimum,
  start,
  threeSteps,
} from "./_testing.ts";

Deno.test("rmsprop: three steps by hand (α = 0.01, β2 = 0.9, ε = 1e-8)", () => {
  const updates = threeSteps(rmsprop({ learningRate: 0.01, beta2: 0.9 }));
  // step 1: s = 0.1·g², so u = −0.01·g/(√0.1·|g| + ε) ≈ ∓0.0316228 for every element
  assertClose(updates[0], [-0.0316227746016839, 0.0316227756016838, -0.0316227761016838], 1e-15);
  // step 2, w₁: s = 0.9·0.1 + 0.1·4 = 0.49, u = −0.01·2/(0.7 + ε) = −0.0285714…
  assertClose(
    updates[1],
    [0.014744194745924545, -0.028571428163265307, -0.014744195398098408],
    1e-15,
  );
  // step 3, w₁: g = 0 gives u = 0 (ε keeps 0/√s finite as s decays)
  assertClose(updates[2], [-0.028185792213873774, 0, 0.02818579280970295], 1e-15);
});

Deno.test("rmsprop: the first update is about α/√(1 − β2) whatever the gradient's scale", () => {
  const opt = rmsprop({ learningRate: 1e-3 });
  const params = { w: tensor([0, 0, 0], { dtype: "f64" }) };
  const grads = { w: tensor([0.1, 1, 1e4], { dtype: "f64" }) };
  const { updates } = opt.update(grads, opt.init(params), params);
  assertClose(updates.w.data, [-1, -1, -1].map((s) => (s * 1e-3) / Math.sqrt(0.001)), 1e-6);
});

Deno.test("rmsprop: minimises a convex quadratic to 1e-6 within 300 steps", () => {
  const found = minimise(rmsprop({ learningRate: 0.01 }), quadratic, start(), 300);
  assertClose(flat(found), [...quadraticMinimum], 1e-6, "argmin");
});

Deno.test("rmsprop: f32 params keep f32 state and updates", () => {
  const opt = rmsprop({ learningRate: 0.01 });
  const params = { w: tensor([[1, 2], [3, 4]]) };
  const { updates, state } = opt.update({ w: tensor([[1, 0], [0, 1]]) }, opt.init(params), params);
  assert.ok(updates.w.data instanceof Float32Array && state.s.w.data instanceof Float32Array);
  assert.deepEqual(state.s.w.shape, [2, 2]);
});

Deno.test("rmsprop: rejects bad β2, ε and learning rates", () => {
  assert.throws(() => rmsprop({ learningRate: 0.1, beta2: 1 }), {
    name: "RangeError",
    message: "rmsprop: beta2 must be in [0, 1), got 1",
  });
  assert.throws(() => rmsprop({ learningRate: 0.1, epsilon: 0 }), {
    name: "RangeError",
    message: "rmsprop: epsilon must be a finite number > 0, got 0",
  });
  assert.throws(() => rmsprop({ learningRate: Infinity }), {
    name: "RangeError",
    message: "rmsprop: learningRate must be a finite number > 0, got Infinity",
  });
});
