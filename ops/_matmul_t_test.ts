/**
 * `matmulT` under every transpose combination: the forward pass equals
 * `matmul` of explicitly transposed operands, the gradient passes a
 * two-sided difference check in f64 (with broadcast batch dims), and so does
 * grad of grad.
 *
 * @module
 */
import assert from "node:assert/strict";
import { grad } from "../core/autodiff.ts";
import { randomNormal } from "../core/sample.ts";
import { key, split } from "../core/random.ts";
import type { AnyTensor, Tensor } from "../core/tensor.ts";
import { gradCheck } from "../props/grad_check.ts";
import { matmulT } from "./_matmul_t.ts";
import { matmul } from "./matmul.ts";
import { transpose } from "./transpose.ts";
import { add } from "./add.ts";
import { mul } from "./mul.ts";
import { sum } from "./sum.ts";
import { exp } from "./exp.ts";

const f64 = { dtype: "f64" } as const;
const COMBINATIONS = [
  { transA: false, transB: false },
  { transA: false, transB: true },
  { transA: true, transB: false },
  { transA: true, transB: true },
] as const;

/** Swaps the last two axes of `x`. */
function swap(x: AnyTensor): AnyTensor {
  const rank = x.shape.length;
  const perm = [...Array(rank - 2).keys(), rank - 1, rank - 2];
  return transpose(x as Tensor<number[], "f64">, perm as number[]) as AnyTensor;
}

/** Operands of logical shapes `[3, 1, 2, 4]·[5, 4, 3]`, stored as the flags say. */
function operands(seed: number, transA: boolean, transB: boolean) {
  const [ka, kb, kw] = split(key(seed), 3);
  const a = randomNormal(ka, transA ? [3, 1, 4, 2] : [3, 1, 2, 4], f64) as AnyTensor;
  const b = randomNormal(kb, transB ? [5, 3, 4] : [5, 4, 3], f64) as AnyTensor;
  return { a, b, weights: randomNormal(kw, [3, 5, 2, 3], f64) as AnyTensor };
}

for (const [index, flags] of COMBINATIONS.entries()) {
  const label = `transA=${flags.transA}, transB=${flags.transB}`;

  Deno.test(`matmulT (${label}) equals matmul of the transposed operands`, () => {
    const { a, b } = operands(index, flags.transA, flags.transB);
    const want = matmul(
      (flags.transA ? swap(a) : a) as Tensor<number[], "f64">,
      (flags.transB ? swap(b) : b) as Tensor<number[], "f64">,
    );
    const got = matmulT(a, b, flags);
    assert.deepEqual(got.shape, want.shape);
    // Same products summed in the same order: equal to the last bit.
    assert.deepEqual([...got.data], [...want.data]);
  });

  Deno.test(`matmulT (${label}): first-order gradients of both operands`, () => {
    const { a, b, weights } = operands(10 + index, flags.transA, flags.transB);
    const result = gradCheck(
      (p: { a: AnyTensor; b: AnyTensor }) =>
        sum(mul(matmulT(p.a, p.b, flags), weights)) as Tensor<[], "f64">,
      { a, b },
    );
    assert.ok(result.relativeError < 1e-7, JSON.stringify(result));
  });

  Deno.test(`matmulT (${label}): grad of grad`, () => {
    const { a, b, weights } = operands(20 + index, flags.transA, flags.transB);
    const direction = operands(30 + index, flags.transA, flags.transB);
    const loss = (p: { a: AnyTensor; b: AnyTensor }) =>
      sum(exp(mul(mul(matmulT(p.a, p.b, flags), weights), 0.3))) as Tensor<[], "f64">;
    const gradDotV = (p: { a: AnyTensor; b: AnyTensor }) => {
      const g = grad(loss)(p);
      return add(sum(mul(g.a, direction.a)), sum(mul(g.b, direction.b))) as Tensor<[], "f64">;
    };
    const result = gradCheck(gradDotV, { a, b });
    // Differences of an exact gradient in f64 with ε = 1e-6 keep about 9 digits.
    assert.ok(result.relativeError < 1e-6, JSON.stringify(result));
  });
}
