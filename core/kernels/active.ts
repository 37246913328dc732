/**
 * The backend the ops call: the wasm backend where the engine runs
 * WebAssembly SIMD128, else the reference.
 *
 * @module
 */
import type { Backend } from "./backend.ts";
import { reference } from "./reference.ts";
import { wasm } from "./wasm/backend.ts";
import { wasmFeatures } from "./wasm/_features.ts";

let active: Backend = wasmFeatures().simd ? wasm : reference;

/** The backend ops run on now. */
export function kernels(): Backend {
  return active;
}

/**
 * Makes `backend` the one ops run on; returns the previous one.
 *
 * @example
 * ```ts
 * import { setBackend } from "./active.ts";
 * import { reference } from "./reference.ts";
 * const previous = setBackend(reference);
 * setBackend(previous);
 * ```
 */
export function setBackend(backend: Backend): Backend {
  const previous = active;
  active = backend;
  return previous;
}
