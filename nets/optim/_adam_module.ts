/**
 * The WebAssembly SIMD module behind Adam's fused pass, written out byte by
 * byte (two functions, a few hundred bytes). Both take
 * `(g, m, v, out, n, b1, b2, c1, c2, s, vs, eps)`: four byte offsets into the
 * module's memory, a length in bytes (a multiple of 16) and the
 * coefficients. Four f32 lanes at a time they compute `m′ = b1·m + c1·g`
 * and `v′ = b2·v + (c2·g)·g`, store them over `m` and `v`, and either write
 * the update `u = s·m′/(√(v′·vs) + eps)` at `out` (`update`) or add it to
 * the params found there (`step`).
 *
 * @module
 */

/** The module's exports. */
export interface AdamModule {
  /** Writes the update at `out`. */
  readonly update: AdamFunction;
  /** Adds the update to the params at `out`. */
  readonly step: AdamFunction;
  /** The module's memory; grow it to fit the arrays. */
  readonly memory: WebAssembly.Memory;
}

/** `(g, m, v, out, n, b1, b2, c1, c2, s, vs, eps)`, offsets and length in bytes. */
export type AdamFunction = (
  g: number,
  m: number,
  v: number,
  out: number,
  n: number,
  ...coefficients: number[]
) => void;

const SIMD = 0xfd;
/** f32x4 opcodes (after the 0xfd prefix, LEB128). */
const F32X4 = {
  splat: [0x13],
  sqrt: [0xe3, 0x01],
  add: [0xe4, 0x01],
  mul: [0xe6, 0x01],
  div: [0xe7, 0x01],
} as const;
const [GET, SET] = [0x20, 0x21];
// Params: 0–3 the offsets of g, m, v, out; 4 n; 5–11 b1, b2, c1, c2, s, vs, eps.
// Locals: 12 i; 13–19 the coefficients splatted; 20 g, 21 m, 22 v.
const [N, I, G, M, V] = [4, 12, 20, 21, 22];
const [B1, B2, C1, C2, S, VS, EPS] = [13, 14, 15, 16, 17, 18, 19];
const splat = (param: number) => [GET, param, SIMD, ...F32X4.splat, SET, param + 8];
const op = (name: keyof typeof F32X4) => [SIMD, ...F32X4[name]];
const load = [SIMD, 0x00, 0x04, 0x00]; // v128.load align=16 offset=0
const store = [SIMD, 0x0b, 0x04, 0x00];
/** `pointer + i` on the stack. */
const at = (pointer: number) => [GET, pointer, GET, I, 0x6a];

/** The body of `update` (writes u at out) or of `step` (adds u to what is there). */
function body(addToParams: boolean): number[] {
  // s·m′ / (√(v′·vs) + eps), on the stack.
  const update = [GET, S, GET, M, ...op("mul"), GET, V, GET, VS, ...op("mul"), ...op("sqrt")];
  update.push(GET, EPS, ...op("add"), ...op("div"));
  const result = addToParams ? [...at(3), ...load, ...update, ...op("add")] : update;
  // deno-fmt-ignore
  return [
    0x02, 0x01, 0x7f, 0x0a, 0x7b, // locals: one i32, ten v128
    ...[5, 6, 7, 8, 9, 10, 11].flatMap(splat),
    0x02, 0x40, 0x03, 0x40, // block, loop
    GET, I, GET, N, 0x4f, 0x0d, 0x01, // br_if (i >= n) out
    ...at(0), ...load, SET, G,
    // m′ = b1·m + g·c1, stored in place
    ...at(1), ...load, GET, B1, ...op("mul"), GET, G, GET, C1, ...op("mul"), ...op("add"), SET, M,
    ...at(1), GET, M, ...store,
    // v′ = b2·v + (c2·g)·g, stored in place
    ...at(2), ...load, GET, B2, ...op("mul"),
    GET, C2, GET, G, ...op("mul"), GET, G, ...op("mul"), ...op("add"), SET, V,
    ...at(2), GET, V, ...store,
    ...at(3), ...result, ...store,
    GET, I, 0x41, 0x10, 0x6a, SET, I, // i += 16
    0x0c, 0x00, 0x0b, 0x0b, // br loop; end loop; end block
    0x0b,
  ];
}

/**
 * The Adam module's bytes, hand-assembled: what `adamModule` compiles (the
 * provenance check hashes it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adamModuleBytes } from "./_adam_module.ts";
 * assert(WebAssembly.validate(adamModuleBytes()));
 * ```
 */
export function adamModuleBytes(): Uint8Array<ArrayBuffer> {
  const size = (n: number) => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, n >> 7]);
  const section = (id: number, content: number[]) => [id, ...size(content.length), ...content];
  const name = (text: string) => [text.length, ...text.split("").map((ch) => ch.charCodeAt(0))];
  const [update, step] = [body(false), body(true)];
  // deno-fmt-ignore
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
    // one type: (i32 ×5, f32 ×7) → ()
    ...section(1, [0x01, 0x60, 0x0c, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7d, 0x7d, 0x7d, 0x7d, 0x7d,
      0x7d, 0x7d, 0x00]),
    ...section(3, [0x02, 0x00, 0x00]), // two functions of that type
    ...section(5, [0x01, 0x00, 0x01]), // one memory, one page to start
    ...section(7, [
      0x03, ...name("update"), 0x00, 0x00, ...name("step"), 0x00, 0x01,
      ...name("memory"), 0x02, 0x00,
    ]),
    ...section(10, [0x02, ...size(update.length), ...update, ...size(step.length), ...step]),
  ]);
}

let instance: AdamModule | null | undefined;

/**
 * The module, compiled on first use; `null` where the engine lacks
 * WebAssembly SIMD (callers then use a plain loop).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adamModule } from "./_adam_module.ts";
 * const module = adamModule();
 * if (module !== null) {
 *   const view = new Float32Array(module.memory.buffer);
 *   view.set([2, 2, 2, 2], 0); // g; m and v are 0 at 16 and 32
 *   module.update(0, 16, 32, 48, 16, 0.9, 0.999, 0.1, 0.001, -10, 1000, 0);
 *   assert.ok(Math.abs(view[12] + 1) < 1e-6); // u = −m̂/√v̂ = −1
 * }
 * ```
 */
export function adamModule(): AdamModule | null {
  if (instance !== undefined) return instance;
  const bytes = adamModuleBytes();
  instance = typeof WebAssembly === "object" && WebAssembly.validate(bytes)
    ? new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as AdamModule
    : null;
  return instance;
}
