import assert from "node:assert/strict";
import { tensor } from "../../core/create.ts";
import { sgd } from "./sgd.ts";
import { applyUpdates } from "./optimizer.ts";
import {
  assertClose,
  flat,
  minimise,
  quadratic,
  quadraticMinimum,
  start,
  threeSteps,
} from "./_testing.ts";

Deno.test("sgd: three steps by hand (α = 0.1): the update is −α·g", () => {
  const updates = threeSteps(sgd({ learningRate: 0.1 }));
  // g₁ = [0.5, −1 | 2], g₂ = [−0.25, 2 | 1], g₃ = [1, 0 | −4]
  assertClose(updates[0], [-0.05, 0.1, -0.2], 1e-15, "step 1");
  assertClose(updates[1], [0.025, -0.2, -0.1], 1e-15, "step 2");
  assertClose(updates[2], [-0.1, 0, 0.4], 1e-15, "step 3");
});

Deno.test("sgd: minimises a convex quadratic to 1e-6 within 100 steps", () => {
  const found = minimise(sgd({ learningRate: 0.1 }), quadratic, start(), 100);
  assertClose(flat(found), [...quadraticMinimum], 1e-6, "argmin");
});

Deno.test("sgd: state counts steps and is typed the same for any params", () => {
  const opt = sgd({ learningRate: 1 });
  const params = { w: tensor([1, 2]) };
  const first = opt.update({ w: tensor([1, 1]) }, opt.init(params), params);
  const second = opt.update({ w: tensor([1, 1]) }, first.state, params);
  assert.deepEqual([first.state.step, second.state.step], [1, 2]);
  assert.deepEqual(Array.from(applyUpdates(params, second.updates).w.data), [0, 1]);
});

Deno.test("sgd: f32 params give f32 updates", () => {
  const opt = sgd({ learningRate: 0.5 });
  const params = { w: tensor([[1, 2]]) };
  const { updates } = opt.update({ w: tensor([[1, 3]]) }, opt.init(params), params);
  assert.equal(updates.w.dtype, "f32");
  assert.ok(updates.w.data instanceof Float32Array);
  assert.deepEqual(updates.w.shape, [1, 2]);
});

Deno.test("sgd: rejects a learning rate that is not a finite number > 0", () => {
  for (const learningRate of [0, -0.1, NaN, Infinity]) {
    assert.throws(() => sgd({ learningRate }), {
      name: "RangeError",
      message: `sgd: learningRate must be a finite number > 0, got ${learningRate}`,
    });
  }
  // @ts-expect-error the learning rate is required
  assert.throws(() => sgd({}), TypeError);
});
