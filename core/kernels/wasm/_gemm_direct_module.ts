/**
 * Generates the GEMM kernels for small products: no packing of A, no depth
 * blocking, and C written at its own row pitch, so nothing is padded to the
 * tile and nothing is copied twice.
 *
 * `gemm_direct_<r>x<v>` sweeps tiles of `r` rows by strips of `4·v`
 * columns: for each strip of B and each tile of A's rows it sums the whole
 * depth in registers, splatting A's values from any strides and loading B's
 * rows as f32x4 vectors, then stores the tile. The driver runs the full
 * tiles with the largest variant and the last rows and columns with smaller
 * ones, so nothing past A's last row is read and no column past the last
 * multiple of 4 at or above `n` is written.
 *
 * @module
 */
import type { Local } from "./_function_body.ts";
import type { ModuleBuilder } from "./_module_builder.ts";
import { countedLoop, multiplyAdd } from "./_gemm_module.ts";

/**
 * The tiles (rows, f32x4 vectors) the direct kernels come in: every tile up
 * to 3 × 3 (the register tile of 9 accumulators, 3 B vectors and a splat),
 * for a product's last rows and columns, and 2 × 4 and 1 × 4 (8 accumulators,
 * 4 B vectors), for widths that are multiples of 16 but not 12, such as a
 * convolution's 16 or 64 channels, which 3 × 3 would finish with a strip of
 * one vector and three accumulator chains, too few to hide the FMA latency.
 */
export const DIRECT_TILES: readonly (readonly [number, number])[] = [
  ...[1, 2, 3].flatMap((rows) => [1, 2, 3].map((vectors) => [rows, vectors] as const)),
  [1, 4],
  [2, 4],
];

/** The exported name of the variant whose tiles are `rows` by `vectors` f32x4. */
export function directKernelName(rows: number, vectors: number): DirectKernelName {
  return `gemm_direct_${rows}x${vectors}`;
}

/** Every variant's name, in the order of {@link DIRECT_TILES}. */
export function directKernelNames(): DirectKernelName[] {
  return DIRECT_TILES.map(([rows, vectors]) => directKernelName(rows, vectors));
}

/** The names {@link directKernelName} gives. */
export type DirectKernelName = `gemm_direct_${number}x${number}`;

/** Depth steps per iteration of the main loop. */
const UNROLL = 4;

/**
 * `gemm_direct_<r>x<v>(a, aTile, aRow, aInner, b, bStrip, bRow, c, pitch, mTiles, nTiles, depth, accumulate)`:
 * row `r` of tile `t` of A starts at byte `a + t·aTile + r·aRow` and its
 * element `p` lies `p·aInner` further (A in place: `aTile = r·aRow`; A
 * packed into strips: `aRow` 4, `aInner` 4·r); strip `s` of B starts
 * at `b + s·bStrip` and its row `p` (4·v floats, contiguous) `p·bRow` bytes
 * further; C's row `i` at `c + i·pitch`. Computes `C = A·B`, or `C += A·B`
 * when `accumulate` is not 0, for `mTiles` tiles of rows by `nTiles`
 * strips; `depth` ≥ 1.
 */
function addVariant(builder: ModuleBuilder, fma: boolean, mr: number, vectors: number): void {
  const params = Array.from({ length: 13 }, () => "i32" as const);
  builder.function(directKernelName(mr, vectors), { params }, (f) => {
    const [a, aTile, aRow, aInner, b, bStrip, bRow, c, pitch, mTiles, nTiles, depth, accumulate] =
      f.params;
    const it = f.local("i32");
    const jt = f.local("i32");
    const p = f.local("i32");
    const bAt = f.local("i32");
    const cAt = f.local("i32");
    const rows = Array.from({ length: mr }, () => f.local("i32"));
    const acc = Array.from({ length: mr * vectors }, () => f.local("v128"));
    const bv = Array.from({ length: vectors }, () => f.local("v128"));
    const splat = f.local("v128");
    // aSteps[u] = u·aInner, bSteps[u] = u·bRow (u = 0 unused).
    const aSteps = Array.from({ length: UNROLL + 1 }, () => f.local("i32"));
    const bSteps = Array.from({ length: UNROLL + 1 }, () => f.local("i32"));
    for (let u = 1; u <= UNROLL; u++) {
      f.get(aInner).i32(u).op("i32.mul").set(aSteps[u]);
      f.get(bRow).i32(u).op("i32.mul").set(bSteps[u]);
    }
    /** Reads `address + steps[u]` (just `address` when u is 0). */
    const at = (address: Local, steps: Local[], u: number) => {
      f.get(address);
      if (u > 0) f.get(steps[u]).op("i32.add");
    };
    /** Depth step `u` of the current four: B's row, then each A row's splat times it. */
    const step = (u: number) => {
      bv.forEach((local, v) => {
        at(bAt, bSteps, u);
        f.memory("v128.load", v * 16).set(local);
      });
      rows.forEach((row, r) => {
        at(row, aSteps, u);
        f.memory("v128.load32_splat").set(splat);
        for (let v = 0; v < vectors; v++) multiplyAdd(f, fma, splat, bv[v], acc[r * vectors + v]);
      });
    };
    countedLoop(f, jt, nTiles, () => {
      countedLoop(f, it, mTiles, () => {
        // Row pointers into A for this tile, B at the strip's first row, C at the tile.
        f.get(a).get(it).get(aTile).op("i32.mul").op("i32.add").set(rows[0]);
        for (let r = 1; r < mr; r++) f.get(rows[r - 1]).get(aRow).op("i32.add").set(rows[r]);
        f.get(b).get(jt).get(bStrip).op("i32.mul").op("i32.add").set(bAt);
        f.get(c).get(it).i32(mr).op("i32.mul").get(pitch).op("i32.mul").op("i32.add")
          .get(jt).i32(vectors * 16).op("i32.mul").op("i32.add").set(cAt);
        f.get(accumulate).if(() => {
          acc.forEach((local, index) => {
            const r = Math.floor(index / vectors);
            f.get(cAt);
            if (r > 0) f.get(pitch).i32(r).op("i32.mul").op("i32.add");
            f.memory("v128.load", (index % vectors) * 16).set(local);
          });
        }, () => {
          acc.forEach((local) => f.f32x4(0).set(local));
        });
        // Depth steps in fours (strides pre-multiplied), then one at a time.
        f.get(depth).i32(2).op("i32.shr_u").set(p);
        f.block(() => {
          f.get(p).op("i32.eqz").brIf(0);
          f.loop(() => {
            for (let u = 0; u < UNROLL; u++) step(u);
            f.get(bAt).get(bSteps[UNROLL]).op("i32.add").set(bAt);
            rows.forEach((row) => f.get(row).get(aSteps[UNROLL]).op("i32.add").set(row));
            f.get(p).i32(1).op("i32.sub").tee(p).brIf(0);
          });
        });
        f.get(depth).i32(UNROLL - 1).op("i32.and").set(p);
        f.block(() => {
          f.get(p).op("i32.eqz").brIf(0);
          f.loop(() => {
            step(0);
            f.get(bAt).get(bRow).op("i32.add").set(bAt);
            rows.forEach((row) => f.get(row).get(aInner).op("i32.add").set(row));
            f.get(p).i32(1).op("i32.sub").tee(p).brIf(0);
          });
        });
        for (let r = 0; r < mr; r++) {
          for (let v = 0; v < vectors; v++) {
            f.get(cAt).get(acc[r * vectors + v]).memory("v128.store", v * 16);
          }
          if (r < mr - 1) f.get(cAt).get(pitch).op("i32.add").set(cAt);
        }
      });
    });
  });
}

/** Adds the variants of {@link DIRECT_TILES} to `builder`, fused or not. */
export function addGemmDirect(builder: ModuleBuilder, fma: boolean): void {
  for (const [rows, vectors] of DIRECT_TILES) addVariant(builder, fma, rows, vectors);
}
