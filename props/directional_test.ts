/**
 * Tests of the random-direction checks: correct gradients of non-scalar
 * functions pass on large inputs and on trees of any structure, wrong rules
 * are caught at first order (a missing factor) and at second order only (a
 * rule cut off from differentiation), `paths` narrows a failure to a leaf,
 * and the options are validated.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { grad } from "../core/autodiff.ts";
import { tensor } from "../core/create.ts";
import { key } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";
import type { Shape } from "../core/shape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { treeLeaves } from "../core/tree.ts";
import { add } from "../ops/add.ts";
import { exp } from "../ops/exp.ts";
import { matmul } from "../ops/matmul.ts";
import { mul } from "../ops/mul.ts";
import { sum } from "../ops/sum.ts";
import { directionalCheck, gradientAlong, hessianVectorCheck } from "./directional.ts";
import { gradCheck } from "./grad_check.ts";
import type { AnyTree } from "./tree_arbitraries.ts";
import { paramTreeArbitrary } from "./tree_arbitraries.ts";
import { squareFrozenRule, squareMissingFactor } from "./_buggy_ops_test_helpers.ts";

const SETTINGS = { seed: 20261128, numRuns: 30 };
const f64 = { dtype: "f64" } as const;
type AnyTensor = Tensor<Shape, DType>;

Deno.test("directionalCheck: a 12k-parameter layer with a matrix output passes below 1e-7", () => {
  const x = randomNormal(key(1), [64, 128], { ...f64, std: 0.1 });
  const w = randomNormal(key(2), [128, 32], { ...f64, std: 0.1 });
  const layer = (p: { x: typeof x; w: typeof w }) => exp(matmul(p.x, p.w));
  const result = directionalCheck(layer, { x, w }, { probes: 4 });
  assert.equal(result.entries, 64 * 128 + 128 * 32);
  assert.equal(result.probes.length, 4);
  assert.ok(result.relativeError < 1e-7, `${result.relativeError}`);
  assert.equal(result.verdict, "fine");
});

/** exp of the first leaf (any shape), scaled by the sum of squares of every leaf. */
function treeFunction(tree: AnyTree): AnyTensor {
  const leaves = treeLeaves(tree).map(({ leaf }) => leaf);
  let total: AnyTensor = sum(mul(leaves[0], leaves[0]));
  for (const leaf of leaves.slice(1)) total = add(total, sum(mul(leaf, leaf)));
  return mul(exp(leaves[0]), mul(total, 0.1));
}

Deno.test("directionalCheck: passes on trees of any structure with non-scalar outputs", () => {
  fc.assert(
    fc.property(paramTreeArbitrary(), (tree) => {
      const result = directionalCheck(treeFunction, tree);
      assert.ok(
        result.relativeError < 1e-7 || result.absoluteError < 1e-9,
        `${result.relativeError} ${JSON.stringify(result.probes)}`,
      );
    }),
    SETTINGS,
  );
});

Deno.test("directionalCheck: a rule with a wrong factor is a bug; paths narrow it to its leaf", () => {
  const params = { good: tensor([0.5, -1], f64), bad: tensor([[0.3, 0.7]], f64) };
  const f = (p: typeof params) => add(sum(exp(p.good)), sum(squareMissingFactor(p.bad)));
  const whole = directionalCheck(f, params);
  assert.equal(whole.verdict, "bug");
  const good = directionalCheck(f, params, { paths: ["good"] });
  const bad = directionalCheck(f, params, { paths: ["bad"] });
  assert.equal(good.entries, 2);
  assert.ok(good.relativeError < 1e-8);
  assert.ok(bad.relativeError > 0.1);
  // Along "bad" alone, the rule's g·x is exactly half of the differences' g·2x.
  for (const probe of bad.probes) assert.ok(Math.abs(probe.numeric / probe.analytic - 2) < 1e-6);
});

Deno.test("directionalCheck: agrees with gradCheck's verdicts on small problems", () => {
  const w = tensor([0.2, -0.4, 0.9], f64);
  const right = (p: typeof w) => sum(exp(mul(p, p)));
  const wrong = (p: typeof w) => sum(squareMissingFactor(p));
  assert.equal(directionalCheck(right, w).verdict, gradCheck(right, w).verdict);
  assert.equal(directionalCheck(wrong, w).verdict, gradCheck(wrong, w).verdict);
});

Deno.test("directionalCheck: the same key draws the same directions", () => {
  const w = tensor([0.2, -0.4, 0.9], f64);
  const f = (p: typeof w) => exp(p);
  const first = directionalCheck(f, w, { key: key(7) });
  assert.deepEqual(directionalCheck(f, w, { key: key(7) }).probes, first.probes);
  assert.notDeepEqual(directionalCheck(f, w, { key: key(8) }).probes, first.probes);
});

Deno.test("directionalCheck: options are validated", () => {
  const w = { a: tensor([1], f64) };
  const f = (p: typeof w) => p.a;
  assert.throws(() => directionalCheck(f, w, { epsilon: 0 }), RangeError);
  assert.throws(() => directionalCheck(f, w, { probes: 0 }), RangeError);
  assert.throws(() => directionalCheck(f, w, { paths: ["b"] }), /no leaf at b; the leaves are a/);
});

Deno.test("gradientAlong: its gradient is the Hessian-vector product", () => {
  // f(x) = Σ exp(x): H = diag(eˣ), so H·v = eˣ·v.
  const x = tensor([0.1, -0.5, 1], f64);
  const v = tensor([1, 2, -3], f64);
  const hv = grad(gradientAlong((p: typeof x) => sum(exp(p)), v))(x);
  hv.data.forEach((value, i) =>
    assert.ok(Math.abs(value - Math.exp(x.data[i]) * v.data[i]) < 1e-12)
  );
});

Deno.test("hessianVectorCheck: passes for smooth functions of trees", () => {
  fc.assert(
    fc.property(paramTreeArbitrary(), (tree) => {
      const scalar = (p: AnyTree) => sum(treeFunction(p)) as Tensor<[], "f64">;
      const result = hessianVectorCheck(scalar, tree);
      assert.ok(
        result.relativeError < 1e-6 || result.absoluteError < 1e-9,
        `${result.relativeError} ${JSON.stringify(result.probes)}`,
      );
    }),
    SETTINGS,
  );
});

Deno.test("hessianVectorCheck: catches a rule that is right at first order only", () => {
  const x = tensor([0.3, -0.8, 1.2], f64);
  const f = (p: typeof x) => sum(exp(squareFrozenRule(p)));
  assert.equal(gradCheck(f, x).verdict, "fine");
  const second = hessianVectorCheck(f, x);
  assert.equal(second.verdict, "bug");
  const correct = hessianVectorCheck((p: typeof x) => sum(exp(mul(p, p))), x);
  assert.ok(correct.relativeError < 1e-6);
});

Deno.test("hessianVectorCheck: an explicit vector is used as given", () => {
  const x = tensor([0.3, -0.8], f64);
  // f = Σ x³/3 + ...: with v = e₀, ⟨t, H·v⟩ = t₀·2x₀.
  const f = (p: typeof x) => sum(mul(mul(p, p), p));
  const result = hessianVectorCheck(f, x, { vector: tensor([1, 0], f64), probes: 1 });
  assert.ok(result.relativeError < 1e-8);
});
