/**
 * Generates the f32 pooling kernels, any spatial rank, over a window table
 * in memory: `starts` holds, per output position, the address of its first
 * cell entry (and one past the last position); each cell entry is the byte
 * offset of a window cell inside one image (padded cells left out). All
 * five functions take `(x, y, out, batch, positions, channels, inBytes,
 * starts)`; per image, channels go four at a time, then one at a time (a
 * splat load, lane 0 stored).
 *
 * - `pool_max`: `out` = the window's maximum (`f32x4.max`: NaN wins, as
 *   `Math.max`); `pool_avg`: the f32 sum in cell order over the count.
 * - `pool_max_transpose`: adds `y[window] / ties` (`y` the cotangent) onto
 *   the cells of `x`'s window that equal its maximum (`>` wins, so NaN never
 *   does; ties counted as the reference does) in `out` (zeroed by the
 *   caller); `pool_avg_transpose`: adds `y[window] / count` onto every cell.
 * - `max_pool_gather`: `out[window]` = the sum over the maxima of
 *   `y[cell] / ties`.
 *
 * @module
 */
import type { FunctionBody, Local } from "./_function_body.ts";
import type { ModuleBuilder } from "./_module_builder.ts";
import { loopTo } from "./_emit.ts";

/** The pooling functions' names. */
export type PoolKernel =
  | "pool_max"
  | "pool_avg"
  | "pool_max_transpose"
  | "pool_avg_transpose"
  | "max_pool_gather";

/** `for (t = start; t < end; t += 4) body()` over a window's cell entries. */
function cellLoop(f: FunctionBody, t: Local, start: Local, end: Local, body: () => void): void {
  f.get(start).set(t);
  f.block(() => {
    f.loop(() => {
      f.get(t).get(end).op("i32.ge_u").brIf(1);
      body();
      f.get(t).i32(4).op("i32.add").set(t);
      f.br(0);
    });
  });
}

function addKernel(builder: ModuleBuilder, kernel: PoolKernel): void {
  const params = ["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"] as const;
  builder.function(kernel, { params }, (f) => {
    const [x, y, out, batch, positions, channels, inBytes, starts] = f.params;
    const [b, o, c, t, start, end, channelBytes, image, window] = Array.from(
      { length: 9 },
      () => f.local("i32"),
    );
    const [best, ties, total, share, value] = Array.from({ length: 5 }, () => f.local("v128"));
    /** Pushes a cell's address on the image side (`base` + image + channel + entry). */
    const cell = (base: Local) => () =>
      f.get(base).get(image).op("i32.add").get(c).op("i32.add").get(t).memory("i32.load")
        .op("i32.add");
    const windowAt = (base: Local) => () =>
      f.get(base).get(window).op("i32.add").get(c).op("i32.add");
    const count = () =>
      f.get(end).get(start).op("i32.sub").i32(2).op("i32.shr_u").op("f32.convert_i32_u")
        .op("f32x4.splat");

    /** One chunk of channels at `c`: four (16 bytes) or one (4 bytes, splat in, lane 0 out). */
    const chunk = (bytes: 16 | 4) => {
      const load = (address: () => void) => {
        address();
        f.memory(bytes === 16 ? "v128.load" : "v128.load32_splat");
      };
      const store = (address: () => void, value: () => void) => {
        address();
        value();
        if (bytes === 4) f.extractLane(0);
        f.memory(bytes === 16 ? "v128.store" : "f32.store");
      };
      const maxima = () => {
        f.splat(-Infinity).set(best);
        f.splat(0).set(ties);
        cellLoop(f, t, start, end, () => {
          load(cell(x));
          f.set(value);
          // ties = v > best ? 1 : v == best ? ties + 1 : ties; best = v > best ? v : best.
          f.splat(1).get(ties).get(value).get(best).op("f32x4.eq").splat(1).op("v128.and")
            .op("f32x4.add").get(value).get(best).op("f32x4.gt").op("v128.bitselect").set(ties);
          f.get(value).get(best).get(value).get(best).op("f32x4.gt").op("v128.bitselect")
            .set(best);
        });
      };
      switch (kernel) {
        case "pool_max":
        case "pool_avg":
          f.splat(kernel === "pool_max" ? -Infinity : 0).set(total);
          cellLoop(f, t, start, end, () => {
            f.get(total);
            load(cell(x));
            f.op(kernel === "pool_max" ? "f32x4.max" : "f32x4.add").set(total);
          });
          if (kernel === "pool_avg") {
            f.get(total);
            count();
            f.op("f32x4.div").set(total);
          }
          store(windowAt(out), () => f.get(total));
          return;
        case "pool_avg_transpose":
          load(windowAt(y));
          count();
          f.op("f32x4.div").set(share);
          cellLoop(f, t, start, end, () => {
            store(cell(out), () => {
              load(cell(out));
              f.get(share).op("f32x4.add");
            });
          });
          return;
        case "pool_max_transpose":
          maxima();
          load(windowAt(y));
          f.get(ties).op("f32x4.div").set(share);
          cellLoop(f, t, start, end, () => {
            store(cell(out), () => {
              load(cell(out));
              load(cell(x));
              f.get(best).op("f32x4.eq").get(share).op("v128.and").op("f32x4.add");
            });
          });
          return;
        case "max_pool_gather":
          maxima();
          f.splat(0).set(total);
          cellLoop(f, t, start, end, () => {
            // total += x == best ? y / ties : +0.
            f.get(total);
            load(cell(y));
            f.get(ties).op("f32x4.div");
            load(cell(x));
            f.get(best).op("f32x4.eq").op("v128.and").op("f32x4.add").set(total);
          });
          store(windowAt(out), () => f.get(total));
          return;
      }
    };

    f.get(channels).i32(2).op("i32.shl").set(channelBytes);
    f.i32(0).set(image);
    f.i32(0).set(window);
    loopTo(f, b, batch, () => {
      loopTo(f, o, positions, () => {
        f.get(starts).get(o).i32(2).op("i32.shl").op("i32.add").tee(start)
          .memory("i32.load", 4).set(end);
        f.get(start).memory("i32.load").set(start);
        f.i32(0).set(c);
        for (const bytes of [16, 4] as const) {
          f.block(() => {
            f.loop(() => {
              f.get(c).i32(bytes).op("i32.add").get(channelBytes).op("i32.gt_u").brIf(1);
              chunk(bytes);
              f.get(c).i32(bytes).op("i32.add").set(c);
              f.br(0);
            });
          });
        }
        f.get(window).get(channelBytes).op("i32.add").set(window);
      });
      f.get(image).get(inBytes).op("i32.add").set(image);
    });
  });
}

/** Adds the five pooling functions to `builder`. */
export function addPool(builder: ModuleBuilder): void {
  for (
    const kernel of [
      "pool_max",
      "pool_avg",
      "pool_max_transpose",
      "pool_avg_transpose",
      "max_pool_gather",
    ] as const
  ) addKernel(builder, kernel);
}
