/**
 * Test support for the windowed kernels (convolution, pooling): random
 * geometries of spatial rank 1–3 with every padding kind, and deterministic
 * inputs. Not part of the backend.
 *
 * @module
 */
import fc from "fast-check";

/** One windowed geometry: shapes without the channel dims, stride and leading zeros. */
export interface WindowCase {
  readonly batch: number;
  readonly inSpatial: readonly number[];
  readonly window: readonly number[];
  readonly outSpatial: readonly number[];
  readonly stride: number;
  readonly padBefore: readonly number[];
  readonly cIn: number;
  readonly cOut: number;
  readonly seed: number;
}

/** Output size of one axis: `⌊(n + before + after − f)/s⌋ + 1`. */
function outSize(n: number, f: number, s: number, before: number, after: number): number {
  return Math.floor((n + before + after - f) / s) + 1;
}

/**
 * Random geometries: rank 1–3, batch 1–3, input channels 1–5, output
 * channels 1–5 or 10–14, sizes 1–7 (1–5 in 3-D), windows 1–4, strides 1–3;
 * padding `"valid"`, `"same"` (TensorFlow's split) or explicit and uneven
 * (0–3 each side), the window shrunk until the output has a cell.
 */
export function windowCases(): fc.Arbitrary<WindowCase> {
  const base = fc.record({
    rank: fc.integer({ min: 1, max: 3 }),
    batch: fc.integer({ min: 1, max: 3 }),
    cIn: fc.integer({ min: 1, max: 5 }),
    // Past 9 output channels the forward convolution takes its other GEMM orientation.
    cOut: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 10, max: 14 })),
    stride: fc.integer({ min: 1, max: 3 }),
    padding: fc.constantFrom("valid", "same", "explicit"),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });
  return base.chain((b) =>
    fc.array(
      fc.record({
        n: fc.integer({ min: 1, max: b.rank === 3 ? 5 : 7 }),
        f: fc.integer({ min: 1, max: 4 }),
        before: fc.integer({ min: 0, max: 3 }),
        after: fc.integer({ min: 0, max: 3 }),
      }),
      { minLength: b.rank, maxLength: b.rank },
    ).map((axes) => {
      const resolved = axes.map(({ n, f, before, after }) => {
        if (b.padding === "valid") return { n, f: Math.min(f, n), before: 0, after: 0 };
        if (b.padding === "explicit") {
          return { n, f: Math.min(f, n + before + after), before, after };
        }
        const total = Math.max((Math.ceil(n / b.stride) - 1) * b.stride + f - n, 0);
        return { n, f, before: Math.floor(total / 2), after: total - Math.floor(total / 2) };
      });
      return {
        batch: b.batch,
        inSpatial: resolved.map((axis) => axis.n),
        window: resolved.map((axis) => axis.f),
        outSpatial: resolved.map(({ n, f, before, after }) =>
          outSize(n, f, b.stride, before, after)
        ),
        stride: b.stride,
        padBefore: resolved.map((axis) => axis.before),
        cIn: b.cIn,
        cOut: b.cOut,
        seed: b.seed,
      };
    })
  );
}

/** `size` values in [−1, 1) from `seed` (a small LCG), rounded to f32. */
export function seededValues(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let state = seed >>> 0;
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
}
