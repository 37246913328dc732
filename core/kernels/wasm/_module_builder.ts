/**
 * Assembles a WebAssembly module: function types, one imported memory,
 * functions and their exports. Enough for compute kernels that work on a
 * memory the host owns.
 *
 * @module
 */
import { leb128 } from "./_leb128.ts";
import type { ValueType } from "./_function_body.ts";
import { FunctionBody, VALUE_TYPE_BYTE } from "./_function_body.ts";
import type { MemoryLimits } from "./_scratch_memory.ts";

/** The bytes of a name: its UTF-8 length, then its UTF-8 bytes. */
function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...leb128(bytes.length), ...bytes];
}

/** A section: its id, its byte length, its content. */
function section(id: number, content: readonly number[]): number[] {
  return [id, ...leb128(content.length), ...content];
}

/** A vector: its element count, then the elements' bytes. */
function vector(items: readonly (readonly number[])[]): number[] {
  return [...leb128(items.length), ...items.flat()];
}

/** Options of {@link ModuleBuilder.function}. */
export interface FunctionSignature {
  readonly params: readonly ValueType[];
  readonly results?: readonly ValueType[];
}

interface FunctionEntry {
  readonly exportName: string;
  readonly typeIndex: number;
  readonly body: FunctionBody;
}

/**
 * Builds a module whose memory is imported as `env.memory` (the host grows
 * and reads it) and whose functions are all exported.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ModuleBuilder } from "./_module_builder.ts";
 * const builder = new ModuleBuilder();
 * builder.function("add", { params: ["i32", "i32"], results: ["i32"] }, (body) => {
 *   const [x, y] = body.params;
 *   body.get(x).get(y).op("i32.add");
 * });
 * const memory = new WebAssembly.Memory({ initial: 1 });
 * const module = new WebAssembly.Module(builder.bytes());
 * const { add } = new WebAssembly.Instance(module, { env: { memory } }).exports as {
 *   add(x: number, y: number): number;
 * };
 * assert.equal(add(2, 40), 42);
 * ```
 */
export class ModuleBuilder {
  readonly #types: string[] = [];
  readonly #functions: FunctionEntry[] = [];

  /**
   * Adds an exported function `exportName` of `signature`, whose body
   * `write` emits; returns its function index (for `call`).
   */
  function(
    exportName: string,
    signature: FunctionSignature,
    write: (body: FunctionBody) => void,
  ): number {
    const type = [
      0x60,
      ...vector(signature.params.map((t) => [VALUE_TYPE_BYTE[t]])),
      ...vector((signature.results ?? []).map((t) => [VALUE_TYPE_BYTE[t]])),
    ].join();
    let typeIndex = this.#types.indexOf(type);
    if (typeIndex < 0) typeIndex = this.#types.push(type) - 1;
    const body = new FunctionBody(signature.params);
    write(body);
    return this.#functions.push({ exportName, typeIndex, body }) - 1;
  }

  /**
   * The module's binary encoding; its `env.memory` import declares `memory`'s
   * limits (default: unshared, unbounded), which the memory must match.
   */
  bytes(memory: MemoryLimits = { shared: false }): Uint8Array<ArrayBuffer> {
    const types = this.#types.map((type) => type.split(",").map(Number));
    // One import: env.memory, a memory (kind 2) of at least 1 page; limits flags: bit 0 a
    // maximum follows, bit 1 shared.
    const flags = (memory.maximum === undefined ? 0 : 1) | (memory.shared ? 2 : 0);
    const maximum = memory.maximum === undefined ? [] : leb128(memory.maximum);
    const memoryImport = [...name("env"), ...name("memory"), 0x02, flags, ...leb128(1), ...maximum];
    const exports = this.#functions.map((f, index) => [
      ...name(f.exportName),
      0x00,
      ...leb128(index),
    ]);
    return new Uint8Array([
      0x00,
      0x61,
      0x73,
      0x6d, // "\0asm"
      0x01,
      0x00,
      0x00,
      0x00, // version 1
      ...section(1, vector(types)),
      ...section(2, vector([memoryImport])),
      ...section(3, vector(this.#functions.map((f) => leb128(f.typeIndex)))),
      ...section(7, vector(exports)),
      ...section(10, vector(this.#functions.map((f) => f.body.bytes()))),
    ]);
  }
}
