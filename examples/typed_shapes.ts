/**
 * The demo until the training demo lands: runs the typed LeNet-5 of
 * `lenet5_shapes.ts` on a random batch and prints each shape, then computes a
 * gradient — the course's linear-regression gradient `dw = Xᵀ(Xw − y)/m`,
 * derived by hand and written with typed ops — and checks it against
 * two-sided differences `(J(w+ε) − J(w−ε))/2ε`.
 *
 * Run: `npx -y deno@2.9.6 task demo`.
 *
 * @module
 */
import { fromArray, key, matmul, randomNormal, split, transpose } from "../mod.ts";
import type { Tensor } from "../mod.ts";
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

/** J(w) = ‖Xw − y‖² / 2m for a design matrix `X` `[m, n]`. */
function cost(
  x: Tensor<[64, 3], "f64">,
  w: Tensor<[3, 1], "f64">,
  y: Tensor<[64, 1], "f64">,
): number {
  const prediction = matmul(x, w);
  let total = 0;
  for (let i = 0; i < 64; i++) total += (prediction.data[i] - y.data[i]) ** 2;
  return total / (2 * 64);
}

function linearRegressionGradient(): void {
  const [kx, kw, kn] = split(key(1), 3);
  const x = randomNormal(kx, [64, 3], { dtype: "f64" });
  const trueW = fromArray(new Float64Array([2, -1, 0.5]), [3, 1]);
  const noise = randomNormal(kn, [64, 1], { dtype: "f64", std: 0.1 });
  const clean = matmul(x, trueW);
  const y = fromArray(clean.data.map((v, i) => v + noise.data[i]), [64, 1]);
  const w = randomNormal(kw, [3, 1], { dtype: "f64" });

  const residual = fromArray(matmul(x, w).data.map((v, i) => v - y.data[i]), [64, 1]);
  const dw: Tensor<[3, 1], "f64"> = matmul(transpose(x), residual);
  const analytic = Array.from(dw.data, (v) => v / 64);

  const eps = 1e-6;
  const numeric = analytic.map((_, j) => {
    const shifted = (delta: number) =>
      fromArray(w.data.map((v, i) => (i === j ? v + delta : v)), [3, 1]);
    return (cost(x, shifted(eps), y) - cost(x, shifted(-eps), y)) / (2 * eps);
  });
  const norm = (v: number[]) => Math.hypot(...v);
  const difference = norm(analytic.map((g, i) => g - numeric[i]));
  const relative = difference / (norm(analytic) + norm(numeric));
  console.log("\nLinear regression, dJ/dw = Xᵀ(Xw − y)/m with X [64, 3], w [3, 1]:");
  console.log(`  analytic  ${analytic.map((v) => v.toFixed(8)).join("  ")}`);
  console.log(`  numerical ${numeric.map((v) => v.toFixed(8)).join("  ")}`);
  console.log(`  relative error ${relative.toExponential(2)} (the course: ~1e-7 is fine)`);
}

lenetShapes();
linearRegressionGradient();
