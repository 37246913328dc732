/**
 * Compile-time tests of the optimisers: each state is typed after the params
 * it was made for, `update` infers the params type from its arguments and
 * returns updates of exactly that type, a state of other params or another
 * optimiser does not compile, and generic code over any optimiser works.
 * `deno check` runs the type tests; the `Deno.test` at the end runs them.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Equal } from "../../core/_type_assert.ts";
import { expectType } from "../../core/_type_assert.ts";
import { grad } from "../../core/autodiff.ts";
import { zeros } from "../../core/create.ts";
import type { Tensor } from "../../core/tensor.ts";
import type { ParamTree } from "../../core/tree.ts";
import { sum } from "../../ops/sum.ts";
import { square } from "../../ops/square.ts";
import type { AdamFamily, AdamState } from "./adam.ts";
import { adam } from "./adam.ts";
import type { MomentumFamily, MomentumState } from "./momentum.ts";
import { momentum } from "./momentum.ts";
import type { Optimizer, OptimizerStep, StateFamily, StateFor } from "./optimizer.ts";
import { applyUpdates } from "./optimizer.ts";
import type { RmspropFamily, RmspropState } from "./rmsprop.ts";
import { rmsprop } from "./rmsprop.ts";
import type { SgdFamily, SgdState } from "./sgd.ts";
import { sgd } from "./sgd.ts";
import { exponentialDecay } from "./schedules.ts";

type Params = { w: Tensor<[3, 2]>; layers: { b: Tensor<[3]> }[] };

function makeParams(): Params {
  return { w: zeros([3, 2]), layers: [{ b: zeros([3]) }] };
}

function loss(p: Params): Tensor<[]> {
  return sum(square(p.w));
}

function optimiserTypes(): void {
  const opt = adam({ learningRate: 1e-3 });
  expectType<Equal<typeof opt, Optimizer<AdamFamily>>>();
  let params = makeParams();
  let state = opt.init(params);
  expectType<Equal<typeof state, AdamState<Params>>>();
  expectType<Equal<typeof state.m, Params>>();
  expectType<Equal<typeof state.v.layers[0]["b"], Tensor<[3]>>>();
  const grads = grad(loss)(params);
  const { updates, state: next } = opt.update(grads, state, params);
  expectType<Equal<typeof updates, Params>>();
  params = applyUpdates(params, updates);
  state = next;
  expectType<Equal<typeof params, Params>>();

  expectType<Equal<StateFor<AdamFamily, Params>, AdamState<Params>>>();
  expectType<Equal<StateFor<SgdFamily, Params>, SgdState>>();
  expectType<Equal<ReturnType<typeof sgd>, Optimizer<SgdFamily>>>();
  const m = momentum({ learningRate: 0.1 }).init(params);
  expectType<Equal<typeof m, MomentumState<Params>>>();
  expectType<Equal<typeof m.v, Params>>();
  const r = rmsprop({
    learningRate: { schedule: exponentialDecay({ initial: 0.1, rate: 0.9 }), stepsPerEpoch: 10 },
  })
    .init(params);
  expectType<Equal<typeof r, RmspropState<Params>>>();
  expectType<Equal<StateFor<MomentumFamily, Params>, MomentumState<Params>>>();
  expectType<Equal<StateFor<RmspropFamily, Params>, RmspropState<Params>>>();
  const bare = sgd({ learningRate: 0.1 }).init(zeros([2, 2], { dtype: "f64" }));
  expectType<Equal<typeof bare, SgdState>>();
  const f64 = adam().init({ w: zeros([2], { dtype: "f64" }) });
  expectType<Equal<typeof f64.m, { w: Tensor<[2], "f64"> }>>();
}

/** Generic code over any optimiser and any params: the state type follows. */
function train<P extends ParamTree<P>, F extends StateFamily>(
  optimizer: Optimizer<F>,
  params: P,
  grads: P,
): OptimizerStep<P, StateFor<F, P>> {
  return optimizer.update(grads, optimizer.init(params), params);
}

function genericTypes(): void {
  const step = train(adam(), makeParams(), makeParams());
  expectType<Equal<typeof step, OptimizerStep<Params, AdamState<Params>>>>();
  const plain = train(sgd({ learningRate: 1 }), makeParams(), makeParams());
  expectType<Equal<typeof plain.state, SgdState>>();
}

function rejected(): void {
  const opt = adam();
  const params = makeParams();
  const state = opt.init(params);
  const other = opt.init({ w: zeros([2, 2]) });
  // @ts-expect-error a state made for other params
  assert.throws(() => opt.update(params, other, params));
  // @ts-expect-error another optimiser's state
  assert.throws(() => opt.update(params, momentum({ learningRate: 1 }).init(params), params));
  // @ts-expect-error grads of another type than the params
  assert.throws(() => opt.update({ w: zeros([2, 3]), layers: [] }, state, params));
  // @ts-expect-error a misspelt option
  assert.doesNotThrow(() => adam({ lr: 0.1 }));
  // @ts-expect-error updates of another type than the params
  assert.throws(() => applyUpdates(params, { w: zeros([2, 2]) }));
  // @ts-expect-error a number leaf is not a parameter tree
  assert.throws(() => sgd({ learningRate: 1 }).init({ w: 3 }), TypeError);
}

Deno.test("optimiser types: the type tests also run", () => {
  optimiserTypes();
  genericTypes();
  rejected();
});
