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
import type { FunctionBody, Local } from "./_function_body.ts";
import type { ModuleBuilder } from "./_module_builder.ts";

/** The largest tile of the direct kernels: `mr` rows by `vectors` f32x4. */
export interface DirectTiling {
  /** Rows; variants of 1…mr rows are generated. */
  readonly mr: number;
  /** f32x4 vectors of the widest strip; variants of 1…vectors are generated. */
  readonly vectors: number;
  /** Whether to use `f32x4.relaxed_madd`. */
  readonly fma: boolean;
}

/** The exported name of the variant whose tiles are `rows` by `vectors` f32x4. */
export function directKernelName(rows: number, vectors: number): DirectKernelName {
  return `gemm_direct_${rows}x${vectors}`;
}

/** Every variant's name for tiles of up to `mr` rows by `vectors` f32x4, rows outermost. */
export function directKernelNames(mr: number, vectors: number): DirectKernelName[] {
  return Array.from(
    { length: mr * vectors },
    (_, i) => directKernelName(Math.floor(i / vectors) + 1, (i % vectors) + 1),
  );
}

/** The names {@link directKernelName} gives. */
export type DirectKernelName = `gemm_direct_${number}x${number}`;

/** Depth steps per iteration of the main loop. */
const UNROLL = 4;

/** `for (i = 0; i < count; i++) body()`, skipped when `count` is 0. */
function countedLoop(f: FunctionBody, counter: Local, count: Local, body: () => void): void {
  f.i32(0).set(counter);
  f.block(() => {
    f.get(count).op("i32.eqz").brIf(0);
    f.loop(() => {
      body();
      f.get(counter).i32(1).op("i32.add").tee(counter).get(count).op("i32.lt_u").brIf(0);
    });
  });
}

/**
 * `gemm_direct_<r>x<v>(a, aRow, aInner, b, bStrip, bRow, c, pitch, mTiles, nTiles, depth)`:
 * element (i, p) of A at byte `a + i·aRow + p·aInner`; strip `s` of B starts
 * at `b + s·bStrip` and its row `p` (4·v floats, contiguous) `p·bRow` bytes
 * further; C's row `i` at `c + i·pitch`. Computes `C = A·B` (no
 * accumulation) for `mTiles` tiles of rows by `nTiles` strips; `depth` ≥ 1.
 */
function addVariant(builder: ModuleBuilder, fma: boolean, mr: number, vectors: number): void {
  const params = Array.from({ length: 11 }, () => "i32" as const);
  builder.function(directKernelName(mr, vectors), { params }, (f) => {
    const [a, aRow, aInner, b, bStrip, bRow, c, pitch, mTiles, nTiles, depth] = f.params;
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
        for (let v = 0; v < vectors; v++) {
          const target = acc[r * vectors + v];
          if (fma) f.get(splat).get(bv[v]).get(target).op("f32x4.relaxed_madd");
          else f.get(splat).get(bv[v]).op("f32x4.mul").get(target).op("f32x4.add");
          f.set(target);
        }
      });
    };
    countedLoop(f, jt, nTiles, () => {
      countedLoop(f, it, mTiles, () => {
        // Row pointers into A for this tile, B at the strip's first row, C at the tile.
        f.get(a).get(it).i32(mr).op("i32.mul").get(aRow).op("i32.mul").op("i32.add").set(rows[0]);
        for (let r = 1; r < mr; r++) f.get(rows[r - 1]).get(aRow).op("i32.add").set(rows[r]);
        f.get(b).get(jt).get(bStrip).op("i32.mul").op("i32.add").set(bAt);
        acc.forEach((local) => f.f32x4(0).set(local));
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
        f.get(c).get(it).i32(mr).op("i32.mul").get(pitch).op("i32.mul").op("i32.add")
          .get(jt).i32(vectors * 16).op("i32.mul").op("i32.add").set(cAt);
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

/** Adds `gemm_direct_<r>x<v>` for r ≤ `mr`, v ≤ `vectors` to `builder`. */
export function addGemmDirect(builder: ModuleBuilder, tiling: DirectTiling): void {
  for (let rows = 1; rows <= tiling.mr; rows++) {
    for (let vectors = 1; vectors <= tiling.vectors; vectors++) {
      addVariant(builder, tiling.fma, rows, vectors);
    }
  }
}
