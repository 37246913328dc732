import assert from "node:assert/strict";
import { scalar, tensor } from "../../core/create.ts";
import { DTypeError, ShapeError } from "../../core/errors.ts";
import { adam } from "./adam.ts";
import { momentum } from "./momentum.ts";
import { applyUpdates } from "./optimizer.ts";
import { rmsprop } from "./rmsprop.ts";
import { exponentialDecay } from "./schedules.ts";
import { sgd } from "./sgd.ts";
import { start } from "./_testing.ts";

const ones = () => ({ w: tensor([1, 1], { dtype: "f64" }), b: scalar(1, { dtype: "f64" }) });

Deno.test("applyUpdates adds leaf by leaf and keeps the tree", () => {
  const params = { w: tensor([1, 2]), layers: [{ b: tensor([0.5]) }] };
  const next = applyUpdates(params, { w: tensor([0.5, -1]), layers: [{ b: tensor([1]) }] });
  assert.deepEqual(Array.from(next.w.data), [1.5, 1]);
  assert.deepEqual(Array.from(next.layers[0].b.data), [1.5]);
  assert.deepEqual(Array.from(params.w.data), [1, 2]);
  assert.throws(
    () => applyUpdates(params, { w: tensor([0.5, -1, 0]), layers: [{ b: tensor([1]) }] } as never),
    ShapeError,
  );
});

Deno.test("a step schedule is read with the number of earlier updates, from 0", () => {
  const seen: number[] = [];
  const opt = sgd({ learningRate: (step) => (seen.push(step), 0.1 / (step + 1)) });
  let params = start();
  let state = opt.init(params);
  const sizes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const next = opt.update(ones(), state, params);
    sizes.push(-next.updates.b.data[0]);
    params = applyUpdates(params, next.updates);
    state = next.state;
  }
  assert.deepEqual(seen, [0, 1, 2]);
  assert.deepEqual(sizes, [0.1, 0.05, 0.1 / 3]);
});

Deno.test("an epoch schedule with stepsPerEpoch changes the rate once per epoch", () => {
  const schedule = exponentialDecay({ initial: 0.8, rate: 0.5 });
  for (const make of [sgd, momentum, rmsprop, adam]) {
    const epochs: number[] = [];
    const opt = make({
      learningRate: {
        schedule: (epoch: number) => (epochs.push(epoch), schedule(epoch)),
        stepsPerEpoch: 2,
      },
    });
    const params = start();
    let state = opt.init(params);
    for (let i = 0; i < 5; i++) state = opt.update(ones(), state as never, params).state as never;
    assert.deepEqual(epochs, [0, 0, 1, 1, 2], make.name);
  }
  const opt = sgd({ learningRate: { schedule, stepsPerEpoch: 2 } });
  const rates: number[] = [];
  let state = opt.init(start());
  for (let i = 0; i < 5; i++) {
    const next = opt.update(ones(), state, start());
    rates.push(-next.updates.w.data[0]);
    state = next.state;
  }
  assert.deepEqual(rates, [0.8, 0.8, 0.4, 0.4, 0.2]);
});

Deno.test("schedules are checked: a bad stepsPerEpoch at once, a bad value when used", () => {
  assert.throws(() => adam({ learningRate: { schedule: () => 1, stepsPerEpoch: 0 } }), {
    name: "RangeError",
    message: "adam: learningRate.stepsPerEpoch must be an integer ≥ 1, got 0",
  });
  const opt = adam({ learningRate: (step) => (step < 1 ? 0.1 : NaN) });
  const params = start();
  const first = opt.update(ones(), opt.init(params), params);
  assert.throws(() => opt.update(ones(), first.state, params), {
    name: "RangeError",
    message: "adam: the learning-rate schedule must give a finite number ≥ 0, got NaN at step 1",
  });
  // a schedule may give 0 (a warm-up's first step): the update is then zero
  const warm = sgd({ learningRate: (step) => step * 0.1 });
  assert.deepEqual(Array.from(warm.update(ones(), warm.init(params), params).updates.w.data), [
    -0,
    -0,
  ]);
  assert.throws(() => sgd({ learningRate: "0.1" as never }), {
    name: "TypeError",
    message: "sgd: learningRate must be a number, a function of the step, or " +
      '{ schedule, stepsPerEpoch }; got "0.1"',
  });
});

Deno.test("grads or state of another structure, shape or dtype are refused", () => {
  const opt = adam();
  const params = start();
  const state = opt.init(params);
  assert.throws(() => opt.update({ w: ones().w } as never, state, params), {
    name: "ShapeError",
    message: "adam: grads has 1 leaves, but the params have 2",
  });
  assert.throws(() => opt.update({ w: ones().w, c: ones().b } as never, state, params), {
    name: "ShapeError",
    message: "adam: grads has no leaf at b, where the params have one",
  });
  assert.throws(
    () =>
      opt.update({ w: tensor([1, 2, 3], { dtype: "f64" }), b: ones().b } as never, state, params),
    { name: "ShapeError", message: "adam: grads at w has shape [3], but the param has shape [2]" },
  );
  assert.throws(() => opt.update({ w: tensor([1, 2]), b: ones().b } as never, state, params), {
    name: "DTypeError",
    message: "adam: grads at w is f32, but the param is f64",
  });
  const other = opt.init({ w: tensor([1, 2, 3], { dtype: "f64" }), b: ones().b });
  assert.throws(() => opt.update(ones(), other as never, params), ShapeError);
  assert.throws(() => opt.update(ones(), { ...state, step: -1 }, params), {
    name: "TypeError",
    message: "adam: state.step must be an integer ≥ 0, got -1; " +
      "pass the state from init or from the previous update",
  });
  const plain = sgd({ learningRate: 0.1 }).init(params);
  assert.throws(() => momentum({ learningRate: 0.1 }).update(ones(), plain as never, params), {
    name: "TypeError",
    message: "momentum: state.v is missing; pass the state from init or from the previous update",
  });
  assert.ok(DTypeError.prototype instanceof TypeError);
});

Deno.test("grads with keys in another order are matched by path", () => {
  const opt = sgd({ learningRate: 1 });
  const params = start();
  const reordered = { b: scalar(2, { dtype: "f64" }), w: tensor([3, 4], { dtype: "f64" }) };
  const { updates } = opt.update(reordered, opt.init(params), params);
  assert.deepEqual([...updates.w.data, ...updates.b.data], [-3, -4, -2]);
  assert.deepEqual(Object.keys(updates), ["w", "b"]);
});

Deno.test("an empty leaf and a tensor-valued tree both work", () => {
  const opt = adam();
  const params = tensor([[1, 2, 3]]);
  const { updates } = opt.update(tensor([[1, 1, 1]]), opt.init(params), params);
  assert.deepEqual(updates.shape, [1, 3]);
  const empty = { w: tensor([], { dtype: "f64" }) };
  assert.equal(opt.update(empty, opt.init(empty), empty).updates.w.size, 0);
});
