import assert from "node:assert/strict";
import { tensor, zeros } from "../../core/create.ts";
import { key } from "../../core/random.ts";
import type { Tensor } from "../../core/tensor.ts";
import { matmul } from "../../ops/matmul.ts";
import { meanSquaredError } from "../../ops/mean_squared_error.ts";
import { transpose } from "../../ops/transpose.ts";
import { makeDataset } from "../data/dataset.ts";
import type { Dataset } from "../data/dataset.ts";
import { sgd } from "../optim/sgd.ts";
import { earlyStopping } from "./early_stopping.ts";
import type { EarlyStoppingOptions, EarlyStoppingState } from "./early_stopping.ts";
import { fit } from "./fit.ts";

/** Feeds `metrics` (epochs 1, 2, …) until `stop`; the params of epoch e are `p${e}`. */
function run(
  options: EarlyStoppingOptions,
  metrics: readonly number[],
): EarlyStoppingState<string>[] {
  const stopper = earlyStopping(options);
  const states: EarlyStoppingState<string>[] = [];
  let state: EarlyStoppingState<string> | undefined;
  for (let i = 0; i < metrics.length && !state?.stop; i++) {
    state = stopper.update(state, { epoch: i + 1, metric: metrics[i], params: `p${i + 1}` });
    states.push(state);
  }
  return states;
}

Deno.test("earlyStopping: max mode stops exactly `patience` epochs after the best", () => {
  const states = run({ patience: 3, mode: "max" }, [0.5, 0.7, 0.6, 0.69, 0.65, 0.99]);
  assert.equal(states.length, 5); // stopped after epoch 5, never saw 0.99
  assert.deepEqual(states.map((s) => s.stop), [false, false, false, false, true]);
  assert.deepEqual(states.map((s) => s.epochsWithoutImprovement), [0, 0, 1, 2, 3]);
  assert.deepEqual(states.map((s) => s.improved), [true, true, false, false, false]);
  assert.deepEqual(states[4].best, { epoch: 2, metric: 0.7, params: "p2" });
});

Deno.test("earlyStopping: min mode follows the loss down, and an improvement resets the count", () => {
  const states = run({ patience: 2, mode: "min" }, [3, 2, 2.5, 1, 1.5, 1.2, 0.1]);
  assert.deepEqual(states.map((s) => s.epochsWithoutImprovement), [0, 0, 1, 0, 1, 2]);
  assert.equal(states.at(-1)?.stop, true);
  assert.deepEqual(states.at(-1)?.best, { epoch: 4, metric: 1, params: "p4" });
});

Deno.test("earlyStopping: a gain of minDelta or less is no improvement and does not move best", () => {
  // 0.805 and 0.81 beat 0.80 by ≤ 0.01: they count as waiting, best stays at epoch 1.
  const max = run({ patience: 2, minDelta: 0.01, mode: "max" }, [0.8, 0.805, 0.81, 0.9]);
  assert.equal(max.length, 3);
  assert.deepEqual(max[2].best, { epoch: 1, metric: 0.8, params: "p1" });
  const min = run({ patience: 2, minDelta: 0.1, mode: "min" }, [1, 0.95, 0.85, 0.8, 0.76]);
  assert.deepEqual(min.map((s) => s.best.epoch), [1, 1, 3, 3, 3]);
  assert.equal(min.at(-1)?.stop, true);
  // With minDelta 0, any strict gain improves and a tie does not.
  const ties = run({ patience: 1, mode: "max" }, [0.5, 0.5]);
  assert.equal(ties[1].stop, true);
});

Deno.test("earlyStopping: Infinity is a valid metric; NaN and bad options are RangeErrors", () => {
  const states = run({ patience: 1, mode: "min" }, [Infinity, 2, Infinity]);
  assert.deepEqual(states.map((s) => s.best.epoch), [1, 2, 2]);
  const stopper = earlyStopping({ patience: 1, mode: "max" });
  assert.throws(
    () => stopper.update(undefined, { epoch: 3, metric: NaN, params: {} }),
    (e: unknown) => e instanceof RangeError && /metric of epoch 3, got NaN/.test(e.message),
  );
  assert.throws(() => earlyStopping({ patience: 0, mode: "max" }), /patience .* got 0/);
  assert.throws(() => earlyStopping({ patience: 1.5, mode: "max" }), RangeError);
  assert.throws(() => earlyStopping({ patience: 1, minDelta: -1, mode: "min" }), /minDelta/);
  // @ts-expect-error mode is "max" or "min"
  assert.throws(() => earlyStopping({ patience: 1, mode: "accuracy" }), /got "accuracy"/);
});

Deno.test("earlyStopping: the state it returns is new; the old one is untouched", () => {
  const stopper = earlyStopping({ patience: 2, mode: "max" });
  const first = stopper.update(undefined, { epoch: 1, metric: 1, params: "a" });
  const second = stopper.update(first, { epoch: 2, metric: 0, params: "b" });
  assert.notEqual(first, second);
  assert.equal(first.epochsWithoutImprovement, 0);
  assert.equal(second.epochsWithoutImprovement, 1);
});

// Integration with `fit`: the dev targets disagree with the training targets
// (as a tiny noisy training set does), so gradient descent from w = 0 towards
// the training optimum w = I passes the dev optimum w = I/2: the dev loss
// falls, then rises. Early stopping must stop on the way and hand back the
// params of the epoch with the lowest dev loss.
type P = { w: Tensor<[2, 2], "f64"> };
const f64 = { dtype: "f64" } as const;
const train = makeDataset(tensor([[1, 0], [0, 1]], f64), [0, 1], { classes: 2 });
const dev = makeDataset(tensor([[2, 0], [0, 2]], f64), [0, 1], { classes: 2 });
const loss = (p: P, b: Dataset<[2], 2, "f64">): Tensor<[], "f64"> =>
  meanSquaredError(matmul(b.images, transpose(p.w)), b.onehot);
const devLoss = (p: P): number => loss(p, dev).data[0];

Deno.test("earlyStopping with fit: restores the params with the best dev loss", async () => {
  const stopper = earlyStopping({ patience: 3, mode: "min" });
  let state: EarlyStoppingState<P> | undefined;
  const seen: number[] = [];
  let last: P | undefined;
  for await (
    const step of fit({ w: zeros([2, 2], f64) }, {
      data: train,
      loss,
      optimizer: sgd({ learningRate: 0.2 }),
      epochs: 100,
      batchSize: 2,
      key: key(0),
    })
  ) {
    const metric = devLoss(step.params);
    seen.push(metric);
    last = step.params;
    state = stopper.update(state, { epoch: step.epoch, metric, params: step.params });
    if (state.stop) break;
  }
  assert.ok(state?.stop && last !== undefined);
  const best = state.best;
  // It stopped 3 epochs after the best, long before the 100 epochs ran out.
  assert.equal(seen.length, best.epoch + 3);
  assert.ok(seen.length < 20, `stopped after ${seen.length} epochs`);
  // The dev loss really went down and then up: the run overfitted.
  assert.ok(seen[0] > best.metric && seen.at(-1)! > best.metric);
  // The restored params are those of the best epoch and give the lowest dev loss seen.
  assert.equal(devLoss(best.params), Math.min(...seen));
  assert.equal(devLoss(best.params), seen[best.epoch - 1]);
  assert.ok(devLoss(best.params) < devLoss(last));
  // w is near the dev optimum I/2 (within one step of it), far from the training optimum I.
  const w = Array.from(best.params.w.data);
  assert.ok(Math.abs(w[0] - 0.5) < 0.1 && Math.abs(w[3] - 0.5) < 0.1, `w = ${w}`);
  assert.equal(w[1], 0);
});
