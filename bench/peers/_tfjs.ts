/**
 * TensorFlow.js for the peer benchmark: `@tensorflow/tfjs` (core, the cpu
 * backend and the gradients) and `@tensorflow/tfjs-backend-wasm`, pinned.
 *
 * The wasm backend's Node build, which Deno picks, reads its `.wasm` from
 * the package's own `dist/` folder in Deno's npm cache (so the process needs
 * `--allow-read`), the SIMD build. Its threaded build cannot start under Deno
 * (Emscripten's Node path hands `worker_threads` a blob URL, which Deno
 * rejects, and its web path needs classic workers), so it runs one thread.
 *
 * The wasm backend has no `Conv2DBackpropFilter` kernel: conv training
 * throws there. {@link registerWasmFilterGradient} adds one built from the
 * backend's own Conv2D and Transpose kernels (XNNPACK), the usual
 * "correlate the input with the output gradient" construction.
 *
 * @module
 */
import * as tf from "npm:@tensorflow/tfjs@4.22.0";
import { getThreadsCount, version_wasm } from "npm:@tensorflow/tfjs-backend-wasm@4.22.0";

export { getThreadsCount, tf, version_wasm };

// Production mode: no "install tfjs-node" banner and no other console warnings.
tf.enableProdMode();
// With the wasm backend registered, tfjs would pick it (its priority is higher) and fail until
// its module has loaded; start on cpu, and let `useBackend` switch.
await tf.setBackend("cpu");

type Info = tf.TensorInfo;

interface Conv2DBackpropFilterAttrs {
  strides: number | [number, number];
  pad: "valid" | "same" | number;
  dimRoundingMode?: "floor" | "round" | "ceil";
  filterShape: [number, number, number, number];
  dataFormat: "NHWC" | "NCHW";
}

/**
 * Registers `Conv2DBackpropFilter` for the wasm backend (stride 1, NHWC,
 * no dilation): `dW[i, j, c, o] = Σ x[n, h + i, w + j, c] · dy[n, h, w, o]`,
 * computed as a convolution of `x` (channels moved to the batch axis, the
 * batch to the channel axis) with `dy` as the filter. Does nothing when a
 * kernel is registered already.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { registerWasmFilterGradient, tf } from "./_tfjs.ts";
 * registerWasmFilterGradient();
 * assert(tf.getKernel("Conv2DBackpropFilter", "wasm") !== undefined);
 * ```
 */
export function registerWasmFilterGradient(): void {
  if (tf.getKernel("Conv2DBackpropFilter", "wasm") !== undefined) return;
  tf.registerKernel({
    kernelName: "Conv2DBackpropFilter",
    backendName: "wasm",
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as { x: Info; dy: Info };
      const a = attrs as unknown as Conv2DBackpropFilterAttrs;
      const info = tf.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number],
        a.filterShape,
        a.strides,
        1,
        a.pad,
        a.dimRoundingMode,
      );
      if (info.strideHeight !== 1 || info.strideWidth !== 1 || a.dataFormat !== "NHWC") {
        throw new RangeError("the benchmark's Conv2DBackpropFilter does stride 1, NHWC only");
      }
      const conv = tf.getKernel("Conv2D", "wasm")!.kernelFunc;
      const transpose = tf.getKernel("Transpose", "wasm")!.kernelFunc;
      const permute = (t: Info, perm: number[]) =>
        transpose({ inputs: { x: t }, backend, attrs: { perm } }) as Info;
      const xT = permute(x, [3, 1, 2, 0]);
      const dyT = permute(dy, [1, 2, 0, 3]);
      const { top, bottom, left, right } = info.padInfo;
      const product = conv({
        inputs: { x: xT, filter: dyT },
        backend,
        attrs: {
          strides: 1,
          pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
          dataFormat: "NHWC",
          dilations: 1,
        },
      }) as Info;
      const out = permute(product, [1, 2, 0, 3]);
      for (const t of [xT, dyT, product]) (backend as tf.KernelBackend).disposeData(t.dataId);
      return out;
    },
  });
}

/**
 * Makes `name` the active backend, waiting for the wasm module to load.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { useBackend, tf } from "./_tfjs.ts";
 * await useBackend("cpu");
 * assert.equal(tf.getBackend(), "cpu");
 * ```
 */
export async function useBackend(name: "cpu" | "wasm"): Promise<void> {
  if (name === "wasm") registerWasmFilterGradient();
  if (!(await tf.setBackend(name))) throw new Error(`tfjs: backend ${name} failed to start`);
  await tf.ready();
}
