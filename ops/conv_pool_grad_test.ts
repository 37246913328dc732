/**
 * Convolution and pooling: forward values against a brute-force reference
 * written here, gradients against two-sided differences (first order, and
 * second order for the bilinear convolution), and the tie convention of max
 * pooling.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { grad } from "../core/autodiff.ts";
import { fromArray, tensor } from "../core/create.ts";
import { randomNormal } from "../core/sample.ts";
import { key, split } from "../core/random.ts";
import type { Shape } from "../core/shape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import { paddingAmounts } from "../core/shapes/conv.ts";
import type { Padding } from "../core/shapes/conv.ts";
import { gradCheck } from "../props/grad_check.ts";
import { conv1d } from "./conv1d.ts";
import { conv2d } from "./conv2d.ts";
import { conv3d } from "./conv3d.ts";
import { maxPool2d } from "./max_pool2d.ts";
import { avgPool2d } from "./avg_pool2d.ts";
import { mul } from "./mul.ts";
import { sum } from "./sum.ts";
import { exp } from "./exp.ts";

type AnyTensor = Tensor<Shape, DType>;
const f64 = { dtype: "f64" } as const;

/** Brute-force convolution over any number of spatial axes, straight from the definition. */
function referenceConv(
  x: AnyTensor,
  w: AnyTensor,
  stride: number,
  padding: Padding,
): { shape: number[]; data: number[] } {
  const xs = x.shape as readonly number[];
  const ws = w.shape as readonly number[];
  const spatial = xs.slice(1, -1);
  const window = ws.slice(0, -2);
  const [cIn, cOut] = ws.slice(-2);
  const pads = spatial.map((n, a) => paddingAmounts(n, window[a], { stride, padding }));
  const outSpatial = spatial.map((n, a) =>
    Math.floor((n + pads[a][0] + pads[a][1] - window[a]) / stride) + 1
  );
  const shape = [xs[0], ...outSpatial, cOut];
  const data: number[] = [];
  const positions = (dims: number[]): number[][] =>
    dims.reduce<number[][]>(
      (acc, dim) => acc.flatMap((p) => Array.from({ length: dim }, (_, i) => [...p, i])),
      [[]],
    );
  const flat = (index: number[], dims: readonly number[]) =>
    index.reduce((at, i, a) => at * dims[a] + i, 0);
  for (let b = 0; b < xs[0]; b++) {
    for (const o of positions(outSpatial)) {
      for (let f = 0; f < cOut; f++) {
        let total = 0;
        for (const k of positions(window)) {
          const at = o.map((oi, a) => oi * stride + k[a] - pads[a][0]);
          if (at.some((v, a) => v < 0 || v >= spatial[a])) continue;
          for (let c = 0; c < cIn; c++) {
            total += x.data[flat([b, ...at, c], xs)] * w.data[flat([...k, c, f], ws)];
          }
        }
        data.push(total);
      }
    }
  }
  return { shape, data };
}

const configuration = fc.record({
  rank: fc.integer({ min: 1, max: 3 }),
  batch: fc.integer({ min: 1, max: 2 }),
  size: fc.integer({ min: 3, max: 6 }),
  window: fc.integer({ min: 1, max: 3 }),
  stride: fc.integer({ min: 1, max: 3 }),
  padding: fc.constantFrom<Padding>("valid", "same", 0, 1, 2),
  cIn: fc.integer({ min: 1, max: 2 }),
  cOut: fc.integer({ min: 1, max: 3 }),
  seed: fc.integer({ min: 0, max: 1000 }),
});

type Config = typeof configuration extends fc.Arbitrary<infer C> ? C : never;

function convOf(rank: number) {
  return (x: AnyTensor, w: AnyTensor, options: { stride: number; padding: Padding }) =>
    (rank === 1
      ? conv1d(x as never, w as never, options)
      : rank === 2
      ? conv2d(x as never, w as never, options)
      : conv3d(x as never, w as never, options)) as AnyTensor;
}

function sample(c: Config) {
  const [kx, kw, kg] = split(key(c.seed), 3);
  const spatial = Array.from({ length: c.rank }, () => c.size);
  const x = randomNormal(kx, [c.batch, ...spatial, c.cIn], f64) as AnyTensor;
  const w = randomNormal(kw, [...spatial.map(() => c.window), c.cIn, c.cOut], f64) as AnyTensor;
  return { x, w, kg };
}

Deno.test("conv1d/2d/3d match the brute-force definition for every stride and padding", () => {
  fc.assert(
    fc.property(configuration, (c) => {
      const { x, w } = sample(c);
      const options = { stride: c.stride, padding: c.padding };
      const y = convOf(c.rank)(x, w, options);
      const expected = referenceConv(x, w, c.stride, c.padding);
      assert.deepEqual(y.shape, expected.shape);
      y.data.forEach((v, i) => assert.ok(Math.abs(v - expected.data[i]) < 1e-12, `at ${i}`));
    }),
    { seed: 20261128, numRuns: 60 },
  );
});

Deno.test("conv gradients (input and filter) agree with two-sided differences", () => {
  let worst = 0;
  fc.assert(
    fc.property(configuration, (c) => {
      const { x, w, kg } = sample(c);
      const options = { stride: c.stride, padding: c.padding };
      const conv = convOf(c.rank);
      const weights = randomNormal(kg, conv(x, w, options).shape as number[], f64) as AnyTensor;
      const result = gradCheck(
        (p: { x: AnyTensor; w: AnyTensor }) =>
          sum(mul(conv(p.x, p.w, options), weights)) as Tensor<[], "f64">,
        { x, w },
      );
      worst = Math.max(worst, result.relativeError);
      assert.ok(result.relativeError < 1e-7, JSON.stringify(result.worst));
    }),
    { seed: 20261128, numRuns: 25 },
  );
  assert.ok(worst < 1e-7);
});

Deno.test("conv: second order through the bilinear form (input and filter mixed)", () => {
  fc.assert(
    fc.property(configuration, (c) => {
      const { x, w, kg } = sample(c);
      const options = { stride: c.stride, padding: c.padding };
      const conv = convOf(c.rank);
      const v = randomNormal(kg, x.shape as number[], f64) as AnyTensor;
      const loss = (p: { x: AnyTensor; w: AnyTensor }) =>
        sum(exp(mul(conv(p.x, p.w, options), 0.3))) as Tensor<[], "f64">;
      const result = gradCheck(
        (p: { x: AnyTensor; w: AnyTensor }) => sum(mul(grad(loss)(p).x, v)) as Tensor<[], "f64">,
        { x, w },
      );
      // Differences of an exact gradient in f64 (ε = 1e-6) keep about 9 digits.
      assert.ok(result.relativeError < 1e-6, JSON.stringify(result.worst));
    }),
    { seed: 20261128, numRuns: 10 },
  );
});

Deno.test("max pooling: ties split the gradient evenly; padded cells never win", () => {
  const x = tensor([[[[1], [3]], [[3], [2]]]], f64);
  const g = grad((p: typeof x) => sum(maxPool2d(p, { size: 2 })))(x);
  assert.deepEqual(Array.from(g.data), [0, 0.5, 0.5, 0]);
  const negatives = tensor([[[[-5], [-4]], [[-3], [-2]]]], f64);
  const padded = maxPool2d(negatives, { size: 3, stride: 1, padding: 1 });
  assert.equal(padded.data[0], -2);
});

Deno.test("average pooling: padded cells are not counted, and the gradient spreads evenly", () => {
  const x = fromArray(new Float64Array([1, 2, 3, 4]), [1, 2, 2, 1]);
  const same = avgPool2d(x, { size: 2, stride: 1, padding: "same" });
  assert.deepEqual(Array.from(same.data), [2.5, 3, 3.5, 4]);
  const g = grad((p: typeof x) => sum(avgPool2d(p, { size: 2 })))(x);
  assert.deepEqual(Array.from(g.data), [0.25, 0.25, 0.25, 0.25]);
});

Deno.test("pooling gradients agree with two-sided differences (inputs without ties)", () => {
  fc.assert(
    fc.property(
      fc.record({
        size: fc.integer({ min: 1, max: 3 }),
        stride: fc.integer({ min: 1, max: 3 }),
        padding: fc.constantFrom<Padding>("valid", "same", 0, 1),
        seed: fc.integer({ min: 0, max: 1000 }),
      }),
      ({ size, stride, padding, seed }) => {
        if (typeof padding === "number" && padding * 2 > size) {
          assert.throws(() => maxPool2d(tensor([[[[1]]]]), { size, stride, padding }), RangeError);
          return;
        }
        const [kx, kg] = split(key(seed), 2);
        const x = randomNormal(kx, [2, 5, 5, 2], f64);
        for (const pool of [maxPool2d, avgPool2d]) {
          const shape = [...pool(x, { size, stride, padding }).shape];
          const weights = randomNormal(kg, shape, f64) as AnyTensor;
          const result = gradCheck(
            (p: typeof x) =>
              sum(mul(pool(p, { size, stride, padding }) as AnyTensor, weights)) as Tensor<
                [],
                "f64"
              >,
            x,
          );
          assert.ok(result.relativeError < 1e-7, JSON.stringify(result.worst));
        }
      },
    ),
    { seed: 20261128, numRuns: 20 },
  );
});

Deno.test("pooling: second order — max pool's gradient is piecewise constant, avg pool's linear", () => {
  const [kx, kv] = split(key(3), 2);
  const x = randomNormal(kx, [1, 4, 4, 1], f64);
  const v = randomNormal(kv, [1, 4, 4, 1], f64);
  for (const pool of [maxPool2d, avgPool2d]) {
    const loss = (p: typeof x) => sum(exp(pool(p, { size: 2 }) as AnyTensor)) as Tensor<[], "f64">;
    const result = gradCheck((p: typeof x) => sum(mul(grad(loss)(p), v)) as Tensor<[], "f64">, x);
    assert.ok(result.relativeError < 1e-6, JSON.stringify(result.worst));
  }
});
