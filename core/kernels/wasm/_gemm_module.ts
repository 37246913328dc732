/**
 * Generates the GEMM kernels: packing of A and B panels, and the macro-kernel
 * that sweeps a packed block with a register-tiled micro-kernel.
 *
 * Layouts (all f32, byte addresses into the shared memory):
 * - packed A: strips of `mr` rows; within a strip, for each `p` the `mr`
 *   values `A[i..i+mr, p]` (zero past the last row).
 * - packed B: strips of `nr` columns; within a strip, for each `p` the `nr`
 *   values `B[p, j..j+nr]` (zero past the last column).
 * - C: row-major with a row pitch in bytes, padded so every tile is whole.
 *
 * @module
 */
import type { FunctionBody, Local } from "./_function_body.ts";
import type { ModuleBuilder } from "./_module_builder.ts";
import { addPack } from "./_pack_module.ts";

/** The micro-kernel's tile and unrolling. */
export interface GemmTiling {
  /** Rows of a tile (A values splat per step). */
  readonly mr: number;
  /** Columns of a tile, a multiple of 4 (f32x4 vectors per row). */
  readonly nr: number;
  /** Steps of `p` per loop iteration; packed panels are padded to a multiple of it. */
  readonly unroll: number;
  /** Whether to use `f32x4.relaxed_madd` (fused where the CPU has FMA). */
  readonly fma: boolean;
}

/** `for (i = 0; i < count; i++) body()`, skipped when `count` is 0. */
export function countedLoop(f: FunctionBody, counter: Local, count: Local, body: () => void): void {
  f.i32(0).set(counter);
  f.block(() => {
    f.get(count).op("i32.eqz").brIf(0);
    f.loop(() => {
      body();
      f.get(counter).i32(1).op("i32.add").tee(counter).get(count).op("i32.lt_u").brIf(0);
    });
  });
}

/** `target += x · y` on f32x4 locals: one `relaxed_madd` with `fma`, else a mul and an add. */
export function multiplyAdd(
  f: FunctionBody,
  fma: boolean,
  x: Local,
  y: Local,
  target: Local,
): void {
  if (fma) f.get(x).get(y).get(target).op("f32x4.relaxed_madd");
  else f.get(x).get(y).op("f32x4.mul").get(target).op("f32x4.add");
  f.set(target);
}

/**
 * `kernel(a, b, c, mTiles, nTiles, depth, pitch, accumulate)`: for every
 * `mr × nr` tile of C, `C_tile (+)= A_strip · B_strip` over `depth` (a
 * multiple of `unroll`) steps; `pitch` is C's row pitch in bytes.
 */
function addKernel(builder: ModuleBuilder, tiling: GemmTiling): void {
  const { mr, nr, unroll, fma } = tiling;
  const vectors = nr / 4;
  const params = ["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"] as const;
  builder.function("gemm_kernel", { params }, (f) => {
    const [a, b, c, mTiles, nTiles, depth, pitch, accumulate] = f.params;
    const it = f.local("i32");
    const jt = f.local("i32");
    const aTile = f.local("i32");
    const bTile = f.local("i32");
    const cTile = f.local("i32");
    const aEnd = f.local("i32");
    const rowAt = Array.from({ length: mr }, () => f.local("i32"));
    const acc = Array.from({ length: mr * vectors }, () => f.local("v128"));
    const bv = Array.from({ length: vectors }, () => f.local("v128"));
    const splat = f.local("v128");
    countedLoop(f, jt, nTiles, () => {
      countedLoop(f, it, mTiles, () => {
        // Tile origins: A strip `it`, B strip `jt`, C at row it·mr, column jt·nr.
        f.get(a).get(it).get(depth).op("i32.mul").i32(mr * 4).op("i32.mul").op("i32.add")
          .tee(aTile).get(depth).i32(mr * 4).op("i32.mul").op("i32.add").set(aEnd);
        f.get(b).get(jt).get(depth).op("i32.mul").i32(nr * 4).op("i32.mul").op("i32.add")
          .set(bTile);
        f.get(c).get(it).i32(mr).op("i32.mul").get(pitch).op("i32.mul").op("i32.add")
          .get(jt).i32(nr * 4).op("i32.mul").op("i32.add").set(cTile);
        rowAt.forEach((local, r) => {
          f.get(cTile).get(pitch).i32(r).op("i32.mul").op("i32.add").set(local);
        });
        f.get(accumulate).if(() => {
          acc.forEach((local, index) => {
            f.get(rowAt[Math.floor(index / vectors)])
              .memory("v128.load", (index % vectors) * 16).set(local);
          });
        }, () => {
          acc.forEach((local) => f.f32x4(0).set(local));
        });
        f.block(() => {
          f.get(depth).op("i32.eqz").brIf(0);
          f.loop(() => {
            for (let u = 0; u < unroll; u++) {
              bv.forEach((local, v) => {
                f.get(bTile).memory("v128.load", (u * nr + v * 4) * 4).set(local);
              });
              for (let r = 0; r < mr; r++) {
                f.get(aTile).memory("v128.load32_splat", (u * mr + r) * 4).set(splat);
                for (let v = 0; v < vectors; v++) {
                  multiplyAdd(f, fma, splat, bv[v], acc[r * vectors + v]);
                }
              }
            }
            f.get(bTile).i32(unroll * nr * 4).op("i32.add").set(bTile);
            f.get(aTile).i32(unroll * mr * 4).op("i32.add").tee(aTile).get(aEnd)
              .op("i32.lt_u").brIf(0);
          });
        });
        acc.forEach((local, index) => {
          f.get(rowAt[Math.floor(index / vectors)]).get(local)
            .memory("v128.store", (index % vectors) * 16);
        });
      });
    });
  });
}

/** Adds the GEMM functions (`pack_a`, `pack_b`, `gemm_kernel`) to `builder`. */
export function addGemm(builder: ModuleBuilder, tiling: GemmTiling): void {
  addPack(builder, "pack_a", tiling.mr);
  addPack(builder, "pack_b", tiling.nr);
  addKernel(builder, tiling);
}
