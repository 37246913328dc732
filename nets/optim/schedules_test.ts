import assert from "node:assert/strict";
import { exponentialDecay, inverseSqrtDecay, inverseTimeDecay, staircase } from "./schedules.ts";
import { assertClose } from "./_testing.ts";

Deno.test("inverseTimeDecay: α₀/(1 + decayRate·epoch), optionally in fixed intervals", () => {
  const alpha = inverseTimeDecay({ initial: 0.2, decayRate: 0.5 });
  assertClose([0, 1, 2, 10, 0.5].map(alpha), [0.2, 0.2 / 1.5, 0.1, 0.2 / 6, 0.16], 1e-15);
  const stepped = inverseTimeDecay({ initial: 0.2, decayRate: 1, interval: 10 });
  assertClose([0, 9, 10, 19, 20].map(stepped), [0.2, 0.2, 0.1, 0.1, 0.2 / 3], 1e-15);
  assert.equal(inverseTimeDecay({ initial: 0.3, decayRate: 0 })(1000), 0.3);
});

Deno.test("exponentialDecay: α₀·rate^epoch (the course's 0.95^epoch)", () => {
  const alpha = exponentialDecay({ initial: 0.1, rate: 0.95 });
  assertClose([0, 1, 2, 10].map(alpha), [0.1, 0.095, 0.09025, 0.1 * 0.95 ** 10], 1e-15);
  assert.equal(exponentialDecay({ initial: 0.1, rate: 1 })(50), 0.1);
});

Deno.test("inverseSqrtDecay: k·α₀/√epoch, with epoch 0 read as epoch 1", () => {
  const alpha = inverseSqrtDecay({ initial: 0.01, k: 3 });
  assertClose([0, 0.5, 1, 4, 9, 100].map(alpha), [0.03, 0.03, 0.03, 0.015, 0.01, 0.003], 1e-15);
});

Deno.test("staircase: α₀·factor^⌊epoch/dropEvery⌋", () => {
  const alpha = staircase({ initial: 1, dropEvery: 3, factor: 0.1 });
  assertClose([0, 2, 2.9, 3, 5, 6, 9].map(alpha), [1, 1, 1, 0.1, 0.1, 0.01, 0.001], 1e-15);
});

Deno.test("schedules reject bad arguments with expected vs got", () => {
  const cases: [() => unknown, string][] = [
    [
      () => inverseTimeDecay({ initial: 0, decayRate: 1 }),
      "inverseTimeDecay: initial must be a finite number > 0, got 0",
    ],
    [
      () => inverseTimeDecay({ initial: 1, decayRate: -1 }),
      "inverseTimeDecay: decayRate must be a finite number ≥ 0, got -1",
    ],
    [
      () => inverseTimeDecay({ initial: 1, decayRate: 1, interval: 2.5 }),
      "inverseTimeDecay: interval must be an integer ≥ 1, got 2.5",
    ],
    [
      () => exponentialDecay({ initial: 1, rate: 0 }),
      "exponentialDecay: rate must be in (0, 1], got 0",
    ],
    [
      () => exponentialDecay({ initial: 1, rate: 1.05 }),
      "exponentialDecay: rate must be in (0, 1], got 1.05",
    ],
    [
      () => exponentialDecay({ initial: Infinity, rate: 0.9 }),
      "exponentialDecay: initial must be a finite number > 0, got Infinity",
    ],
    [
      () => inverseSqrtDecay({ initial: 1, k: 0 }),
      "inverseSqrtDecay: k must be a finite number > 0, got 0",
    ],
    [
      () => staircase({ initial: 1, dropEvery: 0, factor: 0.5 }),
      "staircase: dropEvery must be an integer ≥ 1, got 0",
    ],
    [
      () => staircase({ initial: 1, dropEvery: 2, factor: 2 }),
      "staircase: factor must be in (0, 1], got 2",
    ],
    [
      () => exponentialDecay({ initial: 1, rate: 0.5 })(-1),
      "exponentialDecay: epoch must be a finite number ≥ 0, got -1",
    ],
    [
      () => staircase({ initial: 1, dropEvery: 2, factor: 0.5 })(NaN),
      "staircase: epoch must be a finite number ≥ 0, got NaN",
    ],
  ];
  for (const [call, message] of cases) assert.throws(call, { name: "RangeError", message });
  assert.throws(() => inverseSqrtDecay({ initial: "1" as never, k: 1 }), {
    name: "TypeError",
    message: 'inverseSqrtDecay: initial must be a number, got "1"',
  });
});
