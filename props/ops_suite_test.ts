/**
 * The op suite: for every entry of the registry, on generated float64 calls
 * inside the op's domain, the gradient of `⟨op(inputs), w⟩` (w a fixed
 * random weighting, so every output entry matters) must pass the full
 * gradient check at first order, and grad of grad must pass it at second
 * order — or, where the registry says the second derivative is zero, give a
 * Hessian-vector product of exactly zero on both sides. Every error input
 * must throw a `ShapeError` with the expected message.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { grad } from "../core/autodiff.ts";
import { ShapeError } from "../core/errors.ts";
import { key, split } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";
import type { Tensor } from "../core/tensor.ts";
import { treeLeaves } from "../core/tree.ts";
import { mul } from "../ops/mul.ts";
import { sum } from "../ops/sum.ts";
import { assessGradients } from "./assess_gradients.ts";
import { gradientAlong } from "./directional.ts";
import { gradCheck } from "./grad_check.ts";
import type { Inputs, OpInfo, OpSample } from "./registry.ts";
import { opRegistry } from "./registry.ts";
import { randomTreeLike } from "./_tree_math.ts";

const SEED = 20261128;
const RUNS = 100;
/**
 * Where a derivative vanishes (a softmax over one class has a zero Hessian;
 * sigmoid'' and tanh'' are 0 at 0), both sides are roundoff and their
 * relative error is meaningless. Differences with ε = 1e-6 of values of
 * order 1 carry roundoff of about 1e-16 / 1e-6 = 1e-10, so such checks pass
 * when the absolute error is below 1e-9.
 */
const ABSOLUTE_FLOOR = 1e-9;
/** Ops of one tensor operand and no options: no call of theirs can have a shape error. */
const NO_SHAPE_ERRORS = new Set([
  "neg",
  "exp",
  "log",
  "sqrt",
  "square",
  "abs",
  "sigmoid",
  "tanh",
  "relu",
  "leakyRelu",
]);
/** Checks passed on the absolute floor, per op and order. */
const floored = new Map<string, number>();
const [weightKey, vectorKey] = split(key(SEED));

/** The worst relative errors seen, per op and order, printed at the end. */
const worst = new Map<string, { first: number; second: number }>();

function note(op: string, order: "first" | "second", error: number): void {
  const entry = worst.get(op) ?? { first: 0, second: 0 };
  entry[order] = Math.max(entry[order], error);
  worst.set(op, entry);
}

/** `⟨op(inputs), w⟩`: a scalar in which every output entry counts. */
function weighted(call: OpSample): (inputs: Inputs) => Tensor<[], "f64"> {
  const output = call.apply(call.inputs);
  const weights = randomNormal(weightKey, output.shape as number[], { dtype: "f64" });
  return (inputs) => sum(mul(call.apply(inputs), weights)) as Tensor<[], "f64">;
}

function checkCall(op: OpInfo, call: OpSample): void {
  const f = weighted(call);
  const second = op.secondOrder;
  const report = assessGradients(f, call.inputs, {
    tolerance: op.tolerance,
    order: second.applies ? 2 : 1,
    secondOrderTolerance: second.applies ? second.tolerance : 0,
    directionalAbove: Infinity,
    absoluteTolerance: ABSOLUTE_FLOOR,
  });
  report.orders.forEach(({ order, relativeError, absoluteError }) => {
    if (absoluteError <= ABSOLUTE_FLOOR && relativeError > op.tolerance) {
      const name = `${op.name} (order ${order})`;
      floored.set(name, (floored.get(name) ?? 0) + 1);
    } else note(op.name, order === 1 ? "first" : "second", relativeError);
  });
  assert.ok(report.passed, `${call.label}\n${report.message}`);
  if (second.applies) return;
  // Zero (or piecewise zero) second derivative: both sides must vanish exactly.
  const alongV = gradientAlong(f, randomTreeLike(call.inputs, vectorKey));
  const hessianTimesV = treeLeaves(grad(alongV)(call.inputs));
  for (const { path, leaf } of hessianTimesV) {
    assert.ok(
      leaf.data.every((value) => value === 0),
      `${call.label}: H·v at ${path} is not zero: ${Array.from(leaf.data)}`,
    );
  }
  const numeric = gradCheck(alongV, call.inputs);
  note(op.name, "second", numeric.relativeError);
  assert.equal(numeric.relativeError, 0, `${call.label}: ${JSON.stringify(numeric.worst)}`);
}

for (const op of opRegistry) {
  Deno.test(`${op.name}: gradient checks in f64 at first and second order`, () => {
    fc.assert(fc.property(op.sample, (call) => checkCall(op, call)), {
      seed: SEED,
      numRuns: RUNS,
    });
  });

  Deno.test(`${op.name}: error inputs throw ShapeError with the expected message`, () => {
    for (const input of op.errorInputs) {
      assert.throws(input.call, (error: unknown) => {
        assert.ok(error instanceof ShapeError, `${input.description}: got ${String(error)}`);
        assert.match(error.message, input.message, input.description);
        return true;
      });
    }
  });
}

Deno.test("the registry covers each op once, with error inputs for each", () => {
  const names = opRegistry.map((op) => op.name);
  assert.equal(new Set(names).size, names.length);
  for (const op of opRegistry) {
    if (!NO_SHAPE_ERRORS.has(op.name)) {
      assert.ok(op.errorInputs.length > 0, `${op.name} has no error inputs`);
    }
    assert.ok(op.tolerance <= 1e-7, `${op.name}: first-order tolerance ${op.tolerance}`);
    if (!op.secondOrder.applies) assert.ok(op.secondOrder.reason.length > 0);
  }
});

Deno.test("summary: the worst relative errors seen", () => {
  const rows = [...worst].map(([op, { first, second }]) =>
    `${op.padEnd(20)} ${first.toExponential(2).padStart(9)} ${second.toExponential(2).padStart(9)}`
  );
  const firsts = [...worst.values()].map((w) => w.first);
  const seconds = [...worst.values()].map((w) => w.second);
  console.log(
    [
      `${opRegistry.length} ops; worst relative error (first order, second order):`,
      ...rows,
      `overall: ${Math.max(...firsts).toExponential(2)}, ${Math.max(...seconds).toExponential(2)}`,
      `checks of a vanishing derivative passed on the absolute floor ${ABSOLUTE_FLOOR}: ${
        [...floored].map(([name, count]) => `${name} ×${count}`).join(", ") || "none"
      }`,
    ].join("\n"),
  );
});
