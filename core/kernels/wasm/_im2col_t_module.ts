/**
 * Generates `im2col_t(src, dst, rowStride, H, W, C, Ho, Wo, fh, fw, stride,
 * padH, padW)`: the transposed patch matrix of one image plane `[H, W, C]`,
 * one row per filter row `(ky, kx, c)` (rows `rowStride` bytes apart), one
 * column per output position `(oy, ox)`, written from `dst` on; and its
 * adjoint `col2im_t(src, rowStride, dst, …)`, which adds each matrix entry
 * onto its image cell.
 *
 * For one filter row and one output row `oy`, the inputs are the image row
 * `oy·stride + ky − padH` read from `kx − padW` on, every `stride` cells:
 * zeros left and right of the image, and in between one contiguous copy when
 * the image has one channel and the stride is 1 (a first layer on grey
 * images: many short windows that the row-per-window `im2col` moves a few
 * floats at a time), a strided gather otherwise.
 *
 * @module
 */
import type { FunctionBody, Local } from "./_function_body.ts";
import type { ModuleBuilder } from "./_module_builder.ts";
import { loopTo, max, min, run } from "./_emit.ts";

/**
 * Pushes the first `ox ≥ 0` whose cell `ox·stride + shift` is at least
 * `bound`: ⌈(bound − shift)/stride⌉ when that is positive, else 0.
 */
function firstAtLeast(f: FunctionBody, bound: () => void, shift: Local, stride: Local): void {
  const numerator = () => {
    bound();
    f.get(shift).op("i32.sub");
  };
  numerator();
  f.get(stride).op("i32.add").i32(1).op("i32.sub").get(stride).op("i32.div_u");
  f.i32(0);
  numerator();
  f.i32(0).op("i32.gt_s").op("select");
}

/** Adds `im2col_t` (`scatter: false`) or its adjoint `col2im_t` (`scatter: true`). */
function addWindowColumns(builder: ModuleBuilder, scatter: boolean): void {
  const params = Array.from({ length: 13 }, () => "i32" as const);
  builder.function(scatter ? "col2im_t" : "im2col_t", { params }, (f) => {
    const [first, second, third, h, w, c, ho, wo, fh, fw, stride, padH, padW] = f.params;
    // im2col_t(image, matrix, rowStride, …); col2im_t(matrix, rowStride, image, …).
    const [image, matrix, rowStride] = scatter ? [third, first, second] : [first, second, third];
    const locals = (count: number): Local[] => Array.from({ length: count }, () => f.local("i32"));
    const [ky, kx, channel, oy, iy, shift, low, high] = locals(8);
    // `cursor` walks a row of the matrix, `pixel` the image.
    const [row, cursor, pixel, end, bytes, step, contiguous] = locals(7);
    /** The matrix side of a stretch of `bytes` outside the image: zeros, or skipped. */
    const outside = () => {
      if (scatter) f.get(cursor).get(bytes).op("i32.add").set(cursor);
      else run(f, "zero", cursor, cursor, bytes, end);
    };
    f.get(stride).get(c).op("i32.mul").i32(2).op("i32.shl").set(step);
    f.get(stride).i32(1).op("i32.eq").get(c).i32(1).op("i32.eq").op("i32.and").set(contiguous);
    f.get(matrix).set(row);
    loopTo(f, ky, fh, () => {
      loopTo(f, kx, fw, () => {
        // Output columns whose cell lies inside the image: [low, high) of 0…Wo.
        f.get(kx).get(padW).op("i32.sub").set(shift);
        min(f, () => firstAtLeast(f, () => f.i32(0), shift, stride), () => f.get(wo));
        f.set(low);
        max(
          f,
          () => min(f, () => firstAtLeast(f, () => f.get(w), shift, stride), () => f.get(wo)),
          () => f.get(low),
        );
        f.set(high);
        loopTo(f, channel, c, () => {
          f.get(row).set(cursor);
          loopTo(f, oy, ho, () => {
            f.get(oy).get(stride).op("i32.mul").get(ky).op("i32.add").get(padH).op("i32.sub")
              .tee(iy).get(h).op("i32.lt_u").if(() => {
                f.get(low).i32(2).op("i32.shl").set(bytes);
                outside();
                // The first cell: image row iy, column low·stride + shift, this channel.
                f.get(image).get(iy).get(w).op("i32.mul").get(low).get(stride).op("i32.mul")
                  .op("i32.add").get(shift).op("i32.add").get(c).op("i32.mul").get(channel)
                  .op("i32.add").i32(2).op("i32.shl").op("i32.add").set(pixel);
                f.get(high).get(low).op("i32.sub").i32(2).op("i32.shl").set(bytes);
                f.get(contiguous).if(() => {
                  if (scatter) run(f, "add", cursor, pixel, bytes, end);
                  else run(f, "copy", pixel, cursor, bytes, end);
                }, () => {
                  f.get(cursor).get(bytes).op("i32.add").set(end);
                  f.block(() => {
                    f.loop(() => {
                      f.get(cursor).get(end).op("i32.ge_u").brIf(1);
                      if (scatter) {
                        f.get(pixel).get(pixel).memory("f32.load").get(cursor).memory("f32.load")
                          .op("f32.add").memory("f32.store");
                      } else f.get(cursor).get(pixel).memory("f32.load").memory("f32.store");
                      f.get(pixel).get(step).op("i32.add").set(pixel);
                      f.get(cursor).i32(4).op("i32.add").set(cursor);
                      f.br(0);
                    });
                  });
                });
                f.get(wo).get(high).op("i32.sub").i32(2).op("i32.shl").set(bytes);
                outside();
              }, () => {
                f.get(wo).i32(2).op("i32.shl").set(bytes);
                outside();
              });
          });
          f.get(row).get(rowStride).op("i32.add").set(row);
        });
      });
    });
  });
}

/** Adds `im2col_t` and `col2im_t` to `builder`. */
export function addIm2colTransposed(builder: ModuleBuilder): void {
  addWindowColumns(builder, false);
  addWindowColumns(builder, true);
}
