import assert from "node:assert/strict";
import { fromArray, tensor } from "../../core/create.ts";
import { grad } from "../../core/autodiff.ts";
import type { Tensor } from "../../core/tensor.ts";
import { mul } from "../../ops/mul.ts";
import { sum } from "../../ops/sum.ts";
import type { AdamState } from "./adam.ts";
import { adam } from "./adam.ts";
import { momentum } from "./momentum.ts";
import { applyUpdates } from "./optimizer.ts";
import type { Optimizer, StateFamily } from "./optimizer.ts";
import { takeStep } from "./take_step.ts";

/** Reproducible values in (−1, 1). */
function values(n: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: n }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 1073741824 - 1;
  });
}

/** Params with a large f32 leaf (the SIMD path), a small one, and a second layer. */
function paramsOf(seed: number) {
  return {
    layers: [
      { w: fromArray(values(1030, seed), [10, 103]), b: fromArray(values(10, seed + 1), [10]) },
      { w: fromArray(values(20, seed + 2), [2, 10]) },
    ],
  };
}

function flat(tree: ReturnType<typeof paramsOf>): number[] {
  return tree.layers.flatMap((layer) => Object.values(layer).flatMap((t) => Array.from(t.data)));
}

function compare<F extends StateFamily>(optimizer: Optimizer<F>): void {
  let fused = paramsOf(1);
  let separate = paramsOf(1);
  let fusedState = optimizer.init(fused);
  let separateState = optimizer.init(separate);
  for (let step = 0; step < 3; step++) {
    const grads = paramsOf(10 + step);
    const next = takeStep(optimizer, { grads, state: fusedState, params: fused });
    const { updates, state } = optimizer.update(grads, separateState, separate);
    fused = next.params;
    fusedState = next.state;
    separate = applyUpdates(separate, updates);
    separateState = state;
    // Bit for bit: the fused pass rounds the update to f32 before adding it, as applyUpdates does.
    assert.deepEqual(flat(fused), flat(separate), `params after step ${step + 1}`);
    assert.deepEqual(fusedState, separateState, `state after step ${step + 1}`);
  }
  assert.notDeepEqual(flat(fused), flat(paramsOf(1)));
}

Deno.test("takeStep: Adam's fused step gives update + applyUpdates bit for bit", () => {
  compare(adam({ learningRate: 0.01 }));
});

Deno.test("takeStep: an optimiser without a fused step falls back to update + applyUpdates", () => {
  const optimizer = momentum({ learningRate: 0.1 });
  assert.equal(optimizer.step, undefined);
  compare(optimizer);
});

Deno.test("takeStep: a transform sees through Adam's step to the params", () => {
  // d/dp Σ c·(p + u) with the gradients held constant: c, as with applyUpdates.
  const optimizer = adam({ learningRate: 0.1 });
  const weights = tensor([2, -3, 5]);
  const grads = { w: tensor([0.5, -0.25, 1]) };
  const through = grad((params: { w: Tensor<[3]> }) => {
    const state = optimizer.init(params);
    const next = takeStep(optimizer, { grads, state, params });
    return sum(mul(next.params.w, weights));
  });
  assert.deepEqual(Array.from(through({ w: tensor([1, 2, 3]) }).w.data), [2, -3, 5]);
});

Deno.test("takeStep: Adam's step rejects misaligned state like update does", () => {
  const optimizer = adam();
  const params = { w: tensor([1, 2]) };
  // A state from other params, as an untyped caller (a loaded checkpoint) might pass.
  const state = {
    step: 0,
    m: { w: tensor([0, 0, 0]) },
    v: { w: tensor([0, 0]) },
  } as unknown as AdamState<typeof params>;
  assert.throws(
    () => takeStep(optimizer, { grads: params, state, params }),
    /adam: state.m at w has shape \[3\], but the param has shape \[2\]/,
  );
});
