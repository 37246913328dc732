/**
 * Small code emitters shared by the window kernels' generators: counted
 * loops, signed min/max, and runs of floats copied, added or zeroed.
 *
 * @module
 */
import type { FunctionBody, Local } from "./_function_body.ts";

/** What one run does with its source and destination: copy, add into, or zero. */
export type RunKind = "copy" | "add" | "zero";

/**
 * Emits a run of `bytes` (a multiple of 4) from `from` to `to`; advances
 * both pointers. Four floats at a time; a copy or a zeroing of at least four
 * then writes its last four again (overlapping) instead of a scalar tail, an
 * add goes on one float at a time.
 */
export function run(
  f: FunctionBody,
  kind: RunKind,
  from: Local,
  to: Local,
  bytes: Local,
  end: Local,
) {
  f.get(to).get(bytes).op("i32.add").set(end);
  /** Pushes the value for `to`, from `address` (a copy or an add) or zero. */
  const value = (size: 16 | 4, address: () => void) => {
    const load = size === 16 ? "v128.load" : "f32.load";
    if (kind === "zero") {
      if (size === 16) f.splat(0);
      else f.f32(0);
      return;
    }
    address();
    f.memory(load);
    if (kind === "add") f.get(to).memory(load).op(size === 16 ? "f32x4.add" : "f32.add");
  };
  const step = (size: 16 | 4) => {
    f.block(() => {
      f.loop(() => {
        f.get(to).i32(size).op("i32.add").get(end).op("i32.gt_u").brIf(1);
        f.get(to);
        value(size, () => f.get(from));
        f.memory(size === 16 ? "v128.store" : "f32.store");
        if (kind !== "zero") f.get(from).i32(size).op("i32.add").set(from);
        f.get(to).i32(size).op("i32.add").set(to);
        f.br(0);
      });
    });
  };
  if (kind === "add") {
    step(16);
    step(4);
    return;
  }
  f.get(bytes).i32(16).op("i32.ge_u").if(() => {
    step(16);
    f.get(to).get(end).op("i32.ne").if(() => {
      // The last four floats: from `end − 16`, reading `end − 16 − to` bytes past `from`.
      f.get(end).i32(16).op("i32.sub");
      value(
        16,
        () => f.get(from).get(end).op("i32.add").get(to).op("i32.sub").i32(16).op("i32.sub"),
      );
      f.memory("v128.store");
      if (kind !== "zero") f.get(from).get(end).op("i32.add").get(to).op("i32.sub").set(from);
      f.get(end).set(to);
    });
  }, () => step(4));
}

/** Pushes `max(a, b)` (signed). */
export function max(f: FunctionBody, a: () => void, b: () => void): void {
  a();
  b();
  a();
  b();
  f.op("i32.gt_s").op("select");
}

/** Pushes `min(a, b)` (signed). */
export function min(f: FunctionBody, a: () => void, b: () => void): void {
  a();
  b();
  a();
  b();
  f.op("i32.lt_s").op("select");
}

/** `for (counter = 0; counter < count; counter++) body()` (signed). */
export function loopTo(f: FunctionBody, counter: Local, count: Local, body: () => void): void {
  f.i32(0).set(counter);
  f.block(() => {
    f.loop(() => {
      f.get(counter).get(count).op("i32.ge_s").brIf(1);
      body();
      f.get(counter).i32(1).op("i32.add").set(counter);
      f.br(0);
    });
  });
}
