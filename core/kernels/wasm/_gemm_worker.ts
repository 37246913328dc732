/**
 * The GEMM worker's program, as source text: it is evaluated in a
 * `node:worker_threads` worker (no file to read, so no permission needed).
 * The worker instantiates the kernel module over the shared scratch memory,
 * then serves jobs forever: each job is a list of kernel calls written in
 * that memory (see {@link COMMAND_WORDS}), announced and acknowledged through
 * a control block of Int32 slots (see {@link CONTROL}) with `Atomics`.
 *
 * @module
 */

import { directKernelNames } from "./_gemm_direct_module.ts";

/** Slots of a worker's control block (an `Int32Array` over a `SharedArrayBuffer`). */
export const CONTROL = {
  /** The job number the main thread last posted; −1 asks the worker to end. */
  job: 0,
  /** The job number the worker last finished. */
  done: 1,
  /** {@link WORKER_STATE}: starting, ready or failed. */
  state: 2,
  /** Byte address of the job's command list in the shared memory. */
  commands: 3,
  /** Slots per block (64 bytes: blocks of two workers share no cache line). */
  length: 16,
} as const;

/** Values of the `state` slot. */
export const WORKER_STATE = { starting: 0, ready: 1, failed: 2 } as const;

/** The kernel exports a command may call, by opcode. */
export const COMMAND_KERNELS: readonly string[] = [
  "pack_a",
  "pack_b",
  "gemm_kernel",
  ...directKernelNames(),
];

/**
 * Int32 words per command: the opcode, then 13 arguments (unused ones 0).
 * A command list is its count of commands, then the commands.
 */
export const COMMAND_WORDS = 14;

const { job, done, state, commands } = CONTROL;
const { ready, failed } = WORKER_STATE;
const args = Array.from({ length: COMMAND_WORDS - 1 }, (_, i) => `words[i + ${i + 1}]`).join(", ");

/**
 * The worker's source (CommonJS, for `new Worker(source, { eval: true })`);
 * `workerData` is `{ memory, compiled, control }`.
 */
export const GEMM_WORKER_SOURCE: string = `"use strict";
const { workerData } = require("node:worker_threads");
const { memory, compiled, control: buffer } = workerData;
const control = new Int32Array(buffer);
function fail() {
  Atomics.store(control, ${state}, ${failed});
  Atomics.notify(control, ${state});
}
let calls;
try {
  const kernels = new WebAssembly.Instance(compiled, { env: { memory } }).exports;
  calls = ${JSON.stringify(COMMAND_KERNELS)}.map((name) => kernels[name]);
  Atomics.store(control, ${state}, ${ready});
  Atomics.notify(control, ${state});
} catch {
  fail();
}
let words = new Int32Array(memory.buffer);
for (let seen = 0; calls !== undefined;) {
  Atomics.wait(control, ${job}, seen);
  seen = Atomics.load(control, ${job});
  if (seen < 0) break;
  try {
    const at = Atomics.load(control, ${commands}) >> 2;
    // The memory may have grown since the last job: a fresh view sees all of it.
    if (at >= words.length) words = new Int32Array(memory.buffer);
    const end = at + 1 + words[at] * ${COMMAND_WORDS};
    if (end > words.length) words = new Int32Array(memory.buffer);
    for (let i = at + 1; i < end; i += ${COMMAND_WORDS}) calls[words[i]](${args});
  } catch {
    fail();
  }
  Atomics.store(control, ${done}, seen);
  Atomics.notify(control, ${done});
}
`;
