/**
 * The backend the ops call. The reference backend is the default until a
 * faster one is registered.
 *
 * @module
 */
import type { Backend } from "./backend.ts";
import { reference } from "./reference.ts";

let active: Backend = reference;

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
