/**
 * The provenance of the WebAssembly that shapeflow runs: every module, built
 * from the TypeScript in this repository alone, with its SHA-256. The digests
 * are checked in (`modules.sha256`) and a test rebuilds and compares them, so
 * a change to what the generators emit shows in review as a changed digest.
 *
 * @module
 */
import { kernelModuleBytes } from "./_kernel_module.ts";
import { windowModuleBytes } from "./_window_module.ts";
import { ScratchMemory } from "./_scratch_memory.ts";
import { adamModuleBytes } from "../../../nets/optim/_adam_module.ts";

/** One generated module: a file name and its bytes. */
export interface WasmModuleSource {
  /** The file name the build task writes, such as `kernels-fma.wasm`. */
  readonly name: string;
  /** The module's bytes. */
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/**
 * Every module the wasm backend and the Adam step can compile, in each
 * variant (relaxed-SIMD FMA or mul+add; private or shared memory).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wasmModules } from "./_provenance.ts";
 * assert(wasmModules().every(({ bytes }) => WebAssembly.validate(bytes)));
 * ```
 */
export function wasmModules(): WasmModuleSource[] {
  const shared = new ScratchMemory({ shared: true }).limits;
  return [
    { name: "kernels.wasm", bytes: kernelModuleBytes({ fma: false }) },
    { name: "kernels-fma.wasm", bytes: kernelModuleBytes({ fma: true }) },
    { name: "kernels-shared.wasm", bytes: kernelModuleBytes({ fma: false, limits: shared }) },
    { name: "kernels-fma-shared.wasm", bytes: kernelModuleBytes({ fma: true, limits: shared }) },
    { name: "window.wasm", bytes: windowModuleBytes() },
    { name: "window-shared.wasm", bytes: windowModuleBytes(shared) },
    { name: "adam.wasm", bytes: adamModuleBytes() },
  ];
}

/**
 * The manifest text: one line per module, `sha256  size  name`, as
 * `modules.sha256` holds it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { manifest } from "./_provenance.ts";
 * const text = await manifest([{ name: "empty", bytes: new Uint8Array(0) }]);
 * assert.equal(text.split("  ")[0].length, 64);
 * ```
 */
export async function manifest(modules: readonly WasmModuleSource[]): Promise<string> {
  const lines = await Promise.all(modules.map(async ({ name, bytes }) => {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    const hex = [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("");
    return `${hex}  ${String(bytes.length).padStart(6)}  ${name}`;
  }));
  return lines.join("\n") + "\n";
}
