/**
 * Tests of gradCheck and verdictOf: correct gradients pass near 1e-10 in
 * f64, a gradient with a wrong factor is called a bug and its worst entries
 * are named with their paths, the course's thresholds, and the options.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { fromArray, tensor } from "../core/create.ts";
import type { Tensor } from "../core/tensor.ts";
import { add } from "../ops/add.ts";
import { exp } from "../ops/exp.ts";
import { matmul } from "../ops/matmul.ts";
import { mul } from "../ops/mul.ts";
import { sum } from "../ops/sum.ts";
import { gradCheck, verdictOf } from "./grad_check.ts";
import { treeArbitrary } from "./tree_arbitraries.ts";
import { squareMissingFactor } from "./_buggy_ops_test_helpers.ts";

const SETTINGS = { seed: 20261128, numRuns: 30 };

type Layer = { w: Tensor<[3, 2], "f64">; b: Tensor<[2], "f64"> };

Deno.test("gradCheck: a correct gradient over a tree passes at ~1e-10", () => {
  const x = tensor([[0.5, -1, 2], [1, 0.2, -0.3]], { dtype: "f64" });
  const loss = (p: { layers: Layer[] }) =>
    sum(exp(mul(matmul(x, p.layers[0].w), p.layers[0].b))) as Tensor<[], "f64">;
  fc.assert(
    fc.property(treeArbitrary({ layers: [{ w: [3, 2], b: [2] }] }), (params) => {
      const result = gradCheck(loss, params);
      assert.equal(result.entries, 8);
      assert.equal(result.verdict, "fine");
      assert.ok(result.relativeError < 1e-8, `${result.relativeError}`);
    }),
    SETTINGS,
  );
});

Deno.test("gradCheck: a rule with a wrong factor is a bug, and the worst entries name their paths", () => {
  const params = {
    good: tensor([1, 2], { dtype: "f64" }),
    bad: [tensor([[3, -4]], { dtype: "f64" })],
  };
  const result = gradCheck(
    (p: typeof params) => add(sum(mul(p.good, p.good)), sum(squareMissingFactor(p.bad[0]))),
    params,
    { worst: 2 },
  );
  assert.equal(result.verdict, "bug");
  assert.ok(result.relativeError > 0.1);
  assert.deepEqual(result.worst.map((w) => `${w.path}[${w.index}]`), [
    "bad[0][0,1]",
    "bad[0][0,0]",
  ]);
  const [worst] = result.worst;
  // The rule gives g·x, half of the true g·2x.
  assert.ok(Math.abs(worst.numeric / worst.analytic - 2) < 1e-6);
});

Deno.test("gradCheck: f32 params are checked in f64", () => {
  const result = gradCheck(
    (w: Tensor<[3]>) => sum(exp(w)),
    fromArray(new Float32Array([0.1, 0.2, 0.3]), [3]),
  );
  assert.ok(result.relativeError < 1e-8);
});

Deno.test("gradCheck: a constant function gives zero error, not NaN", () => {
  const result = gradCheck(
    (w: Tensor<[2], "f64">) => sum(mul(w, 0)),
    tensor([1, 2], { dtype: "f64" }),
  );
  assert.equal(result.relativeError, 0);
  assert.equal(result.absoluteError, 0);
  assert.equal(result.verdict, "fine");
});

Deno.test("gradCheck: epsilon must be positive and finite", () => {
  const w = tensor([1], { dtype: "f64" });
  for (const epsilon of [0, -1e-6, Infinity, NaN]) {
    assert.throws(() => gradCheck((p: typeof w) => sum(p), w, { epsilon }), RangeError);
  }
});

Deno.test("verdictOf: the course's reading of a relative error", () => {
  assert.equal(verdictOf(1e-9), "fine");
  assert.equal(verdictOf(1e-7), "fine");
  assert.equal(verdictOf(1e-5), "inspect");
  assert.equal(verdictOf(5e-4), "inspect");
  assert.equal(verdictOf(1e-3), "bug");
  assert.equal(verdictOf(1), "bug");
  assert.equal(verdictOf(NaN), "bug");
});

Deno.test("gradCheck: checks a hand-written gradient given as an option", () => {
  const w = tensor([0.5, -1, 2], { dtype: "f64" });
  const f = (p: typeof w) => sum(mul(mul(p, p), p));
  const right = gradCheck(f, w, { gradient: (p) => mul(mul(p, p), 3) });
  assert.equal(right.verdict, "fine");
  const wrong = gradCheck(f, w, { gradient: (p) => mul(mul(p, p), 2) });
  assert.equal(wrong.verdict, "bug");
  assert.throws(
    () =>
      gradCheck(f, w, { gradient: () => tensor([1, 2], { dtype: "f64" }) as unknown as typeof w }),
    /the gradient must be a tree like the params/,
  );
});
