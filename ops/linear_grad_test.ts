/**
 * Gradients of matmul, dot, transpose, reshape, flatten and broadcastTo:
 * two-sided differences in f64 (first order), and grad of grad where the
 * second derivative is not zero (matmul and dot are bilinear).
 *
 * @module
 */
import assert from "node:assert/strict";
import { grad } from "../core/autodiff.ts";
import { fromArray } from "../core/create.ts";
import { randomNormal } from "../core/sample.ts";
import { key, split } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import { gradCheck } from "../props/grad_check.ts";
import { matmul } from "./matmul.ts";
import { dot } from "./dot.ts";
import { transpose } from "./transpose.ts";
import { reshape } from "./reshape.ts";
import { flatten } from "./flatten.ts";
import { broadcastTo } from "./broadcast_to.ts";
import { concat } from "./concat.ts";
import { mul } from "./mul.ts";
import { sum } from "./sum.ts";
import { exp } from "./exp.ts";

const keys = split(key(7), 8);
const f64 = { dtype: "f64" } as const;

/** A fixed random weighting, so that every output entry matters to the checked scalar. */
function weigh<const S extends readonly number[]>(shape: S, seed: number) {
  return randomNormal(split(key(seed), 1)[0], shape, f64);
}

Deno.test("matmul: gradients of both operands, with broadcast batch dims", () => {
  const a = randomNormal(keys[0], [3, 1, 2, 4], f64);
  const b = randomNormal(keys[1], [5, 4, 3], f64);
  const weights = weigh([3, 5, 2, 3], 1);
  const result = gradCheck(
    (p: { a: typeof a; b: typeof b }) => sum(mul(matmul(p.a, p.b), weights)),
    { a, b },
  );
  assert.ok(result.relativeError < 1e-7, JSON.stringify(result));
});

Deno.test("matmul: second order (the loss is not linear in the params)", () => {
  const a = randomNormal(keys[2], [2, 3], f64);
  const b = randomNormal(keys[3], [3, 2], f64);
  const v = { a: weigh([2, 3], 2), b: weigh([3, 2], 3) };
  const loss = (p: { a: typeof a; b: typeof b }) => sum(exp(mul(matmul(p.a, p.b), 0.5)));
  const gradDotV = (p: { a: typeof a; b: typeof b }) => {
    const g = grad(loss)(p);
    return sum(mul(g.a, v.a)) as Tensor<[], "f64">;
  };
  const result = gradCheck(gradDotV, { a, b });
  // Differences of an exact gradient in f64 with ε = 1e-6 keep about 9 digits.
  assert.ok(result.relativeError < 1e-6, JSON.stringify(result));
});

Deno.test("dot: gradient g·b and g·a; grad of grad of x·x is 2", () => {
  const x = fromArray(new Float64Array([1, -2, 3]), [3]);
  assert.deepEqual(Array.from(grad((p: typeof x) => dot(p, p))(x).data), [2, -4, 6]);
  const hessianRow = grad((p: typeof x) => sum(grad((q: typeof x) => dot(q, q))(p)))(x);
  assert.deepEqual(Array.from(hessianRow.data), [2, 2, 2]);
});

Deno.test("transpose, reshape, flatten, broadcastTo: gradients route the cotangent back", () => {
  const x = randomNormal(keys[4], [2, 3, 4], f64);
  const checks = [
    gradCheck((p: typeof x) => sum(mul(transpose(p, [2, 0, 1]), weigh([4, 2, 3], 4))), x),
    gradCheck((p: typeof x) => sum(mul(transpose(p), weigh([4, 3, 2], 5))), x),
    gradCheck((p: typeof x) => sum(mul(reshape(p, [6, -1]), weigh([6, 4], 6))), x),
    gradCheck((p: typeof x) => sum(mul(flatten(p), weigh([2, 12], 7))), x),
    gradCheck((p: typeof x) => sum(mul(broadcastTo(p, [5, 2, 3, 4]), weigh([5, 2, 3, 4], 8))), x),
  ];
  for (const result of checks) assert.ok(result.relativeError < 1e-7, JSON.stringify(result));
});

Deno.test("broadcastTo: the gradient sums over the stretched axes", () => {
  const row = fromArray(new Float64Array([1, 2, 3]), [1, 3]);
  const g = grad((p: typeof row) => sum(broadcastTo(p, [4, 3])))(row);
  assert.deepEqual(Array.from(g.data), [4, 4, 4]);
});

Deno.test("concat: each part gets its slab of the cotangent", () => {
  const a = randomNormal(keys[5], [2, 3, 2], f64);
  const b = randomNormal(keys[6], [2, 1, 2], f64);
  const weights = weigh([2, 7, 2], 9);
  const result = gradCheck(
    (p: { a: typeof a; b: typeof b }) => sum(mul(concat([p.a, p.b, p.a], 1), weights)),
    { a, b },
  );
  assert.ok(result.relativeError < 1e-7, JSON.stringify(result));
});
