/**
 * The wasm convolution kernels against the reference, evaluated in f64 on
 * the same f32 inputs, over random geometries (rank 1–3, every padding kind,
 * strides 1–3, odd and single channels; see `_window_cases.ts`).
 *
 * Tolerance: every output is a sum of `k` products (forward: window ×
 * cIn; input gradient: at most window × cOut, as dot products of length
 * cOut added over at most `window` windows; filter gradient: batch ×
 * output positions), summed in f32 in some order, with or without fused
 * multiply-adds. Its error is at most γ_k·Σ|terms| with γ_k = k·u/(1 − k·u),
 * u = 2⁻²⁴; we allow (k + 2)·u·Σ|terms|, where Σ|terms| is the same kernel
 * run in f64 on |x| and |w|.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { Buffer } from "../backend.ts";
import { reference } from "../reference.ts";
import { sizeOf } from "../../shape.ts";
import { convModule, wasmConv, wasmPlan } from "./_conv.ts";
import { wasm } from "./backend.ts";
import { kernelModule } from "./_kernel_module.ts";
import { threadPool } from "./_thread_pool.ts";
import { wasmConvFilterGrad, wasmConvInputGrad } from "./_conv_grads.ts";
import type { WindowCase } from "./_window_cases.ts";
import { seededValues, windowCases } from "./_window_cases.ts";

const U = 2 ** -24;

/** The three kernels with a common signature: `(a, b) → out`, shapes from the case. */
type Kernel = (a: Buffer, b: Buffer, out: Buffer) => void;

interface Shapes {
  readonly x: number[];
  readonly w: number[];
  readonly y: number[];
}

function shapesOf(c: WindowCase): Shapes {
  return {
    x: [c.batch, ...c.inSpatial, c.cIn],
    w: [...c.window, c.cIn, c.cOut],
    y: [c.batch, ...c.outSpatial, c.cOut],
  };
}

/** Forward, input gradient and filter gradient: operand shapes, output shape, terms per output. */
function kernels(c: WindowCase, backend: "wasm" | "reference") {
  const { x, w, y } = shapesOf(c);
  const { stride, padBefore } = c;
  const cells = sizeOf(c.window);
  const r = reference;
  return [{
    name: "conv",
    shapes: [x, w],
    out: y,
    terms: cells * c.cIn,
    run: (backend === "wasm"
      ? (a, b, out) =>
        wasmConv(a, x, b, w, stride, padBefore, y, out)
      : (a, b, out) => r.conv(a, x, b, w, stride, padBefore, y, out)) as Kernel,
  }, {
    name: "convInputGrad",
    shapes: [y, w],
    out: x,
    terms: cells * c.cOut,
    run: (backend === "wasm"
      ? (a, b, out) =>
        wasmConvInputGrad(a, y, b, w, stride, padBefore, x, out)
      : (a, b, out) => r.convInputGrad(a, y, b, w, stride, padBefore, x, out)) as Kernel,
  }, {
    name: "convFilterGrad",
    shapes: [x, y],
    out: w,
    terms: c.batch * sizeOf(c.outSpatial),
    run: (backend === "wasm"
      ? (a, b, out) =>
        wasmConvFilterGrad(a, x, b, y, stride, padBefore, w, out)
      : (a, b, out) => r.convFilterGrad(a, x, b, y, stride, padBefore, w, out)) as Kernel,
  }];
}

function checkCase(c: WindowCase): void {
  const wasmKernels = kernels(c, "wasm");
  kernels(c, "reference").forEach((oracle, index) => {
    const a = seededValues(sizeOf(oracle.shapes[0]), c.seed);
    const b = seededValues(sizeOf(oracle.shapes[1]), c.seed + 7);
    const got = new Float32Array(sizeOf(oracle.out)).fill(NaN);
    wasmKernels[index].run(a, b, got);
    const exact = new Float64Array(got.length);
    oracle.run(Float64Array.from(a), Float64Array.from(b), exact);
    const scale = new Float64Array(got.length);
    oracle.run(Float64Array.from(a, Math.abs), Float64Array.from(b, Math.abs), scale);
    for (let i = 0; i < got.length; i++) {
      const bound = (oracle.terms + 2) * U * scale[i];
      if (!(Math.abs(got[i] - exact[i]) <= bound)) {
        assert.fail(
          `${oracle.name} ${JSON.stringify(c)}: element ${i} is ${got[i]}, ` +
            `expected ${exact[i]} ± ${bound}`,
        );
      }
    }
  });
}

Deno.test("wasm conv kernels match the reference on random geometries", () => {
  fc.assert(fc.property(windowCases(), checkCase), { seed: 20240605, numRuns: 300 });
});

Deno.test("wasm conv kernels tile a batch whose patches pass 32 MiB", () => {
  // 64×64 positions × an 8×8 window: 1 MiB of patches per image, so 33 images make two tiles.
  checkCase({
    batch: 33,
    inSpatial: [64, 64],
    window: [8, 8],
    outSpatial: [64, 64],
    stride: 1,
    padBefore: [3, 3],
    cIn: 1,
    cOut: 2,
    seed: 5,
  });
});

Deno.test("wasm conv kernels hand f64 to the reference unchanged", () => {
  const c: WindowCase = {
    batch: 2,
    inSpatial: [5, 4],
    window: [3, 2],
    outSpatial: [3, 2],
    stride: 2,
    padBefore: [1, 0],
    cIn: 3,
    cOut: 2,
    seed: 11,
  };
  const wasmKernels = kernels(c, "wasm");
  kernels(c, "reference").forEach((oracle, index) => {
    const a = Float64Array.from(seededValues(sizeOf(oracle.shapes[0]), 1), (v) => v / 3);
    const b = Float64Array.from(seededValues(sizeOf(oracle.shapes[1]), 2), (v) => v / 3);
    const [got, expected] = [0, 1].map(() => new Float64Array(sizeOf(oracle.out)));
    wasmKernels[index].run(a, b, got);
    oracle.run(a, b, expected);
    assert.deepEqual(got, expected, oracle.name);
  });
});

Deno.test("wasm conv and both gradients: the same bits on one thread and on two", () => {
  const threads = wasm.threads;
  wasm.setThreads(2);
  assert.equal(threadPool.start(kernelModule({ shared: true })), 1);
  try {
    // 32 images, 14²×16→16, 3×3 same: 14.5 M multiply-adds per product, over
    // the pool's 2²³, so two threads run it in the shared memory.
    const [xShape, wShape, yShape] = [[32, 14, 14, 16], [3, 3, 16, 16], [32, 14, 14, 16]];
    const [x, w, g] = [xShape, wShape, yShape].map((shape, s) =>
      Float32Array.from({ length: sizeOf(shape) }, (_, i) => Math.sin(i * 0.37 + s))
    );
    const plan = wasmPlan([x, w, g], xShape, wShape, 1, [1, 1], yShape)!;
    const run = (count: number) => {
      wasm.setThreads(count);
      assert.equal(convModule(plan).gemm.scratch.limits.shared, count > 1);
      const [y, dx, dw] = [yShape, xShape, wShape].map((s) => new Float32Array(sizeOf(s)));
      wasm.conv(x, xShape, w, wShape, 1, [1, 1], yShape, y);
      wasm.convInputGrad(g, yShape, w, wShape, 1, [1, 1], xShape, dx);
      wasm.convFilterGrad(x, xShape, g, yShape, 1, [1, 1], wShape, dw);
      return [y, dx, dw];
    };
    const [one, two] = [run(1), run(2)];
    ["conv", "input gradient", "filter gradient"].forEach((name, i) => {
      const [a, b] = [new Uint32Array(one[i].buffer), new Uint32Array(two[i].buffer)];
      assert.ok(a.every((bits, j) => bits === b[j]), name);
      assert.ok(one[i].every(Number.isFinite) && one[i].some((v) => v !== 0), name);
    });
  } finally {
    wasm.setThreads(threads);
  }
});
