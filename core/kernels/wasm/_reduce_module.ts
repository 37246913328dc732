/**
 * Generates the f32 sum kernels over a tensor viewed as `[outer, rows,
 * width]` with the middle axis reduced: `sum_rows` for `width = 1` (each
 * output the sum of a contiguous run, four lanes at a time, then across
 * lanes) and `sum_columns` for `width > 1` (each output row the sum of
 * `rows` rows, vector by vector).
 *
 * @module
 */
import type { FunctionBody, Local } from "./_function_body.ts";
import type { ModuleBuilder } from "./_module_builder.ts";

/** `while (counter + step ≤ end) { body(); counter += step }`, for byte counters. */
function stepLoop(f: FunctionBody, counter: Local, end: Local, step: number, body: () => void) {
  f.block(() => {
    f.loop(() => {
      f.get(counter).i32(step).op("i32.add").get(end).op("i32.gt_u").brIf(1);
      body();
      f.get(counter).i32(step).op("i32.add").set(counter);
      f.br(0);
    });
  });
}

/** Adds `sum_rows(src, count, length, dst)` and `sum_columns(src, outer, rows, width, dst)`. */
export function addReduce(builder: ModuleBuilder): void {
  builder.function("sum_rows", { params: ["i32", "i32", "i32", "i32"] }, (f) => {
    const [src, count, length, dst] = f.params;
    const end = f.local("i32");
    const at = f.local("i32");
    const acc = f.local("v128");
    const total = f.local("f32");
    const bytes = f.local("i32");
    f.get(length).i32(2).op("i32.shl").set(bytes);
    f.get(dst).get(count).i32(2).op("i32.shl").op("i32.add").set(end);
    stepLoop(f, dst, end, 4, () => {
      f.get(src).set(at);
      f.get(src).get(bytes).op("i32.add").set(src);
      f.splat(0).set(acc);
      stepLoop(f, at, src, 16, () => {
        f.get(acc).get(at).memory("v128.load").op("f32x4.add").set(acc);
      });
      f.get(acc).extractLane(0).get(acc).extractLane(1).op("f32.add")
        .get(acc).extractLane(2).get(acc).extractLane(3).op("f32.add").op("f32.add").set(total);
      stepLoop(f, at, src, 4, () => {
        f.get(total).get(at).memory("f32.load").op("f32.add").set(total);
      });
      f.get(dst).get(total).memory("f32.store");
    });
  });

  builder.function("sum_columns", { params: ["i32", "i32", "i32", "i32", "i32"] }, (f) => {
    const [src, outer, rows, width, dst] = f.params;
    const rowBytes = f.local("i32");
    const end = f.local("i32");
    const rowEnd = f.local("i32");
    const r = f.local("i32");
    const at = f.local("i32");
    f.get(width).i32(2).op("i32.shl").set(rowBytes);
    f.get(dst).get(outer).get(rowBytes).op("i32.mul").op("i32.add").set(end);
    f.block(() => {
      f.loop(() => {
        f.get(dst).get(end).op("i32.ge_u").brIf(1);
        f.get(dst).get(rowBytes).op("i32.add").set(rowEnd);
        // Zero the output row, then add the `rows` input rows into it.
        f.get(dst).set(at);
        stepLoop(f, at, rowEnd, 16, () => f.get(at).splat(0).memory("v128.store"));
        stepLoop(f, at, rowEnd, 4, () => f.get(at).f32(0).memory("f32.store"));
        f.i32(0).set(r);
        f.block(() => {
          f.loop(() => {
            f.get(r).get(rows).op("i32.ge_u").brIf(1);
            f.get(dst).set(at);
            stepLoop(f, at, rowEnd, 16, () => {
              f.get(at).get(at).memory("v128.load").get(src).memory("v128.load")
                .op("f32x4.add").memory("v128.store");
              f.get(src).i32(16).op("i32.add").set(src);
            });
            stepLoop(f, at, rowEnd, 4, () => {
              f.get(at).get(at).memory("f32.load").get(src).memory("f32.load").op("f32.add")
                .memory("f32.store");
              f.get(src).i32(4).op("i32.add").set(src);
            });
            f.get(r).i32(1).op("i32.add").set(r);
            f.br(0);
          });
        });
        f.get(rowEnd).set(dst);
        f.br(0);
      });
    });
  });
}
