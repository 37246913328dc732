import assert from "node:assert/strict";
import { ShapeError } from "../../core/errors.ts";
import { binaryMetrics } from "./metrics.ts";

Deno.test("binaryMetrics: counts, ratios and F1 on a hand-made case", () => {
  //                 TP TP FN FP TN TN TN TP FP FN
  const predicted = [1, 1, 0, 1, 0, 0, 0, 1, 1, 0];
  const actual = Int32Array.from([1, 1, 1, 0, 0, 0, 0, 1, 0, 1]);
  const m = binaryMetrics(predicted, actual);
  assert.deepEqual(
    [m.truePositives, m.falsePositives, m.trueNegatives, m.falseNegatives],
    [3, 2, 3, 2],
  );
  assert.equal(m.accuracy, 0.6);
  assert.equal(m.precision, 3 / 5);
  assert.equal(m.recall, 3 / 5);
  assert.equal(m.f1, 0.6);
  assert.equal(m.positiveRate, 0.5);
});

Deno.test("binaryMetrics: the 'always negative' baseline is accurate but recalls nothing", () => {
  const actual = Array.from({ length: 100 }, (_, i) => (i % 10 === 3 ? 3 : i % 10));
  const m = binaryMetrics(new Array(100).fill(0), actual, { positive: 3 });
  assert.equal(m.accuracy, 0.9);
  assert.equal(m.positiveRate, 0.1);
  assert.equal(m.recall, 0);
  assert(Number.isNaN(m.precision)); // nothing predicted positive: 0/0
  assert.equal(m.f1, 0);
});

Deno.test("binaryMetrics: other labels than the positive one all count as negative", () => {
  const m = binaryMetrics([7, 2, 7, 9], [7, 7, 5, 9], { positive: 7 });
  assert.deepEqual(
    [m.truePositives, m.falsePositives, m.trueNegatives, m.falseNegatives],
    [1, 1, 1, 1],
  );
});

Deno.test("binaryMetrics: empty input gives NaN ratios; different lengths throw", () => {
  const m = binaryMetrics([], []);
  assert(Number.isNaN(m.accuracy) && Number.isNaN(m.recall) && Number.isNaN(m.f1));
  assert.throws(() => binaryMetrics([1, 0], [1]), ShapeError);
  assert.throws(() => binaryMetrics([1, 0], [1]), /got 2 predictions and 1 labels/);
});
