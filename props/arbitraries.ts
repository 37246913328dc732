/**
 * fast-check arbitraries for tensor code: shapes, broadcast-compatible shape
 * pairs, and tensors whose values stay inside an op's domain and away from
 * its kinks. Convolution and pooling configurations are in
 * `window_arbitraries.ts`, parameter trees in `tree_arbitraries.ts`; all are
 * exported for users' own property tests from `props/mod.ts`.
 *
 * @module
 */
import fc from "fast-check";
import type { Arbitrary } from "fast-check";
import type { Shape } from "../core/shape.ts";
import type { DataOf, DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import { integerIn } from "./_options.ts";

// ---- shapes ----

/**
 * Options of {@link shapeArbitrary}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { shapeArbitrary } from "./arbitraries.ts";
 * import type { ShapeOptions } from "./arbitraries.ts";
 * const options: ShapeOptions = { minRank: 1, maxRank: 2, minDim: 1, maxDim: 4, maxSize: 6 };
 * for (const shape of fc.sample(shapeArbitrary(options), { seed: 1, numRuns: 20 })) {
 *   assert.ok(shape.length >= 1 && shape.reduce((a, b) => a * b, 1) <= 6);
 * }
 * ```
 */
export interface ShapeOptions {
  /** Smallest rank; 0 when absent. */
  readonly minRank?: number;
  /** Largest rank; 4 when absent. */
  readonly maxRank?: number;
  /** Smallest dim; 0 when absent (size-0 dims included). Pass 1 to exclude 0. */
  readonly minDim?: number;
  /** Largest dim; 5 when absent. */
  readonly maxDim?: number;
  /** Largest number of elements; shapes above it are shrunk dim by dim. None when absent. */
  readonly maxSize?: number;
}

function capSize(shape: number[], maxSize: number | undefined): number[] {
  if (maxSize === undefined) return shape;
  const capped = [...shape];
  let size = capped.reduce((total, dim) => total * dim, 1);
  for (let axis = 0; size > maxSize; axis = (axis + 1) % capped.length) {
    if (capped[axis] > 1) {
      size = (size / capped[axis]) * (capped[axis] - 1);
      capped[axis]--;
    } else if (capped.every((dim) => dim <= 1)) break;
  }
  return capped;
}

/**
 * Shapes of rank `minRank..maxRank` with dims `minDim..maxDim` (defaults:
 * rank 0 to 4, dims 0 to 5).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { shapeArbitrary } from "./arbitraries.ts";
 * fc.assert(fc.property(shapeArbitrary({ minDim: 1, maxRank: 3 }), (shape) => {
 *   assert.ok(shape.length <= 3 && shape.every((dim) => dim >= 1 && dim <= 5));
 * }), { seed: 1, numRuns: 20 });
 * ```
 */
export function shapeArbitrary(options?: ShapeOptions): Arbitrary<number[]> {
  const minRank = integerIn("shapeArbitrary: minRank", options?.minRank ?? 0, 0);
  const maxRank = integerIn("shapeArbitrary: maxRank", options?.maxRank ?? 4, minRank);
  const minDim = integerIn("shapeArbitrary: minDim", options?.minDim ?? 0, 0);
  const maxDim = integerIn("shapeArbitrary: maxDim", options?.maxDim ?? 5, minDim);
  // Ranks and dims uniform (fast-check's bias toward small integers would make
  // most shapes scalars or ones); a 0 dim empties the whole tensor, so it
  // comes up about one dim in ten.
  const nonZero = fc.noBias(fc.integer({ min: Math.max(minDim, 1), max: maxDim }));
  const dim = minDim > 0 || maxDim === 0 ? fc.noBias(fc.integer({ min: minDim, max: maxDim })) : fc
    .oneof({ arbitrary: nonZero, weight: 9 }, { arbitrary: fc.constant(0), weight: 1 });
  return fc
    .noBias(fc.integer({ min: minRank, max: maxRank }))
    .chain((rank) => fc.array(dim, { minLength: rank, maxLength: rank }))
    .map((shape) => capSize(shape, options?.maxSize));
}

/**
 * Two shapes that broadcast against each other (numpy rules): a common shape
 * from {@link shapeArbitrary}, then each operand drops some leading axes and
 * turns some dims into 1. The first element of the pair is `a`'s shape, the
 * second `b`'s, the third the broadcast result.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { broadcastPairArbitrary } from "./arbitraries.ts";
 * fc.assert(fc.property(broadcastPairArbitrary(), ([a, b, out]) => {
 *   assert.equal(out.length, Math.max(a.length, b.length));
 * }), { seed: 1, numRuns: 20 });
 * ```
 */
export function broadcastPairArbitrary(
  options?: ShapeOptions,
): Arbitrary<[number[], number[], number[]]> {
  const operand = (shape: number[]) =>
    fc.tuple(
      fc.integer({ min: 0, max: shape.length }),
      fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
    ).map(([dropped, ones]) => shape.map((dim, axis) => (ones[axis] ? 1 : dim)).slice(dropped));
  return shapeArbitrary(options).chain((shape) =>
    fc.tuple(operand(shape), operand(shape)).map(([a, b]): [number[], number[], number[]] => {
      const rank = Math.max(a.length, b.length);
      const out = Array.from({ length: rank }, (_, axis) => {
        const left = a[axis - (rank - a.length)] ?? 1;
        const right = b[axis - (rank - b.length)] ?? 1;
        return left === 1 ? right : left;
      });
      return [a, b, out];
    })
  );
}

// ---- values and tensors ----

/**
 * Where the values of a generated tensor may lie.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { tensorArbitrary } from "./arbitraries.ts";
 * import type { ValueOptions } from "./arbitraries.ts";
 * // The domain of log: positive, here at least 0.5.
 * const domain: ValueOptions = { positive: true, margin: 0.5, max: 3 };
 * const [x] = fc.sample(tensorArbitrary([10], domain), { seed: 1, numRuns: 1 });
 * assert.ok(x.data.every((v) => v >= 0.5 && v <= 3));
 * ```
 */
export interface ValueOptions {
  /** Lowest value; -2 when absent (`margin` when `positive`). */
  readonly min?: number;
  /** Highest value; 2 when absent. */
  readonly max?: number;
  /**
   * Kinks to keep away from, such as `[0]` for relu and abs: no value lies
   * within `margin` of one. Keep kinks at least `2·margin` apart.
   */
  readonly awayFrom?: readonly number[];
  /** The distance kept from each kink (and from 0 when `positive`); 0.1 when absent. */
  readonly margin?: number;
  /** Only values ≥ `margin` (the domains of log, sqrt, a pow base). */
  readonly positive?: boolean;
  /**
   * Pairwise distinct values (no ties, for max and max-pool), at least
   * `min(margin, (max − min)/(4·size)) / 2` apart.
   */
  readonly distinct?: boolean;
}

/**
 * Options of {@link tensorArbitrary}: the dtype and where values lie.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { tensorArbitrary } from "./arbitraries.ts";
 * import type { TensorOptions } from "./arbitraries.ts";
 * const options: TensorOptions<"f32"> = { dtype: "f32", distinct: true };
 * const [x] = fc.sample(tensorArbitrary([2, 2], options), { seed: 1, numRuns: 1 });
 * assert.equal(new Set(x.data).size, 4);
 * ```
 */
export interface TensorOptions<D extends DType> extends ValueOptions {
  /** Element type; `"f64"` when absent (gradient checks run in f64). */
  readonly dtype?: D;
}

interface Range {
  readonly low: number;
  readonly high: number;
  readonly kinks: readonly number[];
  readonly margin: number;
}

function rangeOf(options: ValueOptions | undefined): Range {
  const margin = options?.margin ?? 0.1;
  if (!(margin >= 0) || !Number.isFinite(margin)) {
    throw new RangeError(`tensorArbitrary: margin must be finite and >= 0, got ${margin}`);
  }
  const positive = options?.positive ?? false;
  const low = positive ? Math.max(options?.min ?? margin, margin) : options?.min ?? -2;
  const high = options?.max ?? 2;
  if (!(low < high) || !Number.isFinite(low) || !Number.isFinite(high)) {
    throw new RangeError(`tensorArbitrary: need finite min < max, got [${low}, ${high}]`);
  }
  return { low, high, kinks: options?.awayFrom ?? [], margin };
}

/** Moves `value` out of each kink's margin, to the side it was on (or the side inside the range). */
function keepAway(value: number, range: Range): number {
  let moved = value;
  for (const kink of range.kinks) {
    if (Math.abs(moved - kink) >= range.margin) continue;
    const up = kink + range.margin;
    const down = kink - range.margin;
    const preferUp = moved >= kink;
    if (preferUp) moved = up <= range.high ? up : down;
    else moved = down >= range.low ? down : up;
  }
  return moved;
}

/** Resolution of generated values: the range is cut into 2·STEPS steps. */
const STEPS = 1 << 24;

function valuesArbitrary(size: number, range: Range): Arbitrary<number[]> {
  // Integers mapped onto the range, rather than fc.double: its bias toward
  // subnormals and exact bounds gives gradients of 1e-300 that no difference
  // can check. Shrinking moves values toward the middle of the range.
  const half = (range.high - range.low) / 2;
  const middle = range.low + half;
  const value = fc
    .integer({ min: -STEPS, max: STEPS })
    .map((k) => keepAway(middle + (half * k) / STEPS, range));
  return fc.array(value, { minLength: size, maxLength: size });
}

function distinctArbitrary(size: number, range: Range): Arbitrary<number[]> {
  if (size === 0) return fc.constant([]);
  const points = Math.max(4 * size, Math.ceil((range.high - range.low) / range.margin));
  const step = (range.high - range.low) / points;
  const candidates: number[] = [];
  for (let k = 0; k < points; k++) {
    const value = range.low + (k + 0.5) * step;
    if (range.kinks.every((kink) => Math.abs(value - kink) >= range.margin + step / 4)) {
      candidates.push(value);
    }
  }
  if (candidates.length < size) {
    throw new RangeError(
      `tensorArbitrary: cannot draw ${size} distinct values in [${range.low}, ${range.high}] ` +
        `away from ${range.kinks.join(", ")}`,
    );
  }
  const jitter = fc.array(fc.double({ min: -step / 4, max: step / 4, noNaN: true }), {
    minLength: size,
    maxLength: size,
  });
  return fc
    .tuple(fc.shuffledSubarray(candidates, { minLength: size, maxLength: size }), jitter)
    .chain(([chosen, shifts]) =>
      fc.shuffledSubarray(chosen.map((v, i) => v + shifts[i]), {
        minLength: size,
        maxLength: size,
      })
    );
}

function build<D extends DType>(shape: readonly number[], dtype: D, values: number[]): Tensor<
  Shape,
  D
> {
  const data = allocate(dtype, values.length) as DataOf<DType>;
  data.set(values);
  return new Tensor(shape, dtype, data as DataOf<D>);
}

/**
 * Tensors of `shape` (a fixed shape, or an arbitrary of shapes such as
 * {@link shapeArbitrary}) with values in `[min, max]`, away from the kinks in
 * `awayFrom`, positive or pairwise distinct on request. f64 unless `dtype`
 * says otherwise. A counterexample prints as `Tensor<f64>[2, 3]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { tensorArbitrary } from "./arbitraries.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const inputs: fc.Arbitrary<Tensor<[2, 3], "f64">> = tensorArbitrary([2, 3], { awayFrom: [0] });
 * fc.assert(fc.property(inputs, (x) => {
 *   assert.ok(x.data.every((v) => Math.abs(v) >= 0.1 && Math.abs(v) <= 2));
 * }), { seed: 1, numRuns: 20 });
 * ```
 */
export function tensorArbitrary<const S extends readonly number[], D extends DType = "f64">(
  shape: S,
  options?: TensorOptions<D>,
): Arbitrary<Tensor<[...S], D>>;
/** Tensors of shapes drawn from an arbitrary of shapes. */
export function tensorArbitrary<D extends DType = "f64">(
  shape: Arbitrary<number[]>,
  options?: TensorOptions<D>,
): Arbitrary<Tensor<number[], D>>;
export function tensorArbitrary<D extends DType = "f64">(
  shape: readonly number[] | Arbitrary<number[]>,
  options?: TensorOptions<D>,
): Arbitrary<Tensor<Shape, D>> {
  const range = rangeOf(options);
  const dtype = (options?.dtype ?? "f64") as D;
  const fixed = (dims: readonly number[]) => {
    const size = dims.reduce((total, dim) => total * dim, 1);
    const values = options?.distinct
      ? distinctArbitrary(size, range)
      : valuesArbitrary(size, range);
    return values.map((v) => build(dims, dtype, v));
  };
  return shape instanceof fc.Arbitrary ? shape.chain(fixed) : fixed([...shape]);
}
