/**
 * A timing proxy of a kernel backend, for profiles: every kernel call adds
 * its time (less the proxy's own cost per call, measured on a no-op) to a
 * tally per phase and per kernel label (`unary:relu`, `matmul`, …).
 *
 * @module
 */
import type { Backend } from "../core/kernels/backend.ts";

/** Calls and milliseconds. */
export interface Tally {
  calls: number;
  ms: number;
}

/** The proxy and its tallies. */
export interface KernelTimer {
  /** The backend to install with `setBackend` while timing. */
  readonly backend: Backend;
  /** Tallies by `phase|label`, and the phase's total under `phase|*`. */
  readonly tallies: Map<string, Tally>;
  /** The proxy's own cost per call, in ms, taken off every call. */
  readonly perCallCost: number;
  /** Attributes the calls from now on to `phase`; `null` stops counting. */
  phase(phase: string | null): void;
}

/**
 * A timing proxy of `backend`; unary, binary and reduce calls are labelled
 * by their kind.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kernelTimer } from "./_kernel_timer.ts";
 * import { reference } from "../core/kernels/reference.ts";
 * const timer = kernelTimer(reference);
 * timer.phase("forward");
 * timer.backend.unary("relu", new Float32Array(4), new Float32Array(4));
 * assert.equal(timer.tallies.get("forward|unary:relu")?.calls, 1);
 * ```
 */
export function kernelTimer(backend: Backend): KernelTimer {
  const tallies = new Map<string, Tally>();
  let current: string | null = null;
  let cost = 0;
  const add = (key: string, ms: number) => {
    const entry = tallies.get(key) ?? { calls: 0, ms: 0 };
    entry.calls++;
    entry.ms += ms;
    tallies.set(key, entry);
  };
  const wrap = (target: Backend): Backend => {
    const proxy: Record<string, unknown> = { ...target };
    for (const [name, value] of Object.entries(target)) {
      if (typeof value !== "function") continue;
      const kinded = name === "unary" || name === "binary" || name === "reduce";
      proxy[name] = (...args: unknown[]) => {
        const t = performance.now();
        const result = value.apply(target, args);
        const ms = performance.now() - t - cost;
        if (current !== null) {
          add(`${current}|${kinded ? `${name}:${args[0]}` : name}`, ms);
          add(`${current}|*`, ms);
        }
        return result;
      };
    }
    return proxy as unknown as Backend;
  };
  cost = calibrate(wrap, (phase) => (current = phase));
  tallies.clear();
  current = null;
  return {
    backend: wrap(backend),
    tallies,
    perCallCost: cost,
    phase(phase: string | null) {
      current = phase;
    },
  };
}

/** The proxy's cost per call: a proxied no-op less a bare loop (best of three). */
function calibrate(
  wrap: (target: Backend) => Backend,
  setPhase: (phase: string | null) => void,
): number {
  const noop = wrap({ name: "noop", unary: () => {} } as unknown as Backend);
  const empty = new Float32Array(0);
  const n = 200_000;
  let best = Infinity;
  setPhase("calibration");
  for (let attempt = 0; attempt < 3; attempt++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) noop.unary("neg", empty, empty);
    const proxied = performance.now() - t;
    const t2 = performance.now();
    let sink = 0;
    for (let i = 0; i < n; i++) sink += empty.length;
    const bare = performance.now() - t2 + sink;
    best = Math.min(best, Math.max(0, (proxied - bare) / n));
  }
  return best;
}
