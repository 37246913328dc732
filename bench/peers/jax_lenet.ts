/**
 * LeNet-5 in jax-js, in its native NCHW layout: `lax.conv` with OIHW
 * filters, bias, `nn.relu`, max-pool as `lax.reduceWindow` of `max` (JAX's
 * `reduce_window`, what Flax's `max_pool` is), then the pooled `[N, 16, 5,
 * 5]` moved to NHWC order before the flattening, so that the dense layers
 * see the same 400 features, in the same order, as in the other libraries.
 *
 * @module
 */
import { lax, nn } from "npm:@jax-js/jax@0.1.25";
import type { ConvInit, LenetInit, Trainer, TrainSetup } from "./_protocol.ts";
import { jaxTrainer, np } from "./_jax.ts";
import { crossEntropy, denseArrays, denseStack, toChannelsFirst } from "./_jax_model.ts";

function convArrays(c: ConvInit): [np.Array, np.Array] {
  return [
    toChannelsFirst(c.w, [c.f, c.f, c.cIn, c.cOut], [3, 2, 0, 1]),
    np.array(c.b.slice()).reshape([1, c.cOut, 1, 1]),
  ];
}

function block(x: np.Array, w: np.Array, b: np.Array, padding: "SAME" | "VALID"): np.Array {
  const z = nn.relu(lax.conv(x, w, [1, 1], padding).add(b));
  return lax.reduceWindow(z, (window: np.Array) => window.max(), [2, 2], [2, 2]);
}

/**
 * A LeNet-5 trainer on jax-js's wasm device. Images are `[N, 1, 28, 28]`,
 * which for one channel is the same bytes as NHWC.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ADAM } from "./_protocol.ts";
 * import { lenetInit } from "./_data.ts";
 * import { startJax } from "./_jax.ts";
 * import { lenetTrainer } from "./jax_lenet.ts";
 * await startJax();
 * const batch = { rows: 1, x: new Float32Array(784).fill(0.5), y: new Float32Array([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]) };
 * const trainer = lenetTrainer({ batches: [batch], evalBatch: batch, params: lenetInit(), adam: ADAM });
 * const before = await trainer.evalLoss();
 * for (let i = 0; i < 3; i++) trainer.run();
 * assert((await trainer.evalLoss()) < before);
 * trainer.dispose();
 * ```
 */
export function lenetTrainer(setup: TrainSetup<LenetInit>): Trainer {
  const { conv1, conv2, dense } = setup.params;
  const params = [...convArrays(conv1), ...convArrays(conv2), ...dense.flatMap(denseArrays)];
  const loss = (p: np.Array[], x: np.Array, y: np.Array) => {
    const pooled = block(block(x, p[0], p[1], "SAME"), p[2], p[3], "VALID");
    const rows = pooled.shape[0];
    const features = pooled.transpose([0, 2, 3, 1]).reshape([rows, 400]);
    return crossEntropy(denseStack(p.slice(4), features), y);
  };
  return jaxTrainer(loss, params, setup, [1, 28, 28]);
}
