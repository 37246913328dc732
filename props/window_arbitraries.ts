/**
 * fast-check arbitraries of convolution and pooling configurations in which
 * every window fits its (padded) input, over stride × padding × size.
 *
 * @module
 */
import fc from "fast-check";
import type { Arbitrary } from "fast-check";
import { integerIn } from "./_options.ts";

/**
 * Padding of a window: `"valid"`, `"same"` (TensorFlow's rule) or explicit zeros per side.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { windowOutputSize } from "./window_arbitraries.ts";
 * import type { WindowPadding } from "./window_arbitraries.ts";
 * const paddings: WindowPadding[] = ["valid", "same", 1];
 * assert.deepEqual(paddings.map((p) => windowOutputSize(6, 3, 1, p)), [4, 6, 6]);
 * ```
 */
export type WindowPadding = "valid" | "same" | number;

/**
 * A convolution whose windows fit: shapes of input, filter and output, and the options.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { convConfigArbitrary } from "./window_arbitraries.ts";
 * import type { ConvConfig } from "./window_arbitraries.ts";
 * const [config]: ConvConfig[] = fc.sample(convConfigArbitrary({ ranks: [1] }), { seed: 1, numRuns: 1 });
 * assert.deepEqual(config.filterShape, [config.window[0], config.channelsIn, config.channelsOut]);
 * ```
 */
export interface ConvConfig {
  /** Spatial rank: 1 for conv1d, 2 for conv2d, 3 for conv3d. */
  readonly rank: 1 | 2 | 3;
  /** Batch size. */
  readonly batch: number;
  /** Input size along each spatial axis. */
  readonly spatial: readonly number[];
  /** Window (filter) size along each spatial axis. */
  readonly window: readonly number[];
  /** Step between windows (all axes). */
  readonly stride: number;
  /** Padding (all axes). */
  readonly padding: WindowPadding;
  /** Input channels. */
  readonly channelsIn: number;
  /** Output channels (filters). */
  readonly channelsOut: number;
  /** `[batch, ...spatial, channelsIn]` (NHWC-like). */
  readonly inputShape: readonly number[];
  /** `[...window, channelsIn, channelsOut]` (HWIO-like). */
  readonly filterShape: readonly number[];
  /** `[batch, ...outSpatial, channelsOut]`, computed from the size rule. */
  readonly outputShape: readonly number[];
}

/**
 * Options of {@link convConfigArbitrary} and {@link poolConfigArbitrary}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { poolConfigArbitrary } from "./window_arbitraries.ts";
 * import type { WindowConfigOptions } from "./window_arbitraries.ts";
 * const options: WindowConfigOptions = { maxWindow: 2, paddings: ["valid"] };
 * for (const config of fc.sample(poolConfigArbitrary(options), { seed: 1, numRuns: 10 })) {
 *   assert.ok(config.size <= 2 && config.padding === "valid");
 * }
 * ```
 */
export interface WindowConfigOptions {
  /** Spatial ranks to draw from; `[1, 2, 3]` when absent (pooling is always 2). */
  readonly ranks?: readonly (1 | 2 | 3)[];
  /** Largest batch; 2 when absent. */
  readonly maxBatch?: number;
  /** Largest spatial size; 5 when absent. */
  readonly maxSpatial?: number;
  /** Largest window; 3 when absent. */
  readonly maxWindow?: number;
  /** Largest stride; 2 when absent. */
  readonly maxStride?: number;
  /** Largest channel count; 3 when absent. */
  readonly maxChannels?: number;
  /** Kinds of padding to draw from; all three when absent ("explicit" pads 0..⌊window/2⌋). */
  readonly paddings?: readonly ("valid" | "same" | "explicit")[];
}

/**
 * The output size of a window along one axis: `⌈n/s⌉` for `"same"`,
 * `⌊(n + 2p − f)/s⌋ + 1` otherwise (`p = 0` for `"valid"`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { windowOutputSize } from "./window_arbitraries.ts";
 * assert.equal(windowOutputSize(28, 5, 1, "valid"), 24);
 * assert.equal(windowOutputSize(28, 3, 2, "same"), 14);
 * assert.equal(windowOutputSize(5, 3, 2, 1), 3);
 * ```
 */
export function windowOutputSize(
  n: number,
  window: number,
  stride: number,
  padding: WindowPadding,
): number {
  if (padding === "same") return Math.ceil(n / stride);
  const pad = padding === "valid" ? 0 : padding;
  return Math.floor((n + 2 * pad - window) / stride) + 1;
}

function paddingFor(kinds: readonly ("valid" | "same" | "explicit")[], window: number) {
  return fc.constantFrom(...kinds).chain((kind): Arbitrary<WindowPadding> =>
    kind === "explicit" ? fc.integer({ min: 0, max: Math.floor(window / 2) }) : fc.constant(kind)
  );
}

/** A spatial size in which a window of `window` fits with `padding`. */
function spatialFor(window: number, padding: WindowPadding, maxSpatial: number) {
  const pad = padding === "same" ? 0 : padding === "valid" ? 0 : padding;
  const low = padding === "same" ? 1 : Math.max(1, window - 2 * pad);
  return fc.integer({ min: low, max: Math.max(low, maxSpatial) });
}

function limits(options: WindowConfigOptions | undefined) {
  const positive = (name: string, value: number | undefined, fallback: number) =>
    integerIn(`${name}`, value ?? fallback, 1);
  return {
    maxBatch: positive("maxBatch", options?.maxBatch, 2),
    maxSpatial: positive("maxSpatial", options?.maxSpatial, 5),
    maxWindow: positive("maxWindow", options?.maxWindow, 3),
    maxStride: positive("maxStride", options?.maxStride, 2),
    maxChannels: positive("maxChannels", options?.maxChannels, 3),
    paddings: options?.paddings ?? ["valid", "same", "explicit"],
  };
}

/**
 * Convolution configurations of spatial rank 1–3 in which every window fits
 * its (padded) input: `inputShape`, `filterShape` and the `outputShape` the
 * size rule gives, with stride and padding to pass as the op's options.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { convConfigArbitrary } from "./window_arbitraries.ts";
 * fc.assert(fc.property(convConfigArbitrary({ ranks: [2] }), (config) => {
 *   assert.equal(config.inputShape.length, 4);
 *   assert.ok(config.outputShape.every((dim) => dim >= 1));
 * }), { seed: 1, numRuns: 20 });
 * ```
 */
export function convConfigArbitrary(options?: WindowConfigOptions): Arbitrary<ConvConfig> {
  const { maxBatch, maxSpatial, maxWindow, maxStride, maxChannels, paddings } = limits(options);
  const ranks = options?.ranks ?? [1, 2, 3];
  return fc
    .record({
      rank: fc.constantFrom(...ranks),
      batch: fc.integer({ min: 1, max: maxBatch }),
      stride: fc.integer({ min: 1, max: maxStride }),
      channelsIn: fc.integer({ min: 1, max: maxChannels }),
      channelsOut: fc.integer({ min: 1, max: maxChannels }),
      largest: fc.integer({ min: 1, max: maxWindow }),
    })
    .chain((base) =>
      paddingFor(paddings, base.largest).chain((padding) =>
        fc.array(
          fc.integer({ min: 1, max: base.largest }).chain((window) =>
            spatialFor(window, padding, maxSpatial).map((n) => [window, n] as const)
          ),
          { minLength: base.rank, maxLength: base.rank },
        ).map((axes): ConvConfig => {
          const window = axes.map(([f]) => f);
          const spatial = axes.map(([, n]) => n);
          const outSpatial = axes.map(([f, n]) => windowOutputSize(n, f, base.stride, padding));
          return {
            rank: base.rank,
            batch: base.batch,
            spatial,
            window,
            stride: base.stride,
            padding,
            channelsIn: base.channelsIn,
            channelsOut: base.channelsOut,
            inputShape: [base.batch, ...spatial, base.channelsIn],
            filterShape: [...window, base.channelsIn, base.channelsOut],
            outputShape: [base.batch, ...outSpatial, base.channelsOut],
          };
        })
      )
    );
}

/**
 * A 2-D pooling whose windows fit: `[batch, height, width, channels]` in and out.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { poolConfigArbitrary } from "./window_arbitraries.ts";
 * import type { PoolConfig } from "./window_arbitraries.ts";
 * const [config]: PoolConfig[] = fc.sample(poolConfigArbitrary(), { seed: 1, numRuns: 1 });
 * assert.equal(config.outputShape[3], config.channels);
 * ```
 */
export interface PoolConfig {
  /** Batch size. */
  readonly batch: number;
  /** Input height and width. */
  readonly spatial: readonly [number, number];
  /** Side of the square window. */
  readonly size: number;
  /** Step between windows. */
  readonly stride: number;
  /** Padding. */
  readonly padding: WindowPadding;
  /** Channels. */
  readonly channels: number;
  /** `[batch, height, width, channels]`. */
  readonly inputShape: readonly number[];
  /** The pooled shape the size rule gives. */
  readonly outputShape: readonly number[];
}

/**
 * 2-D pooling configurations in which every window fits its (padded) input
 * and holds at least one real cell (explicit padding stays ≤ ⌊size/2⌋).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import fc from "fast-check";
 * import { poolConfigArbitrary } from "./window_arbitraries.ts";
 * fc.assert(fc.property(poolConfigArbitrary(), (config) => {
 *   assert.equal(config.outputShape.length, 4);
 * }), { seed: 1, numRuns: 20 });
 * ```
 */
export function poolConfigArbitrary(options?: WindowConfigOptions): Arbitrary<PoolConfig> {
  const { maxBatch, maxSpatial, maxWindow, maxStride, maxChannels, paddings } = limits(options);
  return fc
    .record({
      batch: fc.integer({ min: 1, max: maxBatch }),
      size: fc.integer({ min: 1, max: maxWindow }),
      stride: fc.integer({ min: 1, max: maxStride }),
      channels: fc.integer({ min: 1, max: maxChannels }),
    })
    .chain((base) =>
      paddingFor(paddings, base.size).chain((padding) =>
        fc.tuple(
          spatialFor(base.size, padding, maxSpatial),
          spatialFor(base.size, padding, maxSpatial),
        ).map(([height, width]): PoolConfig => ({
          ...base,
          padding,
          spatial: [height, width],
          inputShape: [base.batch, height, width, base.channels],
          outputShape: [
            base.batch,
            windowOutputSize(height, base.size, base.stride, padding),
            windowOutputSize(width, base.size, base.stride, padding),
            base.channels,
          ],
        }))
      )
    );
}
