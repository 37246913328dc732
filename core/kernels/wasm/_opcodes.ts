/**
 * The WebAssembly instructions the kernels use, by their text-format names.
 * A number below 0x100 is a one-byte opcode; `simd(n)` marks an instruction
 * of the SIMD prefix 0xfd, followed by `n` in LEB128.
 *
 * @module
 */
import { leb128 } from "./_leb128.ts";

/** A SIMD (0xfd-prefixed) opcode: offset by 0x10000 to keep it apart from one-byte ones. */
function simd(code: number): number {
  return 0x10000 + code;
}

/** Instructions without immediates. */
export const PLAIN_OPS = {
  "unreachable": 0x00,
  "return": 0x0f,
  "drop": 0x1a,
  "select": 0x1b,
  "i32.eqz": 0x45,
  "i32.eq": 0x46,
  "i32.ne": 0x47,
  "i32.lt_s": 0x48,
  "i32.lt_u": 0x49,
  "i32.gt_s": 0x4a,
  "i32.gt_u": 0x4b,
  "i32.le_s": 0x4c,
  "i32.le_u": 0x4d,
  "i32.ge_s": 0x4e,
  "i32.ge_u": 0x4f,
  "i32.add": 0x6a,
  "i32.sub": 0x6b,
  "i32.mul": 0x6c,
  "i32.div_u": 0x6e,
  "i32.and": 0x71,
  "i32.or": 0x72,
  "i32.shl": 0x74,
  "i32.shr_s": 0x75,
  "i32.shr_u": 0x76,
  "f32.add": 0x92,
  "f32.convert_i32_u": 0xb3,
  "f32.mul": 0x94,
  "f32x4.splat": simd(0x13),
  "i32x4.splat": simd(0x11),
  "f32x4.eq": simd(0x41),
  "f32x4.lt": simd(0x43),
  "f32x4.gt": simd(0x44),
  "f32x4.le": simd(0x45),
  "f32x4.ge": simd(0x46),
  "v128.not": simd(0x4d),
  "v128.and": simd(0x4e),
  "v128.andnot": simd(0x4f),
  "v128.or": simd(0x50),
  "v128.xor": simd(0x51),
  "v128.bitselect": simd(0x52),
  "f32x4.nearest": simd(0x6a),
  "i32x4.shl": simd(0xab),
  "i32x4.shr_s": simd(0xac),
  "i32x4.add": simd(0xae),
  "i32x4.sub": simd(0xb1),
  "f32x4.abs": simd(0xe0),
  "f32x4.neg": simd(0xe1),
  "f32x4.sqrt": simd(0xe3),
  "f32x4.add": simd(0xe4),
  "f32x4.sub": simd(0xe5),
  "f32x4.mul": simd(0xe6),
  "f32x4.div": simd(0xe7),
  "f32x4.min": simd(0xe8),
  "f32x4.max": simd(0xe9),
  "f32x4.pmin": simd(0xea),
  "f32x4.pmax": simd(0xeb),
  "i32x4.trunc_sat_f32x4_s": simd(0xf8),
  "f32x4.convert_i32x4_s": simd(0xfa),
  "f32x4.relaxed_madd": simd(0x105),
} as const;

/** The name of an instruction without immediates. */
export type PlainOp = keyof typeof PLAIN_OPS;

/** Loads and stores: opcode and the log2 of their natural alignment. */
export const MEMORY_OPS = {
  "f32.load": [0x2a, 2],
  "f32.store": [0x38, 2],
  "i32.load": [0x28, 2],
  "i32.store": [0x36, 2],
  "v128.load": [simd(0x00), 4],
  "v128.load32_splat": [simd(0x09), 2],
  "v128.store": [simd(0x0b), 4],
} as const;

/** The name of a load or a store. */
export type MemoryOp = keyof typeof MEMORY_OPS;

/** The bytes of opcode `code` (one byte, or the SIMD prefix and a LEB128 index). */
export function opcodeBytes(code: number): number[] {
  return code < 0x10000 ? [code] : [0xfd, ...leb128(code - 0x10000)];
}
