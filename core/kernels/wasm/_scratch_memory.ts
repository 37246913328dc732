/**
 * The wasm backend's one memory: a scratch area that operands are copied
 * into, kernels work in, and results are copied out of. It only grows; the
 * views are renewed when it does.
 *
 * @module
 */

const PAGE = 65536;

/**
 * A growable `WebAssembly.Memory` with an f32 view. Callers lay out their
 * regions from byte 0 for the length of one kernel call (calls never nest).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ScratchMemory } from "./_scratch_memory.ts";
 * const scratch = new ScratchMemory();
 * const view = scratch.reserve(100_000);
 * assert.ok(view.length * 4 >= 100_000);
 * ```
 */
export class ScratchMemory {
  /** The memory the kernels import as `env.memory`. */
  readonly memory: WebAssembly.Memory = new WebAssembly.Memory({ initial: 16 });
  #view: Float32Array = new Float32Array(this.memory.buffer);

  /** The f32 view of at least `bytes` bytes, growing the memory if needed. */
  reserve(bytes: number): Float32Array {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) {
      // Grow by at least half again, so a slowly rising size grows rarely.
      const want = Math.max(bytes, Math.floor(have * 1.5));
      this.memory.grow(Math.ceil((want - have) / PAGE));
    }
    if (this.#view.buffer !== this.memory.buffer) this.#view = new Float32Array(this.memory.buffer);
    return this.#view;
  }
}
