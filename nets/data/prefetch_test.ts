import assert from "node:assert/strict";
import { prefetch } from "./prefetch.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** An async producer that logs when it starts and finishes each item, waiting in between. */
function producer(log: string[], count: number) {
  return (async function* () {
    for (let i = 0; i < count; i++) {
      log.push(`start ${i}`);
      await tick();
      log.push(`end ${i}`);
      yield i;
    }
  })();
}

/** The position of an event in the log (it must be there). */
function at(log: string[], event: string): number {
  const index = log.indexOf(event);
  assert(index >= 0, `${event} missing from ${log}`);
  return index;
}

Deno.test("prefetch keeps the order and hands over every item", async () => {
  const out: number[] = [];
  for await (const item of prefetch([5, 6, 7, 8])) out.push(item);
  assert.deepEqual(out, [5, 6, 7, 8]);
  for await (const _ of prefetch([])) assert.fail("an empty source yields nothing");
  const log: string[] = [];
  const items: number[] = [];
  for await (const item of prefetch(producer(log, 6), { depth: 3 })) items.push(item);
  assert.deepEqual(items, [0, 1, 2, 3, 4, 5]);
});

Deno.test("prefetch: the producer starts item k + 1 before the consumer starts item k", async () => {
  // Without prefetch the events alternate strictly; with it, the producer's next item is
  // under way while the consumer works. Event order, not timing, is checked.
  const serial: string[] = [];
  for await (const item of producer(serial, 4)) {
    serial.push(`use ${item}`);
    await tick();
    serial.push(`used ${item}`);
  }
  for (let k = 0; k < 3; k++) assert(at(serial, `start ${k + 1}`) > at(serial, `used ${k}`));

  const log: string[] = [];
  for await (const item of prefetch(producer(log, 4))) {
    log.push(`use ${item}`);
    await tick();
    log.push(`used ${item}`);
  }
  for (let k = 0; k < 3; k++) assert(at(log, `start ${k + 1}`) < at(log, `use ${k}`), `${log}`);
});

/** Waits until `event` is in the log; fails after 2,000 ticks (the producer is stuck). */
async function waitFor(log: string[], event: string): Promise<void> {
  for (let i = 0; i < 2000 && !log.includes(event); i++) await tick();
  assert(log.includes(event), `${event} never came: ${log}`);
}

Deno.test("prefetch: the producer runs exactly depth items ahead, no further", async () => {
  for (const depth of [1, 2, 4]) {
    const log: string[] = [];
    for await (const item of prefetch(producer(log, 8), { depth })) {
      log.push(`use ${item}`);
      // The consumer holds item k until the producer has finished item k + depth on its
      // own (a producer that did not run ahead would never get there) …
      if (item + depth < 8) await waitFor(log, `end ${item + depth}`);
      // … and then gives it time to run further ahead, which it must not do.
      for (let i = 0; i < 3; i++) await tick();
      if (item + depth + 1 < 8) assert(!log.includes(`start ${item + depth + 1}`), `${log}`);
    }
  }
});

Deno.test("prefetch: a producer's error surfaces at its item, after the items before it", async () => {
  async function* failing() {
    yield 1;
    yield 2;
    throw new Error("bad batch");
  }
  const seen: number[] = [];
  await assert.rejects(async () => {
    for await (const item of prefetch(failing(), { depth: 2 })) seen.push(item);
  }, new Error("bad batch"));
  assert.deepEqual(seen, [1, 2]);
});

Deno.test("prefetch: stopping early closes the source", async () => {
  let closed = false;
  async function* endless() {
    try {
      for (let i = 0;; i++) yield i;
    } finally {
      closed = true;
    }
  }
  for await (const item of prefetch(endless(), { depth: 2 })) if (item === 3) break;
  assert(closed);
  let syncClosed = false;
  function* sync() {
    try {
      yield* [1, 2, 3];
    } finally {
      syncClosed = true;
    }
  }
  for await (const _ of prefetch(sync())) break;
  assert(syncClosed);
});

Deno.test("prefetch: depth must be a positive integer", async () => {
  for (const depth of [0, -1, 1.5, NaN]) {
    await assert.rejects(
      () => prefetch([1], { depth }).next(),
      new RangeError(`prefetch: depth must be a positive integer, got ${depth}`),
    );
  }
});
