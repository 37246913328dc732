/**
 * The wasm backend's one memory: a scratch area that operands are copied
 * into, kernels work in, and results are copied out of. It only grows; the
 * views are renewed when it does.
 *
 * @module
 */

const PAGE = 65536;
/** 2 GiB in pages: addresses are i32 and JS passes them signed. */
const MAXIMUM_PAGES = 32768;

/** The type a module's `env.memory` import must declare to link against a memory. */
export interface MemoryLimits {
  /** Shared (a `SharedArrayBuffer` that workers can run kernels in); then `maximum` is set. */
  readonly shared: boolean;
  /** The most pages it may grow to; absent when unbounded. */
  readonly maximum?: number;
}

/** Options of {@link ScratchMemory}. */
export interface ScratchMemoryOptions {
  /** A shared memory (up to 2 GiB), for kernels that run in workers too. Default `false`. */
  readonly shared?: boolean;
}

/**
 * A growable `WebAssembly.Memory` with an f32 view. Callers lay out their
 * regions from byte 0 for the length of one kernel call (calls never nest).
 * A shared memory grows in place: views taken before a growth stay valid
 * over the bytes they cover.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ScratchMemory } from "./_scratch_memory.ts";
 * const scratch = new ScratchMemory();
 * const view = scratch.reserve(100_000);
 * assert.ok(view.length * 4 >= 100_000);
 * const shared = new ScratchMemory({ shared: true });
 * assert.ok(shared.reserve(100_000).buffer instanceof SharedArrayBuffer);
 * ```
 */
export class ScratchMemory {
  /** The memory the kernels import as `env.memory`. */
  readonly memory: WebAssembly.Memory;
  /** What the importing modules must declare (see `ModuleBuilder.bytes`). */
  readonly limits: MemoryLimits;
  #view: Float32Array;

  constructor(options: ScratchMemoryOptions = {}) {
    this.limits = options.shared ? { shared: true, maximum: MAXIMUM_PAGES } : { shared: false };
    this.memory = new WebAssembly.Memory({ initial: 16, ...this.limits });
    this.#view = new Float32Array(this.memory.buffer);
  }

  /** The f32 view of at least `bytes` bytes, growing the memory if needed. */
  reserve(bytes: number): Float32Array {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) {
      // Grow by at least half again, so a slowly rising size grows rarely.
      const limit = (this.limits.maximum ?? Infinity) * PAGE;
      const want = Math.min(Math.max(bytes, Math.floor(have * 1.5)), limit);
      this.memory.grow(Math.ceil((want - have) / PAGE));
    }
    if (this.#view.buffer !== this.memory.buffer) this.#view = new Float32Array(this.memory.buffer);
    return this.#view;
  }
}
