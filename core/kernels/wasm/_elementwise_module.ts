/**
 * Generates the f32x4 elementwise kernels: one function per unary and
 * binary kind the wasm backend accelerates, each a loop over whole vectors
 * (callers pad buffers to 16 bytes; the extra lanes are ignored). Each
 * kind's formula keeps the reference's conventions (NaN, ±0, kinks).
 *
 * @module
 */
import type { BinaryKind, UnaryKind } from "../backend.ts";
import type { FunctionBody, Local } from "./_function_body.ts";
import type { ModuleBuilder } from "./_module_builder.ts";
import type { MathLocals } from "./_simd_math.ts";
import { emitExp, emitSigmoid, emitTanh, mathLocals } from "./_simd_math.ts";

type UnaryEmitter = (f: FunctionBody, x: Local, locals: MathLocals) => void;
type BinaryEmitter = (f: FunctionBody, a: Local, b: Local) => void;

/** `mask ? 1 : 0` per lane, from a comparison mask on the stack. */
function ones(f: FunctionBody): void {
  f.splat(1).op("v128.and");
}

/** The unary kinds done in wasm, each pushing its result for the vector in `x`. */
export const UNARY_EMITTERS: Partial<Record<UnaryKind, UnaryEmitter>> = {
  neg: (f, x) => f.get(x).op("f32x4.neg"),
  abs: (f, x) => f.get(x).op("f32x4.abs"),
  sqrt: (f, x) => f.get(x).op("f32x4.sqrt"),
  square: (f, x) => f.get(x).get(x).op("f32x4.mul"),
  // x ≤ 0 ? 0 : x, so NaN stays NaN.
  relu: (f, x) => f.splat(0).get(x).get(x).splat(0).op("f32x4.le").op("v128.bitselect"),
  step: (f, x) => {
    f.get(x).splat(0).op("f32x4.gt");
    ones(f);
  },
  // 1, −1 or 0 by comparison; NaN (x ≠ x) passes through.
  sign: (f, x) => {
    f.get(x).splat(0).op("f32x4.gt").splat(1).op("v128.and")
      .get(x).splat(0).op("f32x4.lt").splat(-1).op("v128.and").op("v128.or")
      .get(x).get(x).get(x).op("f32x4.eq").op("v128.bitselect");
  },
  exp: emitExp,
  sigmoid: emitSigmoid,
  tanh: emitTanh,
};

/** The binary kinds done in wasm. */
export const BINARY_EMITTERS: Partial<Record<BinaryKind, BinaryEmitter>> = {
  add: (f, a, b) => f.get(a).get(b).op("f32x4.add"),
  sub: (f, a, b) => f.get(a).get(b).op("f32x4.sub"),
  mul: (f, a, b) => f.get(a).get(b).op("f32x4.mul"),
  div: (f, a, b) => f.get(a).get(b).op("f32x4.div"),
  // a ≥ b ? a : b > a ? b : NaN (the reference's choice at ties and NaN).
  maximum: (f, a, b) => {
    f.get(a).get(b).splat(NaN).get(b).get(a).op("f32x4.gt").op("v128.bitselect")
      .get(a).get(b).op("f32x4.ge").op("v128.bitselect");
  },
  minimum: (f, a, b) => {
    f.get(a).get(b).splat(NaN).get(b).get(a).op("f32x4.lt").op("v128.bitselect")
      .get(a).get(b).op("f32x4.le").op("v128.bitselect");
  },
  greater: (f, a, b) => {
    f.get(a).get(b).op("f32x4.gt");
    ones(f);
  },
  greaterEqual: (f, a, b) => {
    f.get(a).get(b).op("f32x4.ge");
    ones(f);
  },
  equal: (f, a, b) => {
    f.get(a).get(b).op("f32x4.eq");
    ones(f);
  },
};

/** `for (; dst < end; dst += 16, src… += 16) body()`. */
function vectorLoop(f: FunctionBody, pointers: readonly Local[], end: Local, body: () => void) {
  const dst = pointers[pointers.length - 1];
  f.block(() => {
    f.get(dst).get(end).op("i32.ge_u").brIf(0);
    f.loop(() => {
      body();
      for (const pointer of pointers.slice(0, -1)) {
        f.get(pointer).i32(16).op("i32.add").set(pointer);
      }
      f.get(dst).i32(16).op("i32.add").tee(dst).get(end).op("i32.lt_u").brIf(0);
    });
  });
}

/**
 * Adds `unary_<kind>(src, dst, end)` and `binary_<kind>(a, b, dst, end)` for
 * every kind above; `end` is `dst` plus the byte length (a multiple of 16).
 */
export function addElementwise(builder: ModuleBuilder, fma: boolean): void {
  for (const [kind, emit] of Object.entries(UNARY_EMITTERS)) {
    builder.function(`unary_${kind}`, { params: ["i32", "i32", "i32"] }, (f) => {
      const [src, dst, end] = f.params;
      const x = f.local("v128");
      const locals = mathLocals(f, fma);
      vectorLoop(f, [src, dst], end, () => {
        f.get(src).memory("v128.load").set(x);
        f.get(dst);
        emit(f, x, locals);
        f.memory("v128.store");
      });
    });
  }
  for (const [kind, emit] of Object.entries(BINARY_EMITTERS)) {
    builder.function(`binary_${kind}`, { params: ["i32", "i32", "i32", "i32"] }, (f) => {
      const [a, b, dst, end] = f.params;
      const x = f.local("v128");
      const y = f.local("v128");
      vectorLoop(f, [a, b, dst], end, () => {
        f.get(a).memory("v128.load").set(x);
        f.get(b).memory("v128.load").set(y);
        f.get(dst);
        emit(f, x, y);
        f.memory("v128.store");
      });
    });
  }
}
