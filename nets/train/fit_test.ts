/**
 * Tests of `fit`: a model without state keeps its API (and yields no model
 * state); a model with batch norm threads its state step by step exactly as
 * a hand-written loop does, learns, and never hands its state to the
 * optimiser; the loss and `modelState` must agree; each step's loss gets a
 * key of its own.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Equal } from "../../core/_type_assert.ts";
import { expectType } from "../../core/_type_assert.ts";
import { foldIn, key } from "../../core/random.ts";
import type { PRNGKey } from "../../core/random.ts";
import { randomNormal } from "../../core/sample.ts";
import type { Tensor } from "../../core/tensor.ts";
import { valueAndGrad } from "../../core/autodiff.ts";
import { treeLeaves } from "../../core/tree.ts";
import { softmaxCrossEntropy } from "../../ops/softmax_cross_entropy.ts";
import { makeDataset } from "../data/dataset.ts";
import type { Dataset } from "../data/dataset.ts";
import { batches } from "../data/batches.ts";
import { dense } from "../dense.ts";
import { batchNorm } from "../batch_norm.ts";
import { reluLayer } from "../activation.ts";
import { dropout } from "../dropout.ts";
import { sequential } from "../sequential.ts";
import { sgd } from "../optim/sgd.ts";
import type { SgdFamily } from "../optim/sgd.ts";
import { applyUpdates } from "../optim/optimizer.ts";
import type { FitContext, FitStep } from "./fit.ts";
import { fit } from "./fit.ts";

const f64 = { dtype: "f64" } as const;
const images = randomNormal(key(1), [40, 3], f64);
// Class 1 when x0 + x1 > 0: separable, so a small net learns it.
const labels = Array.from(
  { length: 40 },
  (_, n) => images.data[3 * n] + images.data[3 * n + 1] > 0 ? 1 : 0,
);
const data = makeDataset(images, labels, { classes: 2 });
const net = sequential(
  dense(3, 8, { bias: false, dtype: "f64" }),
  batchNorm(8, f64),
  reluLayer,
  dense(8, 2, f64),
);
type Params = ReturnType<typeof net.init>;
type State = ReturnType<typeof net.initState>;
const statefulLoss = (params: Params, batch: Dataset<[3], 2, "f64">, state: State) => {
  const { output, state: next } = net.applyWithState(params, state, batch.images, {
    training: true,
  });
  return { loss: softmaxCrossEntropy(output, batch.onehot), state: next };
};

Deno.test("fit threads the batch-norm state exactly as a hand-written loop does", async () => {
  const optimizer = sgd({ learningRate: 0.1 });
  const steps: FitStep<Params, unknown, State>[] = [];
  for await (
    const step of fit(net.init(key(0)), {
      data,
      optimizer,
      epochs: 2,
      batchSize: 16,
      key: key(3),
      modelState: net.initState(),
      loss: statefulLoss,
    })
  ) {
    expectType<Equal<typeof step.modelState, State>>();
    steps.push(step);
  }
  assert.equal(steps.length, 6); // 16 + 16 + 8 rows per epoch
  // The same steps by hand: valueAndGrad with hasAux, the state passed on.
  const lossAndGrad = valueAndGrad(
    (p: Params, batch: Dataset<[3], 2, "f64">, st: State) => {
      const out = statefulLoss(p, batch, st);
      return [out.loss, out.state] as const;
    },
    { hasAux: true },
  );
  let params = net.init(key(0));
  let optimizerState = optimizer.init(params);
  let state = net.initState();
  let index = 0;
  for (let epoch = 1; epoch <= 2; epoch++) {
    for (const batch of batches(data, { batchSize: 16, key: foldIn(key(3), epoch) })) {
      const [[loss, next], grads] = lossAndGrad(params, batch, state);
      const update = optimizer.update(grads, optimizerState, params);
      params = applyUpdates(params, update.updates);
      optimizerState = update.state;
      state = next;
      const step = steps[index++];
      assert.equal(step.loss, loss.data[0]);
      assert.deepEqual(step.modelState[1].mean.data, state[1].mean.data);
      assert.deepEqual(step.modelState[1].variance.data, state[1].variance.data);
      assert.deepEqual(step.params[1].gamma.data, params[1].gamma.data);
    }
  }
  // The running statistics moved away from their start (mean 0, variance 1).
  assert.ok(Array.from(steps[5].modelState[1].mean.data).some((m) => Math.abs(m) > 0.05));
  // Only params reach the optimiser: its state holds no running statistics.
  assert.deepEqual(
    treeLeaves(steps[5].params).map(({ path }) => path),
    ["[0].w", "[1].gamma", "[1].beta", "[3].w", "[3].b"],
  );
});

Deno.test("a model with batch norm learns a separable problem through fit", async () => {
  let first = Infinity;
  let last = Infinity;
  let state: State | undefined;
  let params: Params | undefined;
  for await (
    const step of fit(net.init(key(0)), {
      data,
      optimizer: sgd({ learningRate: 0.5 }),
      epochs: 30,
      batchSize: 20,
      key: key(4),
      modelState: net.initState(),
      loss: statefulLoss,
    })
  ) {
    if (step.iteration === 1) first = step.loss;
    last = step.loss;
    state = step.modelState;
    params = step.params;
  }
  assert.ok(last < 0.5 * first, `loss ${first} → ${last}`);
  // At inference, with the running statistics, the net classifies the training set.
  const logits = net.applyWithState(params!, state!, images).output;
  const predicted = labels.filter((label, n) =>
    (logits.data[2 * n + 1] > logits.data[2 * n] ? 1 : 0) === label
  );
  assert.ok(predicted.length >= 36, `${predicted.length} of 40 right`);
});

Deno.test("a model without state keeps the old API and yields modelState undefined", async () => {
  const plain = sequential(dense(3, 2, f64));
  for await (
    const step of fit(plain.init(key(0)), {
      data,
      optimizer: sgd({ learningRate: 0.1 }),
      epochs: 1,
      batchSize: 40,
      key: key(0),
      loss: (p, b) => softmaxCrossEntropy(plain.apply(p, b.images), b.onehot),
    })
  ) {
    expectType<Equal<typeof step.modelState, undefined>>();
    const typed: FitStep<typeof step.params, typeof step.state> = step;
    assert.equal(typed.modelState, undefined);
  }
});

Deno.test("the loss and modelState must agree", async () => {
  const run = async (
    options: Parameters<typeof fit<Params, SgdFamily, [3], 2, "f64", State>>[1],
  ) => {
    for await (const _ of fit(net.init(key(0)), options)) break;
  };
  const common = {
    data,
    optimizer: sgd({ learningRate: 0.1 }),
    epochs: 1,
    batchSize: 8,
    key: key(0),
  };
  await assert.rejects(
    () => run({ ...common, loss: statefulLoss }),
    /the loss takes a model state \(a third argument\) but no modelState was given/,
  );
  await assert.rejects(
    () => run({ ...common, loss: (...args) => statefulLoss(args[0], args[1], net.initState()) }),
    /the loss returned \{ loss, state \} but no modelState was given/,
  );
  await assert.rejects(
    () =>
      run({
        ...common,
        modelState: net.initState(),
        loss: (p: Params, b: Dataset<[3], 2, "f64">, s: State) =>
          statefulLoss(p, b, s).loss as Tensor<[], "f64">,
      }),
    /modelState was given, so the loss must return \{ loss, state \}; got a bare scalar/,
  );
});

Deno.test("fit hands the loss a fresh key per step: deterministic, never a shuffle key", async () => {
  const dropNet = sequential(dense(3, 16, f64), reluLayer, dropout(0.5), dense(16, 2, f64));
  type DropParams = ReturnType<typeof dropNet.init>;
  const seen: FitContext[] = [];
  const run = async (options: { key: PRNGKey; record: boolean; startIteration?: number }) => {
    const losses: number[] = [];
    for await (
      const step of fit(dropNet.init(key(0)), {
        data,
        optimizer: sgd({ learningRate: 0.1 }),
        epochs: 2,
        batchSize: 16,
        key: options.key,
        startIteration: options.startIteration ?? 0,
        // No model state: the third argument is undefined, the fourth the step.
        loss: (p: DropParams, b: Dataset<[3], 2, "f64">, _state: undefined, step: FitContext) => {
          if (options.record) seen.push(step);
          const logits = dropNet.apply(p, b.images, { training: true, key: step.key });
          return softmaxCrossEntropy(logits, b.onehot);
        },
      })
    ) losses.push(step.loss);
    return losses;
  };
  const first = await run({ key: key(7), record: true });
  // 40 rows in batches of 16: 3 steps per epoch.
  assert.deepEqual(seen.map((s) => [s.epoch, s.iteration]), [
    [1, 0],
    [1, 1],
    [1, 2],
    [2, 3],
    [2, 4],
    [2, 5],
  ]);
  const words = seen.map((s) => s.key.words.join());
  assert.equal(new Set(words).size, 6, "every step gets its own key");
  for (const epoch of [1, 2]) {
    assert.ok(!words.includes(foldIn(key(7), epoch).words.join()), "a step key is a shuffle key");
  }
  assert.deepEqual(
    words,
    seen.map((_, i) => foldIn(foldIn(key(7), 0), i).words.join()),
  );
  // The same key drops the same units: the same losses, bit for bit.
  assert.deepEqual(await run({ key: key(7), record: false }), first);
  // Another key, other masks (and other shuffles): other losses.
  assert.notDeepEqual(await run({ key: key(8), record: false }), first);
  // A resumed run continues the count, so its keys are new ones.
  seen.length = 0;
  await run({ key: key(7), record: true, startIteration: 6 });
  assert.deepEqual(seen.map((s) => s.iteration), [6, 7, 8, 9, 10, 11]);
  const resumed = seen.map((s) => s.key.words.join());
  assert.ok(resumed.every((k) => !words.includes(k)), "a resumed step reused a key");
  await assert.rejects(
    () => run({ key: key(7), record: false, startIteration: -1 }),
    /startIteration must be a non-negative integer, got -1/,
  );
});
