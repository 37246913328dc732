import assert from "node:assert/strict";
import { Worker } from "node:worker_threads";
import { kernelModule } from "./_kernel_module.ts";
import type { SpawnWorker } from "./_thread_pool.ts";
import { ThreadPool } from "./_thread_pool.ts";

/** Spawns real workers whose source `edit` changes first. */
function editedWorkers(edit: (source: string) => string): SpawnWorker {
  return (source, workerData) => {
    const worker = new Worker(edit(source), { eval: true, workerData });
    worker.unref();
    return worker;
  };
}

Deno.test("ThreadPool: thread counts are integers ≥ 1", () => {
  const pool = new ThreadPool({ threads: 3, minWork: 100 });
  assert.equal(pool.threads, 3);
  assert.equal(pool.threadsFor(99), 1);
  assert.equal(pool.threadsFor(100), 3);
  pool.setThreads(1);
  assert.equal(pool.threadsFor(1e9), 1);
  for (const bad of [0, -1, 1.5, NaN]) {
    assert.throws(() => pool.setThreads(bad), RangeError);
    assert.throws(() => new ThreadPool({ threads: bad }), RangeError);
  }
});

Deno.test("ThreadPool: starts, runs, closes and starts again", () => {
  const module = kernelModule({ shared: true });
  const pool = new ThreadPool({ threads: 3 });
  try {
    assert.equal(pool.start(module), 2);
    // Empty command lists at byte 0 (its word is the count, 0): the workers finish at once.
    module.scratch.reserve(64).fill(0, 0, 1);
    let own = 0;
    pool.run([0, 0], () => own++);
    assert.equal(own, 1);
    assert.throws(() => pool.run([0, 0, 0], () => {}), RangeError);
    // Fewer threads: a worker stays idle, and comes back without starting anew.
    pool.setThreads(2);
    assert.equal(pool.ready(module), 1);
    assert.throws(() => pool.run([0, 0], () => {}), RangeError);
    pool.setThreads(3);
    assert.equal(pool.ready(module), 2);
    pool.setThreads(2);
    pool.close();
    assert.equal(pool.start(module), 1);
    pool.run([0], () => own++);
    assert.equal(own, 2);
  } finally {
    pool.close();
  }
});

Deno.test("ThreadPool: workers that cannot start leave one thread", () => {
  const module = kernelModule({ shared: true });
  const refused = new ThreadPool({
    threads: 2,
    spawn: () => {
      throw new Error("permission denied");
    },
  });
  assert.equal(refused.start(module), 0);
  assert.equal(refused.threadsFor(1e12), 1);
  // A worker that fails while starting (here: a module it cannot instantiate).
  const broken = editedWorkers((source) => source.replace("{ env: { memory } }", "{}"));
  const failing = new ThreadPool({ threads: 2, spawn: broken });
  try {
    assert.equal(failing.start(module), 0);
    assert.equal(failing.threadsFor(1e12), 1);
  } finally {
    failing.close();
  }
});

Deno.test("ThreadPool: a worker that fails during a job makes run throw", () => {
  const module = kernelModule({ shared: true });
  const broken = editedWorkers((source) => source.replace("calls[words[i]](", "calls[99]("));
  const pool = new ThreadPool({ threads: 2, spawn: broken });
  try {
    assert.equal(pool.start(module), 1);
    // One command: its opcode word reaches the broken call.
    module.scratch.reserve(64).set(new Float32Array(new Int32Array([1, 2]).buffer), 0);
    assert.throws(() => pool.run([0], () => {}), /A GEMM worker failed/);
    // Workers are not used again.
    assert.equal(pool.ready(module), 0);
    assert.equal(pool.threadsFor(1e12), 1);
  } finally {
    pool.close();
  }
});
