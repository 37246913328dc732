/**
 * `prefetchAugmented`: augment the next batches in Worker threads while the
 * main thread trains on the current one.
 *
 * @module
 */
import type { Dim } from "../../core/shape.ts";
import type { DType } from "../../core/tensor.ts";
import { Tensor } from "../../core/tensor.ts";
import type { PRNGKey } from "../../core/random.ts";
import { foldIn } from "../../core/random.ts";
import { augment } from "../augment/augment.ts";
import type { AugmentedShape, AugmentStep } from "../augment/augment.ts";
import type { Dataset } from "./dataset.ts";
import type { WorkerReply, WorkerRequest, WorkerSetup } from "./prefetch_worker.ts";

/** Options of {@link prefetchAugmented}. */
export interface PrefetchAugmentedOptions<Steps extends readonly AugmentStep[]> {
  /** The augmentation key: batch `i` (from 0) is augmented with `foldIn(key, i)`. */
  readonly key: PRNGKey;
  /** The pipeline (see `augment`): plain data, so a Worker can run it. */
  readonly steps: Steps;
  /** Worker threads; 0 augments on the main thread (same results, no overlap); 1 when absent. */
  readonly workers?: number;
  /** Batches in flight ahead of the one being consumed; `max(workers, 1)` when absent. */
  readonly depth?: number;
}

/** The per-example shape after a pipeline: `[H, W, C]` with the last crop's size. */
export type AugmentedRow<F extends readonly [Dim, Dim, Dim], Steps> =
  AugmentedShape<[number, F[0], F[1], F[2]], Steps> extends
    readonly [Dim, infer H extends Dim, infer W extends Dim, infer C extends Dim] ? [H, W, C]
    : never;

/**
 * The batches of `source` (NHWC images, e.g. `batches(data, { batchSize, key })`
 * of a dataset reshaped to `[n, 28, 28, 1]`), each augmented by
 * `augment(foldIn(key, i), images, steps)` with its labels kept, in order.
 * The augmentation runs in `workers` module Workers, `depth` batches ahead of
 * the consumer: each batch's pixels are copied into a fresh buffer that is
 * transferred to a Worker and back, so the main thread's training and the
 * Workers' augmentation run at the same time on different cores. The batches
 * are the same, bit for bit, as on the main thread (`workers: 0`), whatever
 * the number of Workers.
 *
 * Deno checks read permission for a Worker's module: run with `--allow-read`
 * (at least for this folder and `core/`). The Workers are terminated when
 * the iteration ends, fails or is stopped early.
 *
 * @throws {RangeError} when `workers` is not a non-negative integer or `depth` not a positive one.
 * @throws {Error} naming the batch when a step throws in a Worker.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { prefetchAugmented } from "./prefetch_augmented.ts";
 * import { batches } from "./batches.ts";
 * import { makeDataset } from "./dataset.ts";
 * import { key } from "../../core/random.ts";
 * import { randomUniform } from "../../core/sample.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * const data = makeDataset(randomUniform(key(0), [10, 8, 8, 1]), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], {
 *   classes: 10,
 * });
 * const steps = [{ kind: "crop", size: [6, 6], padding: 1 }, { kind: "flip" }] as const;
 * const sizes: number[] = [];
 * for await (const batch of prefetchAugmented(batches(data, { batchSize: 4 }), { key: key(1), steps })) {
 *   const images: Tensor<[number, 6, 6, 1]> = batch.images;
 *   sizes.push(images.shape[0]);
 * }
 * assert.deepEqual(sizes, [4, 4, 2]);
 * ```
 */
export async function* prefetchAugmented<
  F extends readonly [Dim, Dim, Dim],
  C extends number,
  D extends DType,
  const Steps extends readonly AugmentStep[],
>(
  source: Iterable<Dataset<F, C, D>> | AsyncIterable<Dataset<F, C, D>>,
  options: PrefetchAugmentedOptions<Steps>,
): AsyncGenerator<Dataset<AugmentedRow<F, Steps>, C, D>, void, undefined> {
  type Out = Dataset<AugmentedRow<F, Steps>, C, D>;
  const workers = options.workers ?? 1;
  if (!Number.isSafeInteger(workers) || workers < 0) {
    throw new RangeError(
      `prefetchAugmented: workers must be a non-negative integer, got ${workers}`,
    );
  }
  const depth = options.depth ?? Math.max(workers, 1);
  if (!Number.isSafeInteger(depth) || depth < 1) {
    throw new RangeError(`prefetchAugmented: depth must be a positive integer, got ${depth}`);
  }
  const { key, steps } = options;
  const pool = workers === 0 ? undefined : new WorkerPool(workers, steps);
  const iterator = Symbol.asyncIterator in source
    ? source[Symbol.asyncIterator]()
    : source[Symbol.iterator]();
  const queue: Promise<Out>[] = [];
  let exhausted = false;
  let submitted = 0;
  const submit = async (): Promise<void> => {
    const next = await iterator.next();
    if (next.done) {
      exhausted = true;
      return;
    }
    const batch = next.value;
    const id = submitted++;
    const batchKey = foldIn(key, id);
    const images = batch.images as unknown as Tensor<[number, number, number, number], D>;
    const done = pool === undefined
      ? Promise.resolve().then(() => augment(batchKey, images, steps))
      : pool.run(id, images, batchKey);
    const result = done.then((out) => ({ ...batch, images: out }) as unknown as Out);
    result.catch(() => {}); // reported when its turn comes
    queue.push(result);
  };
  try {
    while (true) {
      while (!exhausted && queue.length < depth + 1) await submit();
      const next = queue.shift();
      if (next === undefined) return;
      yield await next;
    }
  } finally {
    pool?.terminate();
    if (!exhausted) await iterator.return?.();
  }
}

/** Workers that take batches in turn and answer by batch id. */
class WorkerPool {
  readonly #workers: Worker[];
  readonly #waiting = new Map<
    number,
    { resolve(t: Tensor<Dim[], DType>): void; reject(e: Error): void }
  >();

  constructor(count: number, steps: readonly AugmentStep[]) {
    const url = new URL("./prefetch_worker.ts", import.meta.url).href;
    this.#workers = Array.from({ length: count }, () => {
      const worker = new Worker(url, { type: "module" });
      worker.onmessage = (event: MessageEvent<WorkerReply>) => this.#settle(event.data);
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        this.#failAll(new Error(`prefetchAugmented: a Worker failed: ${event.message}`));
      };
      worker.postMessage({ steps } satisfies WorkerSetup);
      return worker;
    });
  }

  /** Augments batch `id` in Worker `id mod count`. */
  run<D extends DType>(
    id: number,
    images: Tensor<[number, number, number, number], D>,
    key: PRNGKey,
  ): Promise<Tensor<Dim[], D>> {
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (t: Tensor<Dim[], DType>) => void, reject });
      const data = images.data.slice(); // the tensor keeps its buffer; the copy travels
      const request: WorkerRequest = { id, shape: images.shape, dtype: images.dtype, data, key };
      this.#workers[id % this.#workers.length].postMessage(request, [data.buffer]);
    });
  }

  terminate(): void {
    for (const worker of this.#workers) worker.terminate();
    this.#failAll(new Error("prefetchAugmented: the Workers were terminated"));
  }

  #settle(reply: WorkerReply): void {
    const waiting = this.#waiting.get(reply.id);
    if (waiting === undefined) return;
    this.#waiting.delete(reply.id);
    if ("error" in reply) {
      waiting.reject(new Error(`prefetchAugmented: batch ${reply.id}: ${reply.error}`));
    } else {
      const dtype = reply.data instanceof Float64Array ? "f64" : "f32";
      waiting.resolve(new Tensor(reply.shape, dtype, reply.data));
    }
  }

  #failAll(error: Error): void {
    for (const waiting of this.#waiting.values()) waiting.reject(error);
    this.#waiting.clear();
  }
}
