import assert from "node:assert/strict";
import fc from "fast-check";
import { fastBroadcastTo, fastTranspose } from "./_movement.ts";
import { reference } from "../reference.ts";
import { sizeOf } from "../../shape.ts";

/** A shape of rank 0–5 with dims 0–4, and a permutation of its axes. */
const shapeAndPerm = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 5 }).chain((shape) =>
  fc.shuffledSubarray([...shape.keys()], { minLength: shape.length, maxLength: shape.length })
    .map((perm) => [shape, perm] as const)
);

Deno.test("fastTranspose equals the reference transpose, bit for bit", () => {
  fc.assert(
    fc.property(shapeAndPerm, fc.boolean(), ([shape, perm], double) => {
      const size = sizeOf(shape);
      const x = double ? new Float64Array(size) : new Float32Array(size);
      for (let i = 0; i < size; i++) x[i] = i + 0.5;
      const want = x.slice().fill(-1);
      const got = x.slice().fill(-1);
      reference.transpose(x, shape, perm, want);
      fastTranspose(x, shape, perm, got);
      assert.deepEqual([...got], [...want], `shape [${shape}], perm [${perm}]`);
    }),
    { seed: 6, numRuns: 400 },
  );
});

/** A shape `to` of rank 0–4 and a shape `from` that broadcasts to it. */
const broadcastPair = fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.boolean()), {
  maxLength: 4,
}).chain((axes) =>
  fc.nat(axes.length).map((dropped) => {
    const to = axes.map(([dim]) => dim);
    const from = axes.map(([dim, stretched]) => (stretched ? 1 : dim)).slice(dropped);
    return [from, to] as const;
  })
);

Deno.test("fastBroadcastTo equals the reference broadcastTo, bit for bit", () => {
  fc.assert(
    fc.property(broadcastPair, fc.boolean(), ([from, to], double) => {
      const values = Array.from({ length: sizeOf(from) }, (_, i) => i + 0.5);
      const x = double ? Float64Array.from(values) : Float32Array.from(values);
      const want = new Float64Array(sizeOf(to)).fill(-1);
      const got = (double ? new Float64Array(sizeOf(to)) : new Float32Array(sizeOf(to))).fill(-1);
      reference.broadcastTo(Float64Array.from(x), from, to, want);
      fastBroadcastTo(x, from, to, got);
      assert.deepEqual([...got], [...want], `[${from}] to [${to}]`);
    }),
    { seed: 6, numRuns: 400 },
  );
});

Deno.test("fastBroadcastTo: short and long contiguous runs both copy exactly", () => {
  for (const size of [6, 63, 64, 100]) {
    const x = Float32Array.from({ length: size }, (_, i) => i + 0.5);
    const out = new Float32Array(3 * size);
    fastBroadcastTo(x, [size], [3, size], out);
    assert.deepEqual([...out], [...x, ...x, ...x]);
  }
});
