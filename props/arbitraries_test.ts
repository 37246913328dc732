/**
 * Tests of the arbitraries: every generated value keeps the promises its
 * options make (ranks, dims, sizes, ranges, kinks, positivity, distinctness,
 * dtype), broadcast pairs agree with the core's broadcast rule, and conv and
 * pool configurations give exactly the output shapes the ops produce.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { zeros } from "../core/create.ts";
import { broadcastShapes } from "../core/shapes/broadcast.ts";
import type { Tensor } from "../core/tensor.ts";
import { treeLeaves } from "../core/tree.ts";
import { conv1d } from "../ops/conv1d.ts";
import { conv2d } from "../ops/conv2d.ts";
import { conv3d } from "../ops/conv3d.ts";
import { maxPool2d } from "../ops/max_pool2d.ts";
import { avgPool2d } from "../ops/avg_pool2d.ts";
import { broadcastPairArbitrary, shapeArbitrary, tensorArbitrary } from "./arbitraries.ts";
import {
  convConfigArbitrary,
  poolConfigArbitrary,
  windowOutputSize,
} from "./window_arbitraries.ts";
import { paramTreeArbitrary, treeArbitrary } from "./tree_arbitraries.ts";

const SETTINGS = { seed: 20261128, numRuns: 200 };

type Loose = Tensor<number[], "f64">;
type Conv = (x: Loose, w: Loose, options: object) => Tensor<number[], "f64">;
type Pool = (x: Loose, options: object) => Tensor<number[], "f64">;

Deno.test("shapeArbitrary: ranks and dims stay within bounds; minDim 1 excludes 0", () => {
  fc.assert(
    fc.property(shapeArbitrary(), (shape) => {
      assert.ok(shape.length <= 4 && shape.every((dim) => dim >= 0 && dim <= 5));
    }),
    SETTINGS,
  );
  fc.assert(
    fc.property(shapeArbitrary({ minRank: 2, maxRank: 3, minDim: 1, maxDim: 2 }), (shape) => {
      assert.ok(shape.length >= 2 && shape.length <= 3);
      assert.ok(shape.every((dim) => dim === 1 || dim === 2));
    }),
    SETTINGS,
  );
  fc.assert(
    fc.property(shapeArbitrary({ maxSize: 10 }), (shape) => {
      assert.ok(shape.reduce((size, dim) => size * dim, 1) <= 10);
    }),
    SETTINGS,
  );
});

Deno.test("shapeArbitrary: size-0 dims and rank 0 both come up", () => {
  const shapes = fc.sample(shapeArbitrary(), { seed: 1, numRuns: 200 });
  assert.ok(shapes.some((shape) => shape.includes(0)));
  assert.ok(shapes.some((shape) => shape.length === 0));
  assert.ok(shapes.some((shape) => shape.length === 4));
});

Deno.test("shapeArbitrary: bad options are rejected", () => {
  assert.throws(() => shapeArbitrary({ minRank: 3, maxRank: 2 }), RangeError);
  assert.throws(() => shapeArbitrary({ minDim: -1 }), RangeError);
  assert.throws(() => shapeArbitrary({ maxDim: 1.5 }), RangeError);
});

Deno.test("broadcastPairArbitrary: the pair broadcasts to the third shape, as the core computes it", () => {
  fc.assert(
    fc.property(broadcastPairArbitrary(), ([a, b, out]) => {
      assert.deepEqual(broadcastShapes(a, b), out);
    }),
    SETTINGS,
  );
});

Deno.test("tensorArbitrary: values in range, away from kinks, with the requested dtype", () => {
  const options = { min: -3, max: 3, awayFrom: [0, 1], margin: 0.2 };
  fc.assert(
    fc.property(tensorArbitrary(shapeArbitrary(), options), (x) => {
      assert.equal(x.dtype, "f64");
      for (const v of x.data) {
        assert.ok(v >= -3 && v <= 3, `${v}`);
        assert.ok(Math.abs(v) >= 0.2 - 1e-12 && Math.abs(v - 1) >= 0.2 - 1e-12, `${v}`);
      }
    }),
    SETTINGS,
  );
  fc.assert(
    fc.property(tensorArbitrary([2, 3], { dtype: "f32" }), (x) => {
      assert.equal(x.dtype, "f32");
      assert.ok(x.data instanceof Float32Array);
      assert.deepEqual(x.shape, [2, 3]);
    }),
    SETTINGS,
  );
});

Deno.test("tensorArbitrary: positive values stay at or above the margin", () => {
  fc.assert(
    fc.property(tensorArbitrary([5], { positive: true, margin: 0.05 }), (x) => {
      assert.ok(x.data.every((v) => v >= 0.05 && v <= 2));
    }),
    SETTINGS,
  );
});

Deno.test("tensorArbitrary: distinct values keep their gaps, away from kinks too", () => {
  fc.assert(
    fc.property(
      tensorArbitrary(shapeArbitrary({ maxSize: 40 }), { distinct: true, awayFrom: [0] }),
      (x) => {
        const sorted = Array.from(x.data).sort((a, b) => a - b);
        const gap = Math.min(0.1, 4 / (4 * x.size)) / 2;
        for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i] - sorted[i - 1] >= gap - 1e-12);
        assert.ok(sorted.every((v) => Math.abs(v) >= 0.1));
      },
    ),
    SETTINGS,
  );
});

Deno.test("tensorArbitrary: impossible requests are rejected", () => {
  assert.throws(() => tensorArbitrary([2], { min: 1, max: 1 }), RangeError);
  assert.throws(() => tensorArbitrary([2], { margin: -1 }), RangeError);
  assert.throws(
    () => tensorArbitrary([3], { distinct: true, min: 0, max: 1, awayFrom: [0.5], margin: 1 }),
    /cannot draw 3 distinct values/,
  );
});

Deno.test("convConfigArbitrary: shapes fit, and the ops produce exactly the output shape", () => {
  const ops: Record<number, Conv> = {
    1: conv1d as unknown as Conv,
    2: conv2d as unknown as Conv,
    3: conv3d as unknown as Conv,
  };
  fc.assert(
    fc.property(convConfigArbitrary(), (config) => {
      assert.equal(config.inputShape.length, config.rank + 2);
      assert.equal(config.filterShape.length, config.rank + 2);
      const x = zeros(config.inputShape as number[], { dtype: "f64" }) as Loose;
      const w = zeros(config.filterShape as number[], { dtype: "f64" }) as Loose;
      const y = ops[config.rank](x, w, { stride: config.stride, padding: config.padding });
      assert.deepEqual(y.shape, config.outputShape);
    }),
    SETTINGS,
  );
});

Deno.test("poolConfigArbitrary: shapes fit, and both pools produce exactly the output shape", () => {
  fc.assert(
    fc.property(poolConfigArbitrary(), (config) => {
      const x = zeros(config.inputShape as number[], { dtype: "f64" }) as Loose;
      const options = { size: config.size, stride: config.stride, padding: config.padding };
      for (const pool of [maxPool2d, avgPool2d] as unknown as Pool[]) {
        const y = pool(x, options);
        assert.deepEqual(y.shape, config.outputShape);
        assert.ok(y.data.every(Number.isFinite), "a window held only padding");
      }
    }),
    SETTINGS,
  );
});

Deno.test("windowOutputSize: the three padding rules", () => {
  assert.equal(windowOutputSize(7, 3, 2, "valid"), 3);
  assert.equal(windowOutputSize(7, 3, 2, "same"), 4);
  assert.equal(windowOutputSize(7, 3, 2, 1), 4);
});

Deno.test("treeArbitrary: keeps the structure and the shapes of its spec", () => {
  fc.assert(
    fc.property(
      treeArbitrary({ layers: [{ w: [3, 2], b: [3] }, { w: [1, 3], b: [1] }], s: [] }),
      (p) => {
        assert.deepEqual(
          treeLeaves(p).map(({ path, leaf }) => `${path}:${leaf.shape.join("x")}`),
          ["layers[0].w:3x2", "layers[0].b:3", "layers[1].w:1x3", "layers[1].b:1", "s:"],
        );
      },
    ),
    { ...SETTINGS, numRuns: 20 },
  );
});

Deno.test("paramTreeArbitrary: every structure comes up, each with tensors at its leaves", () => {
  const kinds = new Set<string>();
  const describe = (node: unknown): string =>
    Array.isArray(node)
      ? `[${describe(node[0])}]`
      : node !== null && typeof node === "object" && !("dtype" in node)
      ? `{${describe(Object.values(node)[0])}}`
      : "t";
  fc.assert(
    fc.property(paramTreeArbitrary({ dtype: "f32" }), (tree) => {
      kinds.add(describe(tree));
      const leaves = treeLeaves(tree);
      assert.ok(leaves.length >= 1);
      assert.ok(leaves.every(({ leaf }) => leaf.dtype === "f32" && leaf.size >= 1));
    }),
    SETTINGS,
  );
  assert.deepEqual([...kinds].sort(), ["[t]", "[{t}]", "t", "{[t]}", "{[{t}]}", "{t}", "{{t}}"]);
});
