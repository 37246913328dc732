/**
 * Products of dims at the type level, for reshape and flatten: literal dims
 * multiply exactly (digit-wise, see `core/arith.ts`); a symbolic dim keeps a
 * canonical form `"784*B"` (coefficient, then the name); a product of two
 * different names, or anything with `number`, is `number`.
 *
 * @module
 */
import type { AsNumber } from "../type_utils.ts";
import type { FloorDiv, Mod, Mul } from "../arith.ts";
import type { Dim, Shape } from "../shape.ts";

/** The numeric coefficient of a symbolic product (`"784*B"` → 784). */
export type SymbolicCoefficient<D extends string> = D extends `${infer C extends number}*${string}`
  ? C
  : 1;
/** The name in a symbolic product (`"784*B"` → `"B"`). */
export type SymbolicName<D extends string> = D extends `${number}*${infer N}` ? N : D;
/** A coefficient and a name in canonical form (`784`, `"B"` → `"784*B"`). */
export type SymbolicProduct<C extends number, N extends string> = C extends 0 ? 0
  : C extends 1 ? N
  : `${C}*${N}`;

/** The product of two dims. */
export type MulDim<A extends Dim, B extends Dim> = [number] extends [A] ? number
  : [number] extends [B] ? number
  : A extends number ? B extends number ? Mul<A, B>
    : B extends string
      ? A extends 0 ? 0 : SymbolicProduct<Mul<A, SymbolicCoefficient<B>>, SymbolicName<B>>
    : number
  : A extends string ? B extends number ? MulDim<B, A>
    : B extends string ? number
    : number
  : number;

/**
 * The number of elements of a shape, as a dim.
 *
 * @example
 * ```ts
 * import type { Product } from "./product.ts";
 * const pixels: Product<[224, 224, 3]> = 150528;
 * const batch: Product<["B", 28, 28]> = "784*B";
 * ```
 */
export type Product<S extends Shape, Done extends Dim = 1> = number extends S["length"] ? number
  : S extends readonly [infer First extends Dim, ...infer Rest extends Dim[]]
    ? Product<Rest, MulDim<Done, First>>
  : Done;

/**
 * `Total / Part` when it divides exactly: `{ ok: D }`; `{ remainder: true }`
 * when it does not; `number` parts give `{ ok: number }`.
 */
export type DivDim<Total extends Dim, Part extends Dim> = [number] extends [Total] ? { ok: number }
  : [number] extends [Part] ? { ok: number }
  : Total extends number ? Part extends number ? Part extends 0 ? { remainder: true }
      : Mod<Total, Part> extends 0 ? { ok: FloorDiv<Total, Part> }
      : { remainder: true }
    : { remainder: true }
  : Total extends string ? Part extends number ? Part extends 0 ? { remainder: true }
      : Mod<SymbolicCoefficient<Total>, Part> extends 0 ? {
          ok: SymbolicProduct<
            AsNumber<FloorDiv<SymbolicCoefficient<Total>, Part>>,
            SymbolicName<Total>
          >;
        }
      : { ok: number }
    : Part extends string
      ? SymbolicName<Total> extends SymbolicName<Part>
        ? Mod<SymbolicCoefficient<Total>, SymbolicCoefficient<Part>> extends 0
          ? { ok: FloorDiv<SymbolicCoefficient<Total>, SymbolicCoefficient<Part>> }
        : { remainder: true }
      : { ok: number }
    : { ok: number }
  : { ok: number };
