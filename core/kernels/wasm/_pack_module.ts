/**
 * Generates the packing function of the GEMM: copies a block of a matrix,
 * any strides, into strips of `width` rows stored depth-major (for each
 * depth index `p`, the strip's `width` values side by side), zero-padded past
 * the last row and up to the padded depth.
 *
 * Full strips take one of three fast paths: rows adjacent in memory (vector
 * copies), depth contiguous (4×4 transposes in registers), or any strides
 * (one pointer per row). The last, partial strip takes a checked scalar path.
 *
 * @module
 */
import type { FunctionBody, Local } from "./_function_body.ts";
import type { ModuleBuilder } from "./_module_builder.ts";

/** `while (counter < end) { body(); counter += step }`, `counter` starting where it is. */
function whileBelow(f: FunctionBody, counter: Local, end: Local, step: number, body: () => void) {
  f.block(() => {
    f.get(counter).get(end).op("i32.ge_u").brIf(0);
    f.loop(() => {
      body();
      f.get(counter).i32(step).op("i32.add").tee(counter).get(end).op("i32.lt_u").brIf(0);
    });
  });
}

/**
 * Adds `exportName(src, rowStride, colStride, rows, depth, paddedDepth, dst)`:
 * element `(i, p)` of the source is at byte `src + i·rowStride + p·colStride`;
 * writes `ceil(rows / width)` strips of `paddedDepth × width` floats at `dst`.
 */
export function addPack(builder: ModuleBuilder, exportName: string, width: number): void {
  const params = ["i32", "i32", "i32", "i32", "i32", "i32", "i32"] as const;
  builder.function(exportName, { params }, (f) => {
    const [src, rowStride, colStride, rows, depth, paddedDepth, dst] = f.params;
    const row0 = f.local("i32");
    const p = f.local("i32");
    const r = f.local("i32");
    const end = f.local("i32");
    const pointers = Array.from({ length: width }, () => f.local("i32"));
    const lanes = Array.from({ length: 4 }, () => f.local("v128"));
    const pairs = Array.from({ length: 4 }, () => f.local("v128"));
    const vectors = width % 4 === 0 ? width / 4 : 0;

    /** Points `pointers[r]` at element (row0 + r, 0). */
    const setPointers = () => {
      f.get(src).get(row0).get(rowStride).op("i32.mul").op("i32.add").set(pointers[0]);
      for (let k = 1; k < width; k++) {
        f.get(pointers[k - 1]).get(rowStride).op("i32.add").set(pointers[k]);
      }
    };
    const advance = (local: Local, bytes: Local | number) => {
      f.get(local);
      if (typeof bytes === "number") f.i32(bytes);
      else f.get(bytes);
      f.op("i32.add").set(local);
    };
    /** One depth step through the row pointers, scalar. */
    const scalarStep = () => {
      pointers.forEach((pointer, k) => {
        f.get(dst).get(pointer).memory("f32.load").memory("f32.store", k * 4);
        advance(pointer, colStride);
      });
      advance(dst, width * 4);
    };
    /** Four depth steps of four rows `4q…4q+3`: a 4×4 transpose in registers. */
    const transposeStep = (q: number) => {
      lanes.forEach((lane, k) => f.get(pointers[4 * q + k]).memory("v128.load").set(lane));
      f.get(lanes[0]).get(lanes[1]).shuffle32([0, 4, 1, 5]).set(pairs[0]);
      f.get(lanes[2]).get(lanes[3]).shuffle32([0, 4, 1, 5]).set(pairs[1]);
      f.get(lanes[0]).get(lanes[1]).shuffle32([2, 6, 3, 7]).set(pairs[2]);
      f.get(lanes[2]).get(lanes[3]).shuffle32([2, 6, 3, 7]).set(pairs[3]);
      [[0, 1, 0], [0, 1, 1], [2, 3, 0], [2, 3, 1]].forEach(([x, y, high], step) => {
        f.get(dst).get(pairs[x]).get(pairs[y]).shuffle32(high ? [2, 3, 6, 7] : [0, 1, 4, 5])
          .memory("v128.store", (step * width + 4 * q) * 4);
      });
    };

    f.i32(0).set(row0);
    whileBelow(f, row0, rows, width, () => {
      f.i32(0).set(p);
      f.get(row0).i32(width).op("i32.add").get(rows).op("i32.le_u").if(() => {
        setPointers();
        if (vectors > 0) {
          f.get(rowStride).i32(4).op("i32.eq").if(() => {
            // Rows adjacent: each depth step is `width` contiguous floats.
            whileBelow(f, p, depth, 1, () => {
              for (let v = 0; v < vectors; v++) {
                f.get(dst).get(pointers[0]).memory("v128.load", v * 16)
                  .memory("v128.store", v * 16);
              }
              advance(pointers[0], colStride);
              advance(dst, width * 4);
            });
          }, () => {
            f.get(colStride).i32(4).op("i32.eq").if(() => {
              // Depth contiguous: transpose 4×4 tiles while four steps remain.
              f.get(depth).i32(-4).op("i32.and").set(end);
              whileBelow(f, p, end, 4, () => {
                for (let q = 0; q < vectors; q++) transposeStep(q);
                pointers.forEach((pointer) => advance(pointer, 16));
                advance(dst, 4 * width * 4);
              });
            });
            whileBelow(f, p, depth, 1, scalarStep);
          });
        } else {
          whileBelow(f, p, depth, 1, scalarStep);
        }
      }, () => {
        // The partial last strip: rows past the end read as zero.
        whileBelow(f, p, depth, 1, () => {
          f.i32(0).set(r);
          f.loop(() => {
            f.get(row0).get(r).op("i32.add").get(rows).op("i32.lt_u").if(() => {
              f.get(dst).get(src).get(row0).get(r).op("i32.add").get(rowStride).op("i32.mul")
                .op("i32.add").get(p).get(colStride).op("i32.mul").op("i32.add")
                .memory("f32.load").memory("f32.store");
            }, () => {
              f.get(dst).f32(0).memory("f32.store");
            });
            advance(dst, 4);
            f.get(r).i32(1).op("i32.add").tee(r).i32(width).op("i32.lt_u").brIf(0);
          });
        });
      });
      // Zero rows for the padded depth.
      whileBelow(f, p, paddedDepth, 1, () => {
        for (let k = 0; k < width; k++) f.get(dst).f32(0).memory("f32.store", k * 4);
        advance(dst, width * 4);
      });
    });
  });
}
