import assert from "node:assert/strict";
import { choice } from "./choice.ts";
import { formatSearchTable } from "./format_search_table.ts";
import { intUniform } from "./int_uniform.ts";
import { logUniform } from "./log_uniform.ts";
import { oneMinusLogUniform } from "./one_minus_log_uniform.ts";

const results = [
  {
    rank: 1,
    trial: 4,
    params: { learningRate: 3.2345e-4, beta: 0.99734, layers: 3, activation: "relu" },
    metric: 0.91234,
    extra: { loss: 0.2813, seconds: 1.5 },
  },
  {
    rank: 2,
    trial: 0,
    params: { learningRate: 0.5, beta: 0.9, layers: 12, activation: "tanh" },
    metric: NaN,
    extra: { loss: Infinity, seconds: 12.25 },
  },
];

Deno.test("formatSearchTable: the space picks each column's notation; columns align right", () => {
  const table = formatSearchTable(results, {
    space: {
      learningRate: logUniform(1e-4, 1),
      beta: oneMinusLogUniform(0.9, 0.999),
      layers: intUniform(1, 16),
      activation: choice(["relu", "tanh"]),
    },
    metricName: "dev accuracy",
  });
  assert.equal(
    table,
    [
      "rank  trial  learningRate    beta  layers  activation  dev accuracy      loss  seconds",
      "   1      4        3.2e-4  0.9973       3        relu        0.9123    0.2813     1.50",
      "   2      0        5.0e-1  0.9000      12        tanh           NaN  Infinity    12.25",
    ].join("\n"),
  );
});

Deno.test("formatSearchTable: without a space the notation is guessed from the values", () => {
  const lines = formatSearchTable([
    { rank: 1, trial: 1, params: { lr: 0.003, keep: 0.75, units: 128 }, metric: 1234.5, extra: {} },
    { rank: 2, trial: 0, params: { lr: 0.2, keep: 0.5, units: 64 }, metric: 1e-7, extra: {} },
  ]).split("\n");
  assert.deepEqual(lines, [
    "rank  trial      lr  keep  units   metric",
    "   1      1  3.0e-3  0.75    128     1235",
    "   2      0  2.0e-1  0.50     64  1.00e-7",
  ]);
  assert.equal(formatSearchTable([]), "rank  trial  metric");
});
