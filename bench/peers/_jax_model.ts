/**
 * The pieces the jax-js models share: dense layers from shapeflow's layout,
 * the dense stack, softmax cross-entropy, and a layout change for conv
 * data.
 *
 * @module
 */
import { nn } from "npm:@jax-js/jax@0.1.25";
import type { DenseInit } from "./_protocol.ts";
import { np } from "./_jax.ts";

/**
 * A dense layer's `[nIn, nOut]` weight and `[nOut]` bias from shapeflow's
 * `[nOut, nIn]` layout.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { denseArrays } from "./_jax_model.ts";
 * const [w] = denseArrays({ nOut: 2, nIn: 3, w: new Float32Array([1, 2, 3, 4, 5, 6]), b: new Float32Array(2) });
 * assert.deepEqual(w.shape, [3, 2]);
 * assert.deepEqual(Array.from(w.dataSync()), [1, 4, 2, 5, 3, 6]);
 * ```
 */
export function denseArrays(layer: DenseInit): [np.Array, np.Array] {
  const w = new Float32Array(layer.w.length);
  for (let o = 0; o < layer.nOut; o++) {
    for (let i = 0; i < layer.nIn; i++) w[i * layer.nOut + o] = layer.w[o * layer.nIn + i];
  }
  return [np.array(w).reshape([layer.nIn, layer.nOut]), np.array(layer.b.slice())];
}

/**
 * The logits of dense layers (relu between them) on `h`; `params` holds
 * `w, b` per layer. Consumes its arguments.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { denseArrays, denseStack } from "./_jax_model.ts";
 * import { np } from "./_jax.ts";
 * const layer = denseArrays({ nOut: 1, nIn: 2, w: new Float32Array([1, -1]), b: new Float32Array([0.5]) });
 * const out = denseStack(layer, np.array(new Float32Array([3, 1])).reshape([1, 2]));
 * assert.deepEqual(Array.from(out.dataSync()), [2.5]);
 * ```
 */
export function denseStack(params: np.Array[], h: np.Array): np.Array {
  for (let l = 0; l < params.length; l += 2) {
    h = np.matmul(h, params[l]).add(params[l + 1]);
    if (l + 2 < params.length) h = nn.relu(h);
  }
  return h;
}

/**
 * Softmax cross-entropy of logits against one-hot labels, the batch mean.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { crossEntropy } from "./_jax_model.ts";
 * import { np } from "./_jax.ts";
 * const loss = crossEntropy(np.zeros([1, 2]), np.array(new Float32Array([1, 0])).reshape([1, 2]));
 * assert(Math.abs(loss.dataSync()[0] - Math.LN2) < 1e-6);
 * ```
 */
export function crossEntropy(logits: np.Array, y: np.Array): np.Array {
  return nn.logSoftmax(logits).mul(y).sum(-1).mean().neg();
}

/**
 * Permutes the axes of row-major `data` of `shape` by `perm` (output axis `i`
 * is input axis `perm[i]`) into a contiguous jax-js array, such as NHWC to
 * NCHW with `[0, 3, 1, 2]` or HWIO to OIHW with `[3, 2, 0, 1]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toChannelsFirst } from "./_jax_model.ts";
 * const nchw = toChannelsFirst(new Float32Array([1, 2, 3, 4, 5, 6]), [1, 1, 3, 2], [0, 3, 1, 2]);
 * assert.deepEqual(nchw.shape, [1, 2, 1, 3]);
 * assert.deepEqual(Array.from(nchw.dataSync()), [1, 3, 5, 2, 4, 6]);
 * ```
 */
export function toChannelsFirst(data: Float32Array, shape: number[], perm: number[]): np.Array {
  const outShape = perm.map((axis) => shape[axis]);
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  const outStrides = perm.map((axis) => strides[axis]);
  const out = new Float32Array(data.length);
  const index = new Array<number>(shape.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let source = 0;
    for (let axis = 0; axis < index.length; axis++) source += index[axis] * outStrides[axis];
    out[o] = data[source];
    for (let axis = index.length - 1; axis >= 0; axis--) {
      if (++index[axis] < outShape[axis]) break;
      index[axis] = 0;
    }
  }
  return np.array(out).reshape(outShape);
}
