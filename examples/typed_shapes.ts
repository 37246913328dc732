/**
 * The shape demo: runs the typed LeNet-5 of
 * `lenet5_shapes.ts` on a random batch and prints each shape, then computes a
 * gradient three ways — `grad`, the course's linear-regression formula
 * `dw = Xᵀ(Xw − y)/m` written with typed ops, and two-sided differences
 * `(J(w+ε) − J(w−ε))/2ε` — and prints the relative error.
 *
 * Run: `npx -y deno@2.9.6 task example:shapes`.
 *
 * @module
 */
import {
  add,
  div,
  fromArray,
  grad,
  key,
  matmul,
  randomNormal,
  split,
  square,
  sub,
  sum,
  transpose,
} from "../mod.ts";
import { gradCheck } from "../props/grad_check.ts";
import type { AnyTensor, Tensor } from "../mod.ts";
import { lenet5Layers } from "./lenet5_shapes.ts";

function showShape(name: string, t: Tensor): void {
  console.log(`  ${name.padEnd(28)} [${(t.shape as readonly number[]).join(", ")}]`);
}

function lenetShapes(): void {
  const [kx, k1, k3, k5, k6, k7] = split(key(0), 6);
  const he = (nIn: number) => ({ std: Math.sqrt(2 / nIn) });
  const params = {
    c1: randomNormal(k1, [5, 5, 1, 6], he(25)),
    c3: randomNormal(k3, [5, 5, 6, 16], he(150)),
    f5: randomNormal(k5, [120, 400], he(400)),
    f6: randomNormal(k6, [84, 120], he(120)),
    out: randomNormal(k7, [10, 84], he(84)),
  };
  const images = randomNormal(kx, [4, 32, 32, 1]);
  console.log("LeNet-5 on a batch of 4 images (shapes inferred at compile time):");
  showShape("input", images);
  const layers = lenet5Layers(params, images);
  for (const [name, output] of Object.entries(layers)) showShape(name, output);
  const logits: Tensor<[4, 10]> = layers.logits;
  console.log(
    `  logits[0] = ${Array.from(logits.data.subarray(0, 10), (v) => v.toFixed(2)).join(" ")}`,
  );
}

function linearRegressionGradient(): void {
  const [kx, kw, kn] = split(key(1), 3);
  const x = randomNormal(kx, [64, 3], { dtype: "f64" });
  const trueW = fromArray(new Float64Array([2, -1, 0.5]), [3, 1]);
  const y = add(matmul(x, trueW), randomNormal(kn, [64, 1], { dtype: "f64", std: 0.1 }));
  const w = randomNormal(kw, [3, 1], { dtype: "f64" });

  /** J(w) = ‖Xw − y‖² / 2m. */
  const cost = (weights: Tensor<[3, 1], "f64">): Tensor<[], "f64"> =>
    div(sum(square(sub(matmul(x, weights), y))), 2 * 64);

  // 1. By automatic differentiation.
  const automatic: Tensor<[3, 1], "f64"> = grad(cost)(w);
  // 2. By the course's formula, dJ/dw = Xᵀ(Xw − y)/m, written with typed ops.
  const formula = div(matmul(transpose(x), sub(matmul(x, w), y)), 64);
  // 3. By two-sided differences, with the relative error the course reads.
  const check = gradCheck(cost, w);

  const show = (t: AnyTensor) => Array.from(t.data, (v) => v.toFixed(8)).join("  ");
  console.log("\nLinear regression J(w) = ‖Xw − y‖²/2m, X [64, 3], w [3, 1]:");
  console.log(`  grad(cost)        ${show(automatic)}`);
  console.log(`  Xᵀ(Xw − y)/m      ${show(formula)}`);
  console.log(
    `  gradCheck         relative error ${check.relativeError.toExponential(2)}: ${check.verdict}`,
  );
}

lenetShapes();
linearRegressionGradient();
