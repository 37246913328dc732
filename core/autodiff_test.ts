/**
 * Tests of the transforms: gradients over parameter trees, typed like them;
 * vjp with any cotangent; stopGradient; nesting (grad of grad, Hessian-vector
 * products, closures over outer variables); and that nothing is recorded
 * outside a transform.
 *
 * @module
 */
import assert from "node:assert/strict";
import { grad, stopGradient, valueAndGrad, vjp } from "./autodiff.ts";
import { fromArray, scalar, tensor } from "./create.ts";
import { ShapeError } from "./errors.ts";
import type { Tensor } from "./tensor.ts";
import { isTracing } from "./trace.ts";
import type { Equal } from "./_type_assert.ts";
import { expectType } from "./_type_assert.ts";
import { add } from "../ops/add.ts";
import { mul } from "../ops/mul.ts";
import { sum } from "../ops/sum.ts";
import { exp } from "../ops/exp.ts";
import { matmul } from "../ops/matmul.ts";
import { dot } from "../ops/dot.ts";
import { jvp } from "../ops/jvp.ts";
import { tanh } from "../ops/tanh.ts";
import { transpose } from "../ops/transpose.ts";
import { softmaxCrossEntropy } from "../ops/softmax_cross_entropy.ts";
import { gradCheck } from "../props/grad_check.ts";
import { randomNormal } from "./sample.ts";
import { key, split } from "./random.ts";
import { treeLeaves, treeMap } from "./tree.ts";

const f64 = { dtype: "f64" } as const;

interface Params {
  readonly w: Tensor<[2, 3], "f64">;
  readonly layers: readonly { readonly b: Tensor<[3], "f64"> }[];
}

const params: Params = {
  w: tensor([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], f64),
  layers: [{ b: tensor([1, 2, 3], f64) }, { b: tensor([-1, 0, 1], f64) }],
};

function loss(p: Params, x: Tensor<[4, 2], "f64">): Tensor<[], "f64"> {
  const hidden = add(add(matmul(x, p.w), p.layers[0].b), p.layers[1].b);
  return sum(exp(mul(hidden, 0.5)));
}

const x = tensor([[1, 0], [0, 1], [1, 1], [-1, 2]], f64);

Deno.test("grad returns a tree typed and shaped like the params", () => {
  const g = grad(loss)(params, x);
  expectType<Equal<typeof g, Params>>();
  assert.deepEqual(g.w.shape, [2, 3]);
  assert.equal(g.layers.length, 2);
  assert.deepEqual(g.layers[1].b.shape, [3]);
  // Both biases enter the same way, so their gradients are equal.
  assert.deepEqual(Array.from(g.layers[0].b.data), Array.from(g.layers[1].b.data));
});

Deno.test("valueAndGrad agrees with the value and with two-sided differences", () => {
  const [value, g] = valueAndGrad(loss)(params, x);
  assert.equal(value.data[0], loss(params, x).data[0]);
  const eps = 1e-6;
  const shifted = (delta: number) => {
    const w = Float64Array.from(params.w.data);
    w[4] += delta;
    return loss({ ...params, w: fromArray(w, [2, 3]) }, x).data[0];
  };
  const numeric = (shifted(eps) - shifted(-eps)) / (2 * eps);
  assert.ok(Math.abs(numeric - g.w.data[4]) < 1e-7 * Math.abs(numeric));
});

Deno.test("a leaf that does not reach the output gets a zero gradient", () => {
  const g = grad((p: { used: Tensor<[2], "f64">; unused: Tensor<[2], "f64"> }) =>
    dot(p.used, p.used)
  )({
    used: tensor([1, 2], f64),
    unused: tensor([5, 6], f64),
  });
  assert.deepEqual(Array.from(g.unused.data), [0, 0]);
  assert.deepEqual(Array.from(g.used.data), [2, 4]);
});

Deno.test("the same tensor twice in a tree gets a gradient at each place", () => {
  const shared = tensor([1, 2], f64);
  const g = grad((p: { a: Tensor<[2], "f64">; b: Tensor<[2], "f64"> }) => dot(p.a, mul(p.b, 3)))({
    a: shared,
    b: shared,
  });
  assert.deepEqual(Array.from(g.a.data), [3, 6]);
  assert.deepEqual(Array.from(g.b.data), [3, 6]);
});

Deno.test("gradients with respect to inputs work like any other", () => {
  const w = tensor([[2], [3]], f64);
  const dx = grad((input: Tensor<[1, 2], "f64">) => sum(matmul(input, w)))(tensor([[0, 0]], f64));
  assert.deepEqual(dx.toArray(), [[2, 3]]);
});

Deno.test("vjp pulls back any cotangent, and checks its shape", () => {
  const [y, pullback] = vjp((p: Tensor<[2, 3], "f64">) => matmul(x, p), params.w);
  assert.deepEqual(y.shape, [4, 3]);
  const ones = fromArray(new Float64Array(12).fill(1), [4, 3]);
  const back = pullback(ones);
  // d/dW sum(xW) = xᵀ·1: column sums of x repeated.
  assert.deepEqual(back.toArray(), [[1, 1, 1], [4, 4, 4]]);
  assert.throws(
    () => pullback(fromArray(new Float64Array(3), [3]) as unknown as typeof ones),
    ShapeError,
  );
});

Deno.test("grad refuses a non-scalar function at compile time and at run time", () => {
  const vectorValued = (p: Tensor<[2], "f64">) => mul(p, 2);
  // @ts-expect-error the function returns Tensor<[2]>, not a scalar
  const g = grad(vectorValued);
  assert.throws(() => g(tensor([1, 2], f64)), /must return a scalar/);
});

Deno.test("stopGradient cuts the dependence but keeps the value", () => {
  const y = tensor([3, 4], f64);
  const g = grad((p: Tensor<[2], "f64">) => dot(p, stopGradient(p)))(y);
  assert.deepEqual(Array.from(g.data), [3, 4]);
  assert.deepEqual(Array.from(stopGradient(y).data), [3, 4]);
});

Deno.test("grad of grad: Hessian-vector product of a cubic", () => {
  // f(x) = Σ x³ → ∇f = 3x², H = diag(6x); H·v = 6·x·v.
  const cubic = (p: Tensor<[3], "f64">) => sum(mul(p, mul(p, p)));
  const v = tensor([1, -1, 2], f64);
  const hvp = grad((p: Tensor<[3], "f64">) => dot(grad(cubic)(p), v))(tensor([1, 2, 3], f64));
  assert.deepEqual(Array.from(hvp.data), [6, -12, 36]);
});

Deno.test("nesting keeps levels apart (no perturbation confusion)", () => {
  // d/dx [ x · d/dy (x + y) ] at y = 1 is d/dx [x · 1] = 1, not 2.
  const outer = grad((xs: Tensor<[], "f64">) => {
    const inner = grad((ys: Tensor<[], "f64">) => add(xs, ys))(scalar(1, f64));
    return mul(xs, inner);
  });
  assert.equal(outer(scalar(5, f64)).data[0], 1);
});

Deno.test("jvp: forward-mode directional derivatives from two backward passes", () => {
  const [y, tangent] = jvp((p: Params) => loss(p, x), params, {
    w: tensor([[1, 0, 0], [0, 0, 0]], f64),
    layers: [{ b: tensor([0, 0, 0], f64) }, { b: tensor([0, 0, 0], f64) }],
  });
  const g = grad(loss)(params, x);
  assert.equal(y.data[0], loss(params, x).data[0]);
  assert.ok(Math.abs(tangent.data[0] - g.w.data[0]) < 1e-12);
});

Deno.test("outside a transform nothing is traced", () => {
  assert.equal(isTracing(), false);
  loss(params, x);
  assert.equal(isTracing(), false);
  let inside = false;
  grad((p: Tensor<[], "f64">) => {
    inside = isTracing();
    return mul(p, p);
  })(scalar(1, f64));
  assert.equal(inside, true);
  assert.equal(isTracing(), false);
});

Deno.test("a throwing function leaves no trace active", () => {
  assert.throws(() =>
    grad((_: Tensor<[], "f64">): Tensor<[], "f64"> => {
      throw new RangeError("boom");
    })(scalar(1, f64))
  );
  assert.equal(isTracing(), false);
});

Deno.test("grad of grad on a small MLP loss: Hessian-vector products match differences of gradients", () => {
  type Mlp = {
    w1: Tensor<[4, 3], "f64">;
    b1: Tensor<[4], "f64">;
    w2: Tensor<[2, 4], "f64">;
    b2: Tensor<[2], "f64">;
  };
  const [k1, k2, k3, kx] = split(key(11), 4);
  const mlp: Mlp = {
    w1: randomNormal(k1, [4, 3], f64),
    b1: tensor([0.1, -0.1, 0.2, 0], f64),
    w2: randomNormal(k2, [2, 4], f64),
    b2: tensor([0.05, -0.05], f64),
  };
  const inputs = randomNormal(kx, [5, 3], f64);
  const labels = tensor([[1, 0], [0, 1], [1, 0], [1, 0], [0, 1]], f64);
  const mlpLoss = (p: Mlp) => {
    const hidden = tanh(add(matmul(inputs, transpose(p.w1)), p.b1));
    const logits = add(matmul(hidden, transpose(p.w2)), p.b2);
    return softmaxCrossEntropy(logits, labels);
  };
  const direction = treeMap(mlp, (leaf) => randomNormal(k3, [...leaf.shape], f64));
  const hessianTimesDirection = (p: Mlp) => {
    const g = grad(mlpLoss)(p);
    const pairs = treeLeaves(g).map(({ leaf }, i) => sum(mul(leaf, treeLeaves(direction)[i].leaf)));
    return pairs.reduce((total, term) => add(total, term)) as Tensor<[], "f64">;
  };
  const result = gradCheck(hessianTimesDirection, mlp);
  // Differences of an exact gradient (ε = 1e-6) in f64 keep about nine digits.
  assert.ok(result.relativeError < 1e-6, JSON.stringify(result.worst));
  assert.equal(result.entries, 12 + 4 + 8 + 2);
});

Deno.test("valueAndGrad with hasAux: [[loss, aux], grads], the grads the loss's alone", () => {
  const withState = (p: Params, input: Tensor<[4, 2], "f64">) => {
    const value = loss(p, input);
    return [value, { state: mul(p.w, 2), steps: 1 }] as const;
  };
  const [[value, aux], g] = valueAndGrad(withState, { hasAux: true })(params, x);
  expectType<Equal<typeof value, Tensor<[], "f64">>>();
  expectType<Equal<typeof aux, { readonly state: Tensor<[2, 3], "f64">; readonly steps: 1 }>>();
  expectType<Equal<typeof g, Params>>();
  const [plainValue, plainGrads] = valueAndGrad(loss)(params, x);
  assert.equal(value.data[0], plainValue.data[0]);
  assert.deepEqual(Array.from(g.w.data), Array.from(plainGrads.w.data));
  assert.deepEqual(Array.from(aux.state.data), Array.from(params.w.data, (v) => 2 * v));
  assert.equal(aux.steps, 1);
  // The old form still takes `{ hasAux: false }`; a bare scalar needs hasAux off.
  const [same] = valueAndGrad(loss, { hasAux: false })(params, x);
  assert.equal(same.data[0], plainValue.data[0]);
  // @ts-expect-error with hasAux the function must return [loss, aux]
  const wrong = valueAndGrad(loss, { hasAux: true });
  assert.throws(() => wrong(params, x), /must return \[loss, aux\], got object/);
  // @ts-expect-error without hasAux the function must return a scalar tensor
  assert.throws(() => valueAndGrad(withState)(params, x), TypeError);
});

Deno.test("valueAndGrad with hasAux nests under grad: the aux is passed out, not differentiated", () => {
  const outer = grad((w: Tensor<[3], "f64">) => {
    const [[value, aux], inner] = valueAndGrad(
      (v: Tensor<[3], "f64">) => [sum(mul(v, v)), sum(v)] as const,
      { hasAux: true },
    )(w);
    assert.equal(aux.data[0], 6);
    assert.equal(value.data[0], 14);
    return sum(mul(inner, w)); // Σ 2w² → gradient 4w
  });
  assert.deepEqual(Array.from(outer(tensor([1, 2, 3], f64)).data), [4, 8, 12]);
});
