import assert from "node:assert/strict";
import { progressSink } from "./progress.ts";

Deno.test("plain mode prints every n steps and the last step of each epoch", () => {
  const lines: string[] = [];
  const show = progressSink({ interactive: false, write: (t) => lines.push(t), every: 4 });
  for (let epoch = 1; epoch <= 2; epoch++) {
    for (let step = 1; step <= 10; step++) {
      show({ epoch, epochs: 2, step, steps: 10, values: { loss: step } });
    }
  }
  assert.equal(lines.length, 6);
  assert.ok(lines.every((line) => line.endsWith("\n") && !line.includes("\r")));
  assert.ok(lines[2].startsWith("epoch 1/2 step 10/10"));
});

Deno.test("interactive mode redraws one line and ends it at the epoch's last step", () => {
  const out: string[] = [];
  const show = progressSink({ interactive: true, write: (t) => out.push(t) });
  for (let step = 1; step <= 3; step++) {
    show({ epoch: 1, epochs: 1, step, steps: 3, values: { loss: 0.5 } });
  }
  assert.equal(out.length, 3);
  assert.ok(out.every((text) => text.startsWith("\r")));
  assert.ok(out[2].endsWith("\n") && !out[1].endsWith("\n"));
  assert.ok(out[2].includes("█".repeat(30)));
});
