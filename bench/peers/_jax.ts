/**
 * jax-js for the peer benchmark: `@jax-js/jax` on its `wasm` device (kernels
 * synthesised as WebAssembly SIMD at run time), pinned. By default it
 * dispatches kernels to a pool of `navigator.hardwareConcurrency` workers
 * over a shared memory. Its wasm device is built when the package is first
 * evaluated, and it falls back to the main thread alone when `Worker` is
 * undefined then (it checks again whenever it builds a kernel): so a
 * single-thread process hides `Worker` for good before it imports this
 * module (see `run.ts`).
 *
 * Also the training loop every jax-js model shares: one `jit`-compiled step
 * (loss, `valueAndGrad`, Adam) with jax-js's ownership rules (an argument is
 * consumed; `.ref` keeps it).
 *
 * @module
 */
import {
  blockUntilReady,
  defaultDevice,
  init,
  jit,
  numpy as np,
  tree,
  valueAndGrad,
} from "npm:@jax-js/jax@0.1.25";
import type { AdamConfig, Batch, Trainer } from "./_protocol.ts";

export { blockUntilReady, np, tree };

/** The pinned jax-js version (the package exports none). */
export const JAX_VERSION = "0.1.25";

/**
 * Starts jax-js's wasm device; returns the number of threads that compute:
 * the workers, or 1 when `Worker` was hidden before jax-js was imported.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { np, startJax } from "./_jax.ts";
 * assert((await startJax()) >= 1);
 * assert.deepEqual(np.array(new Float32Array([1, 2])).mul(2).dataSync(), new Float32Array([2, 4]));
 * ```
 */
export async function startJax(): Promise<number> {
  await init("wasm");
  defaultDevice("wasm");
  return typeof Worker === "undefined" ? 1 : navigator.hardwareConcurrency;
}

/** A loss of a flat list of params on a batch; it consumes its arguments. */
export type JaxLoss = (params: np.Array[], x: np.Array, y: np.Array) => np.Array;

/**
 * A trainer that jit-compiles one step: the loss and its gradient, then Adam
 * (`m ← β1·m + (1−β1)·g`, `v ← β2·v + (1−β2)·g²`,
 * `p ← p − α·m·c1 / (√(v·c2) + ε)` with the bias corrections `c1`, `c2`
 * passed in per step). `inputShape` shapes each batch's pixels.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ADAM } from "./_protocol.ts";
 * import { jaxTrainer, np, startJax } from "./_jax.ts";
 * await startJax();
 * const loss = ([w]: np.Array[], x: np.Array, y: np.Array) => np.square(x.mul(w).sub(y)).sum();
 * const batch = { rows: 1, x: new Float32Array([1]), y: new Float32Array([0]) };
 * const trainer = jaxTrainer(loss, [np.array(new Float32Array([3]))], { batches: [batch], evalBatch: batch, adam: ADAM }, [1]);
 * trainer.run();
 * assert((await trainer.evalLoss()) < 9);
 * ```
 */
export function jaxTrainer(
  loss: JaxLoss,
  initial: np.Array[],
  setup: { batches: readonly Batch[]; evalBatch: Batch; adam: AdamConfig },
  inputShape: number[],
): Trainer {
  const { learningRate, beta1, beta2, epsilon } = setup.adam;
  const tensors = (b: Batch) => ({
    x: np.array(b.x.slice()).reshape([b.rows, ...inputShape]),
    y: np.array(b.y.slice()).reshape([b.rows, b.y.length / b.rows]),
  });
  const batches = setup.batches.map(tensors);
  const evalBatch = tensors(setup.evalBatch);
  const step = jit(
    (p: np.Array[], m: np.Array[], v: np.Array[], x: np.Array, y: np.Array, c: np.Array[]) => {
      const [value, grads] = valueAndGrad(loss)(tree.ref(p), x, y);
      const [c1, c2] = c;
      const nextM = m.map((mi, i) => mi.mul(beta1).add(grads[i].ref.mul(1 - beta1)));
      const nextV = v.map((vi, i) => vi.mul(beta2).add(np.square(grads[i]).mul(1 - beta2)));
      const nextP = p.map((pi, i) =>
        pi.sub(
          nextM[i].ref.mul(c1.ref).mul(learningRate).div(
            np.sqrt(nextV[i].ref.mul(c2.ref)).add(epsilon),
          ),
        )
      );
      c1.dispose();
      c2.dispose();
      return [nextP, nextM, nextV, value] as [np.Array[], np.Array[], np.Array[], np.Array];
    },
  );
  const evaluate = jit(loss);
  let params = initial;
  let m = params.map((p) => np.zerosLike(p.ref));
  let v = params.map((p) => np.zerosLike(p.ref));
  let t = 0;
  return {
    run() {
      const { x, y } = batches[t % batches.length];
      t++;
      const corrections = [1 / (1 - beta1 ** t), 1 / (1 - beta2 ** t)].map((c) =>
        np.array(new Float32Array([c])).reshape([])
      );
      let value: np.Array;
      [params, m, v, value] = step(params, m, v, x.ref, y.ref, corrections);
      value.dispose();
    },
    sync: async () => void (await blockUntilReady(params)),
    evalLoss: async () =>
      (await evaluate(tree.ref(params), evalBatch.x.ref, evalBatch.y.ref).data())[0],
    dispose() {
      tree.dispose([params, m, v, batches, evalBatch]);
      step.dispose();
      evaluate.dispose();
    },
  };
}
