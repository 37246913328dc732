/**
 * The course's gradient-checking procedure, step by step, on a small
 * two-layer net (relu hidden layer, sigmoid output, L2-regularised cost):
 *
 * 1. Check the gradient autodiff gives: relative error ~1e-10, "fine".
 * 2. Check a hand-written backward pass (the course's backprop equations):
 *    also fine.
 * 3. The same backward pass with the L2 term's gradient `λ/m·W` forgotten:
 *    the check says "bug" and its worst entries point at the weights.
 * 4. Dropout left on: every evaluation of the cost draws a new mask, so the
 *    differences measure the noise, not the slope. Turn dropout off (or fix
 *    the mask) while checking.
 * 5. Beyond the course: random-direction checks, which cost two evaluations
 *    per probe however many parameters there are, at first order and at
 *    second (Hessian-vector products from grad of grad).
 *
 * Run: `npx -y deno@2.9.6 run examples/gradient_check.ts`.
 *
 * @module
 */
import { foldIn, key, split } from "../core/random.ts";
import { randomNormal, randomUniform } from "../core/sample.ts";
import type { Tensor } from "../core/tensor.ts";
import { add } from "../ops/add.ts";
import { div } from "../ops/div.ts";
import { greater, less } from "../ops/compare.ts";
import { matmul } from "../ops/matmul.ts";
import { mul } from "../ops/mul.ts";
import { relu } from "../ops/relu.ts";
import { sigmoid } from "../ops/sigmoid.ts";
import { sigmoidCrossEntropy } from "../ops/sigmoid_cross_entropy.ts";
import { square } from "../ops/square.ts";
import { sub } from "../ops/sub.ts";
import { sum } from "../ops/sum.ts";
import { transpose } from "../ops/transpose.ts";
import type { GradCheckResult } from "../props/mod.ts";
import { directionalCheck, gradCheck, hessianVectorCheck } from "../props/mod.ts";

// ---- the net: m = 8 examples, n_x = 4 features, n_h = 5 hidden units ----

const m = 8;
const lambda = 0.15;

/** Dense weights `[n_out, n_in]` as in the course (`y = x·Wᵀ + b`). */
type Params = {
  W1: Tensor<[5, 4], "f64">;
  b1: Tensor<[5], "f64">;
  W2: Tensor<[1, 5], "f64">;
  b2: Tensor<[1], "f64">;
};

const [kx, ky, k1, k2, k3, k4] = split(key(2026), 6);
const X = randomNormal(kx, [m, 4], { dtype: "f64" });
const Y = less(randomUniform(ky, [m, 1], { dtype: "f64" }), 0.5);
const params: Params = {
  W1: randomNormal(k1, [5, 4], { dtype: "f64", std: 0.5 }),
  b1: randomNormal(k2, [5], { dtype: "f64", std: 0.1 }),
  W2: randomNormal(k3, [1, 5], { dtype: "f64", std: 0.5 }),
  b2: randomNormal(k4, [1], { dtype: "f64", std: 0.1 }),
};

/** `J = cross-entropy + λ/2m·(‖W1‖² + ‖W2‖²)`. */
function cost(p: Params, hidden = (a1: Tensor<[8, 5], "f64">) => a1): Tensor<[], "f64"> {
  const Z1 = add(matmul(X, transpose(p.W1)), p.b1);
  const A1 = hidden(relu(Z1));
  const Z2 = add(matmul(A1, transpose(p.W2)), p.b2);
  const crossEntropy = sigmoidCrossEntropy(Z2, Y);
  const l2 = add(sum(square(p.W1)), sum(square(p.W2)));
  return add(crossEntropy, mul(l2, lambda / (2 * m)));
}

/** The course's backprop equations, written with our ops; `withL2: false` forgets `λ/m·W`. */
function backprop(p: Params, withL2: boolean): Params {
  const Z1 = add(matmul(X, transpose(p.W1)), p.b1);
  const A1 = relu(Z1);
  const A2 = sigmoid(add(matmul(A1, transpose(p.W2)), p.b2));
  const dZ2 = div(sub(A2, Y), m);
  const dZ1 = mul(matmul(dZ2, p.W2), greater(Z1, 0));
  const l2 = withL2 ? lambda / m : 0;
  return {
    W1: add(matmul(transpose(dZ1), X), mul(p.W1, l2)),
    b1: sum(dZ1, { axis: 0 }),
    W2: add(matmul(transpose(dZ2), A1), mul(p.W2, l2)),
    b2: sum(dZ2, { axis: 0 }),
  };
}

// ---- the report ----

function report(title: string, result: GradCheckResult): void {
  console.log(`\n${title}`);
  console.log(
    `  relative error ${result.relativeError.toExponential(2)} over ${result.entries} ` +
      `parameters: verdict "${result.verdict}"`,
  );
  if (result.verdict === "fine") return;
  console.log("  worst entries (analytic vs two-sided difference):");
  for (const entry of result.worst) {
    console.log(
      `    ${`${entry.path}[${entry.index.join(", ")}]`.padEnd(10)} ` +
        `${entry.analytic.toFixed(6).padStart(10)} vs ${entry.numeric.toFixed(6).padStart(10)}`,
    );
  }
}

console.log("Gradient checking a 2-layer net: dθapprox[i] = (J(θ+ε) − J(θ−ε)) / 2ε, ε = 1e-6");
console.log(
  "relative error = ‖dθapprox − dθ‖₂ / (‖dθapprox‖₂ + ‖dθ‖₂): ~1e-7 fine, ~1e-5 inspect,",
);
console.log("~1e-3 or more: probably a bug.");

report(
  "1. The gradient autodiff gives (grad of the cost):",
  gradCheck((p: Params) => cost(p), params),
);

report(
  "2. A hand-written backward pass, with the regularisation term λ/m·W:",
  gradCheck((p: Params) => cost(p), params, { gradient: (p) => backprop(p, true) }),
);

const forgot = gradCheck((p: Params) => cost(p), params, { gradient: (p) => backprop(p, false) });
report("3. The same backward pass, forgetting that the cost has λ/2m·‖W‖² in it:", forgot);
console.log(
  "  The worst entries are all weights (W1, W2) and no biases: the missing term is λ/m·W.",
);

// Dropout with keep_prob = 0.8, as a training step would run it: each call of
// the cost draws a new mask.
let draws = 0;
const dropoutKey = key(7);
function withDropout(a1: Tensor<[8, 5], "f64">): Tensor<[8, 5], "f64"> {
  const u = randomUniform(foldIn(dropoutKey, draws++), [8, 5], { dtype: "f64" });
  return div(mul(a1, less(u, 0.8)), 0.8);
}
report(
  "4. Dropout left on (a new mask at every evaluation of J):",
  gradCheck((p: Params) => cost(p, withDropout), params),
);
console.log(
  "  Meaningless: J(θ+ε) and J(θ−ε) used different masks, so their difference is the noise\n" +
    "  between masks, divided by 2ε. The course: turn dropout off (keep_prob = 1) for the\n" +
    "  check, then turn it back on.",
);

const fixedMask = (a1: Tensor<[8, 5], "f64">) =>
  div(mul(a1, less(randomUniform(foldIn(dropoutKey, 0), [8, 5], { dtype: "f64" }), 0.8)), 0.8);
report(
  "4b. Dropout with one fixed mask (the same key at every evaluation):",
  gradCheck((p: Params) => cost(p, fixedMask), params),
);

const directional = directionalCheck((p: Params) => cost(p), params);
const secondOrder = hessianVectorCheck((p: Params) => cost(p), params);
console.log("\n5. Random directions t: ⟨∇J, t⟩ against (J(θ+εt) − J(θ−εt)) / 2ε, 3 probes:");
console.log(`  first order:  relative error ${directional.relativeError.toExponential(2)}`);
console.log(
  `  second order (⟨H·v, t⟩ from grad of grad): relative error ${
    secondOrder.relativeError.toExponential(2)
  }`,
);
