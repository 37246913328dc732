/**
 * The GEMM's helper threads: `node:worker_threads` workers that run kernel
 * calls in the shared scratch memory while the main thread runs its own
 * share, all synchronously (the main thread blocks in `Atomics.wait`, which
 * Deno allows). Workers start lazily and without blocking; until one is
 * ready the main thread does all the work. They are unref'd: a program
 * ends when its own work does.
 *
 * @module
 */
import { Worker } from "node:worker_threads";
import type { KernelModule } from "./_kernel_module.ts";
import { CONTROL, GEMM_WORKER_SOURCE, WORKER_STATE } from "./_gemm_worker.ts";

/**
 * Below this many multiply-adds (2²³: 203³, 0.35 ms on one thread) a product
 * stays on one thread. Measured on 2 vCPUs: 256³ runs 1.5× faster on two
 * threads, 512³ 1.85×; 128³ gains nothing. The MLP's 64×784×128 (6.4 M)
 * gains 1.3–1.46× alone, but inside a training step a worker asleep since
 * the last GEMM takes 50–170 µs to wake, so the step gained 2–3 % on a
 * quiet machine, and each GEMM lost 7–12 % on a busy one: it stays on one thread.
 */
const MIN_WORK = 2 ** 23;

/** What the pool needs of a worker. */
export interface ThreadHandle {
  terminate(): unknown;
}

/** Starts a worker from source text; it reports through the control block in `data`. */
export type SpawnWorker = (source: string, data: WorkerData) => ThreadHandle;

/** What a worker is given. */
export interface WorkerData {
  readonly memory: WebAssembly.Memory;
  readonly compiled: WebAssembly.Module;
  readonly control: SharedArrayBuffer;
}

/** Options of {@link ThreadPool}. */
export interface ThreadPoolOptions {
  /** Threads in all, the main one included (default {@link defaultThreads}). */
  readonly threads?: number;
  /** How workers start (default: an unref'd `node:worker_threads` worker). */
  readonly spawn?: SpawnWorker;
  /** Products of fewer multiply-adds stay on one thread (default {@link MIN_WORK}). */
  readonly minWork?: number;
}

interface Helper {
  readonly handle: ThreadHandle;
  readonly control: Int32Array;
  job: number;
}

function spawnNodeWorker(source: string, workerData: WorkerData): ThreadHandle {
  const worker = new Worker(source, { eval: true, workerData });
  worker.unref();
  // A worker that dies says so in its control block; the pool stops using it.
  const control = new Int32Array(workerData.control);
  worker.on("error", () => Atomics.store(control, CONTROL.state, WORKER_STATE.failed));
  return worker;
}

/**
 * `min(2, cores)`, or `SHAPEFLOW_THREADS` where the environment may be read
 * (`--allow-env=SHAPEFLOW_THREADS`).
 */
function defaultThreads(): number {
  const variable = "SHAPEFLOW_THREADS";
  const env = globalThis.Deno?.permissions?.querySync?.({ name: "env", variable });
  const set = env?.state === "granted" ? Number(Deno.env.get(variable)) : NaN;
  if (Number.isInteger(set) && set >= 1) return set;
  return Math.max(1, Math.min(2, globalThis.navigator?.hardwareConcurrency ?? 1));
}

/**
 * A pool of helper threads for one kernel module at a time.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ThreadPool } from "./_thread_pool.ts";
 * const pool = new ThreadPool({ threads: 1 });
 * assert.equal(pool.threads, 1);
 * let ran = false;
 * pool.run([], () => (ran = true));
 * assert.ok(ran);
 * pool.close();
 * ```
 */
export class ThreadPool {
  #threads: number;
  readonly #spawn: SpawnWorker;
  readonly #minWork: number;
  #helpers: Helper[] = [];
  #module: KernelModule | undefined;
  #unavailable = false;

  constructor(options: ThreadPoolOptions = {}) {
    this.#spawn = options.spawn ?? spawnNodeWorker;
    this.#threads = checkedCount(options.threads ?? defaultThreads());
    this.#minWork = options.minWork ?? MIN_WORK;
  }

  /** Threads in all, the main one included. */
  get threads(): number {
    return this.#threads;
  }

  /**
   * How many threads a product of `work` multiply-adds should use: 1 below
   * the `minWork` option, without `SharedArrayBuffer` or where workers
   * cannot start; else all.
   */
  threadsFor(work: number): number {
    const possible = typeof SharedArrayBuffer === "function" && !this.#unavailable;
    return possible && work >= this.#minWork ? this.#threads : 1;
  }

  /**
   * Sets the thread count (at least 1). Missing workers start on use;
   * surplus ones stay idle (asleep) until {@link close}.
   */
  setThreads(count: number): void {
    this.#threads = checkedCount(count);
  }

  /**
   * How many workers are ready for `module` (which needs a shared memory);
   * starts the missing ones, without waiting for them.
   */
  ready(module: KernelModule): number {
    if (this.#module !== module) this.close();
    this.#module = module;
    const failed = ({ control }: Helper) =>
      Atomics.load(control, CONTROL.state) === WORKER_STATE.failed;
    if (this.#helpers.some(failed)) {
      // A worker that failed would fail again: this pool stays on one thread.
      this.#unavailable = true;
      this.close();
    }
    while (!this.#unavailable && this.#helpers.length < this.#threads - 1) {
      const buffer = new SharedArrayBuffer(CONTROL.length * 4);
      const data = { memory: module.scratch.memory, compiled: module.compiled, control: buffer };
      try {
        this.#helpers.push({
          handle: this.#spawn(GEMM_WORKER_SOURCE, data),
          control: new Int32Array(buffer),
          job: 0,
        });
      } catch {
        this.#unavailable = true; // No workers here (permissions, platform): one thread.
      }
    }
    return Math.min(this.#readyHelpers().length, this.#threads - 1);
  }

  /** Like {@link ready}, but waits up to `timeoutMs` for the workers to start. */
  start(module: KernelModule, timeoutMs = 10_000): number {
    this.ready(module);
    const deadline = performance.now() + timeoutMs;
    for (const { control } of this.#helpers) {
      const left = deadline - performance.now();
      if (left > 0) Atomics.wait(control, CONTROL.state, WORKER_STATE.starting, left);
    }
    return this.ready(module);
  }

  /**
   * Runs `own` here while the first `commands.length` ready workers run the
   * command lists at those byte addresses; returns when all are done.
   * Call {@link ready} first: it says how many workers there are.
   */
  run(commands: readonly number[], own: () => void): void {
    const helpers = this.#readyHelpers().slice(0, Math.min(commands.length, this.#threads - 1));
    if (helpers.length < commands.length) {
      throw new RangeError(
        `Expected at most ${helpers.length} command lists, got ${commands.length}`,
      );
    }
    helpers.forEach((helper, i) => {
      helper.control[CONTROL.commands] = commands[i];
      Atomics.store(helper.control, CONTROL.job, ++helper.job);
      Atomics.notify(helper.control, CONTROL.job);
    });
    try {
      own();
    } finally {
      for (const { control, job } of helpers) {
        for (let done = Atomics.load(control, CONTROL.done); done !== job;) {
          Atomics.wait(control, CONTROL.done, done);
          done = Atomics.load(control, CONTROL.done);
        }
      }
    }
    if (helpers.some(({ control }) => control[CONTROL.state] === WORKER_STATE.failed)) {
      throw new Error("A GEMM worker failed: its share of the product is missing");
    }
  }

  /** Ends all workers (the next {@link ready} starts new ones). */
  close(): void {
    for (const helper of this.#helpers.splice(0)) end(helper);
    this.#module = undefined;
  }

  #readyHelpers(): Helper[] {
    return this.#helpers.filter(({ control }) =>
      Atomics.load(control, CONTROL.state) === WORKER_STATE.ready
    );
  }
}

function checkedCount(count: number): number {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`Expected a thread count that is an integer ≥ 1, got ${count}`);
  }
  return count;
}

function end({ handle, control }: Helper): void {
  Atomics.store(control, CONTROL.job, -1);
  Atomics.notify(control, CONTROL.job);
  handle.terminate();
}

/** The pool the wasm backend's GEMMs use. */
export const threadPool: ThreadPool = new ThreadPool();
