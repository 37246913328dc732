/**
 * `prefetch`: pull the next items of a sequence while the consumer works on
 * the current one.
 *
 * @module
 */

/** Options of {@link prefetch}. */
export interface PrefetchOptions {
  /** How many items are requested ahead of the one being consumed, a positive integer; 1 when absent. */
  readonly depth?: number;
}

/**
 * The items of `source`, in order, with the next `depth` of them requested
 * before the current one is handed over: while the consumer awaits anything
 * (a write, a Worker, a timer), the producer's own awaits run. The producer
 * never gets more than `depth` items ahead of the consumer.
 *
 * What overlaps, honestly: JavaScript runs one thread, so only waiting
 * overlaps — I/O, decoding or augmentation done in a Worker (see
 * `prefetchAugmented`), timers. Synchronous CPU work of an async producer
 * still runs on the consumer's thread (at the producer's turns), and a
 * synchronous `Iterable` is just pulled early, a microtask after the hand-over,
 * with no overlap at all.
 *
 * An error of the producer surfaces at the item where it happened, after the
 * items before it. When the consumer stops early (`break`), the source's
 * `return` is called, so an async generator runs its `finally` blocks.
 *
 * @throws {RangeError} when `depth` is not a positive integer (on the first `next`).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { prefetch } from "./prefetch.ts";
 * const log: string[] = [];
 * async function* produce() {
 *   for (let i = 0; i < 3; i++) {
 *     log.push(`make ${i}`);
 *     await new Promise((resolve) => setTimeout(resolve, 1)); // say, reading a file
 *     yield i;
 *   }
 * }
 * for await (const item of prefetch(produce())) log.push(`use ${item}`);
 * // Item 1 is on its way before item 0 is used:
 * assert.deepEqual(log, ["make 0", "make 1", "use 0", "make 2", "use 1", "use 2"]);
 * ```
 */
export async function* prefetch<T>(
  source: Iterable<T> | AsyncIterable<T>,
  options: PrefetchOptions = {},
): AsyncGenerator<T, void, undefined> {
  const depth = options.depth ?? 1;
  if (!Number.isSafeInteger(depth) || depth < 1) {
    throw new RangeError(`prefetch: depth must be a positive integer, got ${depth}`);
  }
  const iterator = asyncIterator(source);
  const pending: Promise<IteratorResult<T>>[] = [];
  let done = false;
  const request = () => {
    const next = iterator.next();
    // A failure is reported when its item is reached; until then it must not go unhandled.
    next.catch(() => {});
    pending.push(next);
  };
  try {
    request();
    while (true) {
      const result = await pending.shift()!;
      if (result.done) {
        done = true;
        return;
      }
      while (pending.length < depth) request();
      yield result.value;
    }
  } catch (error) {
    done = true; // a source that threw is finished
    throw error;
  } finally {
    if (!done) await iterator.return?.();
  }
}

function asyncIterator<T>(source: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in source) return source[Symbol.asyncIterator]();
  const iterator = source[Symbol.iterator]();
  return {
    next: () => Promise.resolve().then(() => iterator.next()),
    return: (value?: unknown) => Promise.resolve(iterator.return?.(value) ?? { done: true, value }),
  };
}
