/**
 * A WebAssembly function body under construction: its locals and its
 * instructions, written by chained calls in the order of the text format.
 *
 * @module
 */
import { leb128 } from "./_leb128.ts";
import type { MemoryOp, PlainOp } from "./_opcodes.ts";
import { MEMORY_OPS, opcodeBytes, PLAIN_OPS } from "./_opcodes.ts";

/** The value types kernels use. */
export type ValueType = "i32" | "f32" | "v128";

/** The type bytes of the binary format. */
export const VALUE_TYPE_BYTE: Readonly<Record<ValueType, number>> = {
  i32: 0x7f,
  f32: 0x7d,
  v128: 0x7b,
};

/** A local variable (or parameter): its index in the function. */
export interface Local {
  readonly index: number;
  readonly type: ValueType;
}

/**
 * Emits the instructions of one function. Structured control takes a
 * callback for the body: `body.loop(() => …)` closes the loop after it.
 * `br`/`br_if` depths count enclosing blocks from the innermost, as in wasm.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { FunctionBody } from "./_function_body.ts";
 * const body = new FunctionBody(["i32", "i32"]);
 * const [x, y] = body.params;
 * body.get(x).get(y).op("i32.add");
 * assert.deepEqual(body.bytes(), [7, 0, 0x20, 0, 0x20, 1, 0x6a, 0x0b]);
 * ```
 */
export class FunctionBody {
  /** The parameters, in order. */
  readonly params: readonly Local[];
  readonly #locals: ValueType[] = [];
  readonly #code: number[] = [];
  /** Code run first: the hoisted constants' initialisation. */
  readonly #prologue: number[] = [];
  readonly #hoisted = new Map<string, Local>();

  /** A body for a function with parameters of `paramTypes`. */
  constructor(paramTypes: readonly ValueType[]) {
    this.params = paramTypes.map((type, index) => ({ index, type }));
  }

  /** Declares a new local of `type` (zero-initialised, as wasm does). */
  local(type: ValueType): Local {
    const index = this.params.length + this.#locals.length;
    this.#locals.push(type);
    return { index, type };
  }

  /** An instruction without immediates. */
  op(name: PlainOp): this {
    this.#code.push(...opcodeBytes(PLAIN_OPS[name]));
    return this;
  }

  /** A load or store with a constant byte `offset` added to the address. */
  memory(name: MemoryOp, offset = 0): this {
    const [code, align] = MEMORY_OPS[name];
    this.#code.push(...opcodeBytes(code), ...leb128(align), ...leb128(offset));
    return this;
  }

  /** `local.get`. */
  get(local: Local): this {
    this.#code.push(0x20, ...leb128(local.index));
    return this;
  }

  /** `local.set`. */
  set(local: Local): this {
    this.#code.push(0x21, ...leb128(local.index));
    return this;
  }

  /** `local.tee`. */
  tee(local: Local): this {
    this.#code.push(0x22, ...leb128(local.index));
    return this;
  }

  /** `i32.const`. */
  i32(value: number): this {
    this.#code.push(0x41, ...leb128(value | 0, true));
    return this;
  }

  /** `f32.const` (rounded to f32). */
  f32(value: number): this {
    this.#code.push(0x43, ...new Uint8Array(new Float32Array([value]).buffer));
    return this;
  }

  /** `v128.const` with four f32 lanes (one value splat to all four when only one is given). */
  f32x4(...lanes: number[]): this {
    const values = lanes.length === 1 ? [lanes[0], lanes[0], lanes[0], lanes[0]] : lanes;
    if (values.length !== 4) {
      throw new RangeError(`f32x4: expected 1 or 4 lanes, got ${lanes.length}`);
    }
    // 0xfd 0x0c: v128.const, then 16 bytes of lanes.
    this.#code.push(0xfd, 0x0c, ...new Uint8Array(new Float32Array(values).buffer));
    return this;
  }

  /** `f32x4.extract_lane lane`: the f32 in `lane` of the vector on the stack. */
  extractLane(lane: number): this {
    // 0xfd 0x1f: f32x4.extract_lane, then the lane index.
    this.#code.push(0xfd, 0x1f, lane);
    return this;
  }

  /**
   * `i8x16.shuffle` picking four f32 lanes of the two vectors on the stack
   * (lanes 0–3 from the first, 4–7 from the second).
   */
  shuffle32(lanes: readonly [number, number, number, number]): this {
    const bytes = lanes.flatMap((lane) => [0, 1, 2, 3].map((byte) => lane * 4 + byte));
    // 0xfd 0x0d: i8x16.shuffle, then 16 byte-lane indices.
    this.#code.push(0xfd, 0x0d, ...bytes);
    return this;
  }

  /**
   * Pushes the four f32 lanes `value` (or the i32 lanes, `lanes: "i32"`) from a
   * local set once at the function's start: V8 does not hoist a
   * `v128.const` out of a loop, and materialises it in several instructions.
   */
  splat(value: number, lanes: "f32" | "i32" = "f32"): this {
    const bits = lanes === "f32" ? new Float32Array([value]) : new Int32Array([value]);
    const lane = [...new Uint8Array(bits.buffer)];
    const key = lane.join();
    let local = this.#hoisted.get(key);
    if (!local) {
      local = this.local("v128");
      this.#hoisted.set(key, local);
      // 0xfd 0x0c: v128.const, then local.set.
      this.#prologue.push(0xfd, 0x0c, ...lane, ...lane, ...lane, ...lane);
      this.#prologue.push(0x21, ...leb128(local.index));
    }
    return this.get(local);
  }

  /** `block … end` (no result). */
  block(body: () => void): this {
    return this.#structured(0x02, body);
  }

  /** `loop … end` (no result); `br 0` inside jumps back to its start. */
  loop(body: () => void): this {
    return this.#structured(0x03, body);
  }

  /** `if … else … end` on the i32 on the stack (no result). */
  if(then: () => void, otherwise?: () => void): this {
    this.#code.push(0x04, 0x40);
    then();
    if (otherwise) {
      this.#code.push(0x05);
      otherwise();
    }
    this.#code.push(0x0b);
    return this;
  }

  /** `br depth`. */
  br(depth: number): this {
    this.#code.push(0x0c, ...leb128(depth));
    return this;
  }

  /** `br_if depth`. */
  brIf(depth: number): this {
    this.#code.push(0x0d, ...leb128(depth));
    return this;
  }

  /** The encoded body: local declarations (runs of one type), code, `end`. */
  bytes(): number[] {
    const runs: [number, ValueType][] = [];
    for (const type of this.#locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === type) last[0]++;
      else runs.push([1, type]);
    }
    const declarations = runs.flatMap(([count, type]) => [
      ...leb128(count),
      VALUE_TYPE_BYTE[type],
    ]);
    const content = [
      ...leb128(runs.length),
      ...declarations,
      ...this.#prologue,
      ...this.#code,
      0x0b,
    ];
    return [...leb128(content.length), ...content];
  }

  #structured(opcode: number, body: () => void): this {
    this.#code.push(opcode, 0x40);
    body();
    this.#code.push(0x0b);
    return this;
  }
}
