import assert from "node:assert/strict";
import { fromArray } from "../core/create.ts";
import { grad, valueAndGrad } from "../core/autodiff.ts";
import type { Tensor } from "../core/tensor.ts";
import { softmaxCrossEntropy } from "./softmax_cross_entropy.ts";
import { logSoftmax } from "./log_softmax.ts";
import { mean } from "./mean.ts";
import { mul } from "./mul.ts";
import { neg } from "./neg.ts";
import { sum } from "./sum.ts";

type Pair = [Tensor<[number, number], "f64">, Tensor<[number, number], "f64">];

/** The loss written with ops, as it was before the fused loops. */
function composed([logits, labels]: Pair): Tensor<[], "f64"> {
  return mean(neg(sum(mul(labels, logSoftmax(logits, { axis: -1 })), { axis: -1 })));
}

function fused([logits, labels]: Pair): Tensor<[], "f64"> {
  return softmaxCrossEntropy(logits, labels);
}

/** Logits of both signs and soft labels whose rows do not sum to 1. */
function inputs(rows: number, classes: number): Pair {
  const logits = Array.from({ length: rows * classes }, (_, i) => 6 * Math.sin(i * 1.7) + (i % 3));
  const labels = Array.from({ length: rows * classes }, (_, i) => (Math.cos(i) + 1) / 3);
  return [
    fromArray(Float64Array.from(logits), [rows, classes]),
    fromArray(Float64Array.from(labels), [rows, classes]),
  ];
}

function assertClose(a: ArrayLike<number>, b: ArrayLike<number>, tolerance: number, what: string) {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    assert.ok(Math.abs(a[i] - b[i]) <= tolerance, `${what}[${i}]: ${a[i]} vs ${b[i]}`);
  }
}

Deno.test("softmaxCrossEntropy: the fused loops agree with the op composition in f64", () => {
  // Same formulas, sums in another order: a few ulps of values of order 10.
  const pair = inputs(64, 10);
  const [fusedValue, fusedGrads] = valueAndGrad(fused)(pair);
  const [composedValue, composedGrads] = valueAndGrad(composed)(pair);
  assertClose(fusedValue.data, composedValue.data, 1e-13, "loss");
  assertClose(fusedGrads[0].data, composedGrads[0].data, 1e-15, "d logits");
  assertClose(fusedGrads[1].data, composedGrads[1].data, 1e-14, "d labels");
});

Deno.test("softmaxCrossEntropy: grad of grad takes the differentiable rule", () => {
  // Under an outer transform the rule is written with ops, so second derivatives exist
  // and match the composition's.
  const pair = inputs(3, 4);
  const along = (f: (p: Pair) => Tensor<[], "f64">) => (p: Pair) => sum(mul(grad(f)(p)[0], p[1]));
  const fusedSecond = grad(along(fused))(pair);
  const composedSecond = grad(along(composed))(pair);
  assertClose(fusedSecond[0].data, composedSecond[0].data, 1e-14, "d² logits");
  assertClose(fusedSecond[1].data, composedSecond[1].data, 1e-14, "d² labels");
});

Deno.test("softmaxCrossEntropy: NaN and infinite logits give what the composition gives", () => {
  const logits = fromArray(new Float64Array([NaN, 0, Infinity, 0, -Infinity, 0]), [3, 2]);
  const labels = fromArray(new Float64Array([1, 0, 1, 0, 0, 1]), [3, 2]);
  for (const rows of [[0], [1], [2]]) {
    const pick = (t: Tensor<[number, number], "f64">) =>
      fromArray(Float64Array.from(rows.flatMap((r) => [t.data[2 * r], t.data[2 * r + 1]])), [1, 2]);
    const pair: Pair = [pick(logits), pick(labels)];
    assert.deepEqual(
      Array.from(fused(pair).data),
      Array.from(composed(pair).data),
      `row ${rows[0]}`,
    );
  }
});
