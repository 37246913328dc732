/**
 * Tests of checkGradients and assessGradients: correct gradients pass for
 * every generated tree, wrong ones fail with a counterexample whose message
 * names the worst entries (full check) or leaves (directional check), the
 * order-2 check catches what order 1 cannot, and the absolute floor.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { tensor } from "../core/create.ts";
import type { Tensor } from "../core/tensor.ts";
import { add } from "../ops/add.ts";
import { exp } from "../ops/exp.ts";
import { matmul } from "../ops/matmul.ts";
import { mul } from "../ops/mul.ts";
import { sum } from "../ops/sum.ts";
import { checkGradients } from "./check_gradients.ts";
import { assessGradients } from "./assess_gradients.ts";
import { treeArbitrary } from "./tree_arbitraries.ts";
import { squareFrozenRule, squareMissingFactor } from "./_buggy_ops_test_helpers.ts";

const SETTINGS = { seed: 20261128, numRuns: 20 };

type Params = { x: Tensor<[4, 3], "f64">; layer: { w: Tensor<[3, 2], "f64"> } };
const shapes = { x: [4, 3], layer: { w: [3, 2] } } as const;

const loss = (p: Params) => sum(exp(mul(matmul(p.x, p.layer.w), 0.5)));
const buggyLoss = (p: Params) => add(loss(p), sum(squareMissingFactor(p.layer.w)));

function failure(property: fc.IPropertyWithHooks<[Params]>): string {
  const details = fc.check(property, SETTINGS);
  assert.ok(details.failed, "the property should have failed");
  return String((details.errorInstance as Error).message);
}

Deno.test("checkGradients: a correct loss passes, by the full and the directional check", () => {
  fc.assert(checkGradients(loss, treeArbitrary(shapes)), SETTINGS);
  fc.assert(checkGradients(loss, treeArbitrary(shapes), { directionalAbove: 4 }), SETTINGS);
  fc.assert(checkGradients(loss, treeArbitrary(shapes), { order: 2 }), SETTINGS);
});

Deno.test("checkGradients: a wrong rule fails, naming the worst entries with their paths", () => {
  const message = failure(checkGradients(buggyLoss, treeArbitrary(shapes)));
  assert.match(message, /gradient check failed at order 1 \(full differences, 18 entries\)/);
  assert.match(message, /verdict "bug"/);
  assert.match(message, /params: x: Tensor<f64>\[4, 3\], layer\.w: Tensor<f64>\[3, 2\]/);
  assert.match(message, /worst entries:\n {2}layer\.w\[\d, \d\]: analytic/);
});

Deno.test("checkGradients: above the size threshold, a failure names the worst leaves", () => {
  const message = failure(
    checkGradients(buggyLoss, treeArbitrary(shapes), { directionalAbove: 4 }),
  );
  assert.match(message, /directional, 3 random probes, 18 entries/);
  assert.match(message, /worst leaves \(each perturbed alone\):\n {2}layer\.w: relative error/);
});

Deno.test("checkGradients: order 2 catches a rule that is right at first order only", () => {
  const frozen = (p: Params) => sum(exp(mul(squareFrozenRule(matmul(p.x, p.layer.w)), 0.1)));
  fc.assert(checkGradients(frozen, treeArbitrary(shapes)), SETTINGS);
  const message = failure(checkGradients(frozen, treeArbitrary(shapes), { order: 2 }));
  assert.match(message, /failed at order 2/);
  assert.doesNotMatch(message, /failed at order 1/);
});

Deno.test("assessGradients: reports each order with its method, error and tolerance", () => {
  const w = tensor([0.5, -0.25, 1], { dtype: "f64" });
  const f = (p: typeof w) => sum(exp(p));
  const report = assessGradients(f, w, { order: 2, directionalAbove: 2 });
  assert.ok(report.passed);
  assert.equal(report.message, "");
  assert.deepEqual(report.orders.map((o) => [o.order, o.method, o.tolerance]), [
    [1, "directional", 1e-7],
    [2, "directional", 1e-6],
  ]);
});

Deno.test("assessGradients: the absolute floor passes roundoff around a vanishing derivative", () => {
  // The Hessian is a (wrong) 1e-13: both sides of the order-2 check are roundoff.
  const w = tensor([0.5], { dtype: "f64" });
  const f = (p: typeof w) => sum(add(p, mul(squareMissingFactor(p), 1e-13)));
  const strict = assessGradients(f, w);
  assert.ok(strict.passed, "first order: the wrong term is far below 1e-7 relative");
  const second = assessGradients(f, w, { order: 2 });
  assert.ok(!second.passed, "order 2: at roundoff level, the relative error is large");
  assert.ok(assessGradients(f, w, { order: 2, absoluteTolerance: 1e-9 }).passed);
});
