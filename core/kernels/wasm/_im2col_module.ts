/**
 * Generates the data movement around the convolution GEMMs, for one image
 * plane `[H, W, C]` (channels last):
 *
 * - `im2col(src, dst, rowBytes, H, W, C, Ho, Wo, fh, fw, stride, padH, padW)`
 *   writes, for each output position `(oy, ox)`, one row of `fh·fw·C`
 *   floats (the window, zeros where it hangs over the edge) at
 *   `dst + (oy·Wo + ox)·rowBytes`;
 * - `col2im(src, rowBytes, dst, H, W, C, Ho, Wo, fh, fw, stride, padH, padW)`
 *   is its adjoint: adds each row back onto the cells of its window;
 * - `compact(src, pitch, dst, rowBytes, rows)` copies rows `pitch` bytes
 *   apart to rows `rowBytes` apart (`dst ≤ src`: in place is fine);
 * - `transpose_out(src, pitch, rows, columns, dst)` writes the transpose of
 *   a `rows × columns` matrix (rows `pitch` bytes apart) densely at `dst`.
 *
 * In one window row the `fw` cells are adjacent in the image, so each
 * (output position, window row) moves one contiguous run of floats: zeros
 * left of the image, a copy (or add) of the part inside, zeros right of it
 * (see `run` in `_emit.ts`).
 *
 * @module
 */
import type { Local } from "./_function_body.ts";
import type { ModuleBuilder } from "./_module_builder.ts";
import { loopTo, max, min, run } from "./_emit.ts";

const PLANE = ["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"] as const;

/** Adds `im2col` (`scatter: false`) or `col2im` (`scatter: true`). */
function addWindowRuns(builder: ModuleBuilder, scatter: boolean): void {
  const params = ["i32", "i32", "i32", ...PLANE] as const;
  builder.function(scatter ? "col2im" : "im2col", { params }, (f) => {
    const [first, second, third, h, w, c, ho, wo, fh, fw, stride, padH, padW] = f.params;
    // im2col(image, rows, rowBytes, …); col2im(rows, rowBytes, image, …).
    const [image, rows, rowBytes] = scatter ? [third, first, second] : [first, second, third];
    const [oy, ox, ky, ix0, low, high] = [0, 1, 2, 3, 4, 5].map(() => f.local("i32"));
    const [leftBytes, midBytes, rightBytes, segmentBytes, imageRowBytes] = [0, 1, 2, 3, 4].map(
      () => f.local("i32"),
    );
    const [rowAt, cellAt, imageAt, iy, end] = [0, 1, 2, 3, 4].map(() => f.local("i32"));
    const float = (local: Local) => () => f.get(local).get(c).op("i32.mul").i32(2).op("i32.shl");
    f.get(fw).get(c).op("i32.mul").i32(2).op("i32.shl").set(segmentBytes);
    f.get(w).get(c).op("i32.mul").i32(2).op("i32.shl").set(imageRowBytes);
    f.get(rows).set(rowAt);
    loopTo(f, oy, ho, () => {
      loopTo(f, ox, wo, () => {
        // The window's columns inside the image: [low, high) of 0…fw.
        f.get(ox).get(stride).op("i32.mul").get(padW).op("i32.sub").set(ix0);
        min(
          f,
          () => max(f, () => f.i32(0).get(ix0).op("i32.sub"), () => f.i32(0)),
          () => f.get(fw),
        );
        f.set(low);
        max(
          f,
          () => min(f, () => f.get(w).get(ix0).op("i32.sub"), () => f.get(fw)),
          () => f.get(low),
        );
        f.set(high);
        float(low)();
        f.set(leftBytes);
        f.get(high).get(low).op("i32.sub").get(c).op("i32.mul").i32(2).op("i32.shl").set(midBytes);
        f.get(segmentBytes).get(leftBytes).op("i32.sub").get(midBytes).op("i32.sub")
          .set(rightBytes);
        f.get(rowAt).set(cellAt);
        loopTo(f, ky, fh, () => {
          f.get(oy).get(stride).op("i32.mul").get(padH).op("i32.sub").get(ky).op("i32.add")
            .tee(iy).get(h).op("i32.lt_u").if(() => {
              f.get(image).get(iy).get(imageRowBytes).op("i32.mul").op("i32.add")
                .get(ix0).get(low).op("i32.add").get(c).op("i32.mul").i32(2).op("i32.shl")
                .op("i32.add").set(imageAt);
              if (scatter) {
                f.get(cellAt).get(leftBytes).op("i32.add").set(cellAt);
                run(f, "add", cellAt, imageAt, midBytes, end);
                f.get(cellAt).get(rightBytes).op("i32.add").set(cellAt);
              } else {
                run(f, "zero", cellAt, cellAt, leftBytes, end);
                run(f, "copy", imageAt, cellAt, midBytes, end);
                run(f, "zero", cellAt, cellAt, rightBytes, end);
              }
            }, () => {
              if (scatter) f.get(cellAt).get(segmentBytes).op("i32.add").set(cellAt);
              else run(f, "zero", cellAt, cellAt, segmentBytes, end);
            });
        });
        f.get(rowAt).get(rowBytes).op("i32.add").set(rowAt);
      });
    });
  });
}

function addCompact(builder: ModuleBuilder): void {
  const params = ["i32", "i32", "i32", "i32", "i32"] as const;
  builder.function("compact", { params }, (f) => {
    const [src, pitch, dst, rowBytes, rows] = f.params;
    const [r, from, end] = [0, 1, 2].map(() => f.local("i32"));
    loopTo(f, r, rows, () => {
      f.get(src).set(from);
      run(f, "copy", from, dst, rowBytes, end);
      f.get(src).get(pitch).op("i32.add").set(src);
    });
  });
}

function addTransposeOut(builder: ModuleBuilder): void {
  const params = ["i32", "i32", "i32", "i32", "i32"] as const;
  builder.function("transpose_out", { params }, (f) => {
    const [src, pitch, rows, columns, dst] = f.params;
    const [column, row, from] = [0, 1, 2].map(() => f.local("i32"));
    loopTo(f, column, columns, () => {
      f.get(src).get(column).i32(2).op("i32.shl").op("i32.add").set(from);
      loopTo(f, row, rows, () => {
        f.get(dst).get(from).memory("f32.load").memory("f32.store");
        f.get(dst).i32(4).op("i32.add").set(dst);
        f.get(from).get(pitch).op("i32.add").set(from);
      });
    });
  });
}

/** Adds `im2col`, `col2im`, `compact` and `transpose_out` to `builder`. */
export function addIm2col(builder: ModuleBuilder): void {
  addWindowRuns(builder, false);
  addWindowRuns(builder, true);
  addCompact(builder);
  addTransposeOut(builder);
}
