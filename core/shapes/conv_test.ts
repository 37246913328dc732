/**
 * Property tests of the convolution and pooling size rules against a brute
 * force count of window positions, over stride × padding × size; plus the
 * course's worked examples, checked at run time and at compile time.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { ShapeError } from "../errors.ts";
import type { ConvOutputSize, ConvShape, Padding, Pool2dShape } from "./conv.ts";
import { convOutputSize, convShape, paddingAmounts, pool2dShape } from "./conv.ts";

const SETTINGS = { seed: 20261128, numRuns: 200 };

/**
 * The number of window positions, counted one by one: a window of `f` starts
 * at 0, s, 2s, … while it fits in the padded input; with `"same"` one output
 * per stride step over the input.
 */
function countWindows(n: number, f: number, s: number, padding: Padding): number {
  let count = 0;
  if (padding === "same") {
    for (let start = 0; start < n; start += s) count++;
    return count;
  }
  const padded = n + 2 * (padding === "valid" ? 0 : padding);
  for (let start = 0; start + f <= padded; start += s) count++;
  return count;
}

const padding: fc.Arbitrary<Padding> = fc.oneof(
  fc.constantFrom<Padding>("valid", "same"),
  fc.integer({ min: 0, max: 4 }),
);
const stride = fc.integer({ min: 1, max: 5 });

Deno.test("convOutputSize equals the brute-force count of window positions", () => {
  const size = fc.integer({ min: 0, max: 40 });
  const window = fc.integer({ min: 1, max: 9 });
  fc.assert(
    fc.property(size, window, stride, padding, (n, f, s, p) => {
      const count = countWindows(n, f, s, p);
      if (p === "same" || count > 0) {
        assert.equal(convOutputSize(n, f, { stride: s, padding: p }), count);
      } else {
        const padded = n + 2 * (p === "valid" ? 0 : p);
        assert.throws(() => convOutputSize(n, f, { stride: s, padding: p, op: "conv1d" }), {
          name: "ShapeError",
          message: `conv1d: window ${f} is larger than the padded input ${padded}`,
        });
      }
    }),
    { seed: 20261128, numRuns: 1000 },
  );
});

Deno.test("convOutputSize rejects a stride below 1 or not an integer, and bad padding", () => {
  for (const s of [0, -1, 1.5, NaN]) {
    for (const p of ["valid", "same", 1] as const) {
      assert.throws(() => convOutputSize(10, 3, { stride: s, padding: p }), RangeError);
    }
  }
  for (const p of [-1, 0.5, NaN]) {
    assert.throws(
      () => convOutputSize(10, 3, { padding: p, op: "pool2d" }),
      { name: "RangeError", message: /^pool2d: padding must be/ },
    );
  }
  assert.throws(() => convOutputSize(10, 3, { padding: "full" as unknown as Padding }), RangeError);
});

const spatialRank = fc.integer({ min: 1, max: 3 });

Deno.test("convShape is [batch, ...sizes per axis, filters] for 1-D, 2-D and 3-D", () => {
  const input = spatialRank.chain((rank) =>
    fc.record({
      batch: fc.integer({ min: 0, max: 4 }),
      sizes: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: rank, maxLength: rank }),
      windows: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: rank, maxLength: rank }),
      channels: fc.integer({ min: 1, max: 4 }),
      filters: fc.integer({ min: 1, max: 8 }),
      stride: fc.option(stride, { nil: undefined }),
      padding: fc.option(padding, { nil: undefined }),
    })
  );
  fc.assert(
    fc.property(input, ({ batch, sizes, windows, channels, filters, stride, padding }) => {
      const x = [batch, ...sizes, channels];
      const w = [...windows, channels, filters];
      const options = {
        ...(stride === undefined ? {} : { stride }),
        ...(padding === undefined ? {} : { padding }),
      };
      const counts = sizes.map((n, axis) =>
        countWindows(n, windows[axis], stride ?? 1, padding ?? "valid")
      );
      if ((padding ?? "valid") === "same" || counts.every((count) => count > 0)) {
        assert.deepEqual(convShape(x, w, options), [batch, ...counts, filters]);
      } else {
        assert.throws(() => convShape(x, w, options), ShapeError);
      }
    }),
    SETTINGS,
  );
});

Deno.test("convShape rejects a channel mismatch and a filter of the wrong rank", () => {
  fc.assert(
    fc.property(
      spatialRank,
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 3 }),
      (rank, channels, step) => {
        const x = [2, ...Array(rank).fill(8), channels];
        const w = [...Array(rank).fill(3), channels + step, 5];
        assert.throws(() => convShape(x, w), {
          name: "ShapeError",
          message:
            `Cannot conv2d an input of shape [${x.join(", ")}] with a filter of shape [${
              w.join(", ")
            }]: input has ${channels} channels but the filter expects ${channels + step} ` +
            `(axis ${rank} of the filter)`,
        });
        const short = [...Array(rank - 1).fill(3), channels, 5];
        assert.throws(
          () => convShape(x, short, { op: "conv" }),
          new RegExp(`a ${rank}-d input needs a filter of rank ${rank + 2}, got rank ${rank + 1}$`),
        );
      },
    ),
    SETTINGS,
  );
  assert.throws(() => convShape([2, 3], [3, 3]), ShapeError);
});

Deno.test("convShape and pool2dShape pass bad strides and paddings on as RangeError", () => {
  assert.throws(() => convShape([1, 8, 8, 1], [3, 3, 1, 1], { stride: 0 }), RangeError);
  assert.throws(() => convShape([1, 8, 8, 1], [3, 3, 1, 1], { stride: -2 }), RangeError);
  assert.throws(() => convShape([1, 8, 8, 1], [3, 3, 1, 1], { padding: -1 }), RangeError);
  assert.throws(() => pool2dShape([1, 8, 8, 1], { size: 2, stride: 0 }), RangeError);
  assert.throws(() => pool2dShape([1, 8, 8, 1], { size: 2, padding: -1 }), RangeError);
});

Deno.test("pool2dShape: the stride defaults to the window size", () => {
  const input = fc.record({
    batch: fc.integer({ min: 0, max: 3 }),
    height: fc.integer({ min: 0, max: 16 }),
    width: fc.integer({ min: 0, max: 16 }),
    channels: fc.integer({ min: 0, max: 4 }),
    size: fc.integer({ min: 1, max: 4 }),
    stride: fc.option(stride, { nil: undefined }),
    padding: fc.option(padding, { nil: undefined }),
  });
  fc.assert(
    fc.property(input, ({ batch, height, width, channels, size, stride, padding }) => {
      const options = {
        size,
        ...(stride === undefined ? {} : { stride }),
        ...(padding === undefined ? {} : { padding }),
      };
      const step = stride ?? size;
      const pad = padding ?? "valid";
      const counts = [height, width].map((n) => countWindows(n, size, step, pad));
      const x = [batch, height, width, channels];
      if (pad === "same" || counts.every((count) => count > 0)) {
        assert.deepEqual(pool2dShape(x, options), [batch, ...counts, channels]);
      } else {
        assert.throws(() => pool2dShape(x, options), /^ShapeError: pool2d: window/);
      }
    }),
    SETTINGS,
  );
  assert.deepEqual(pool2dShape([2, 24, 24, 6], { size: 2 }), [2, 12, 12, 6]);
  assert.deepEqual(pool2dShape([2, 5, 5, 6], { size: 3, stride: 1 }), [2, 3, 3, 6]);
  assert.throws(
    () => pool2dShape([24, 24, 6], { size: 2 }),
    /must be \[batch, height, width, channels]/,
  );
});

Deno.test("convOutputSize and convShape default to stride 1, valid padding and their op names", () => {
  assert.equal(convOutputSize(28, 5), convOutputSize(28, 5, { stride: 1, padding: "valid" }));
  assert.equal(convOutputSize(28, 5, {}), 24);
  assert.throws(() => convOutputSize(2, 3), {
    name: "ShapeError",
    message: "conv: window 3 is larger than the padded input 2",
  });
  assert.throws(() => convOutputSize(10, 3, { stride: 0 }), {
    name: "RangeError",
    message: "conv: stride must be a positive integer, got 0",
  });
  assert.deepEqual(convShape([2, 28, 28, 1], [5, 5, 1, 6], {}), [2, 24, 24, 6]);
  assert.throws(() => convShape([1, 2, 2, 1], [3, 3, 1, 1]), /^ShapeError: conv2d: window 3/);
  assert.throws(
    () => convShape([1, 2, 1], [3, 1, 1], { op: "conv1d" }),
    /^ShapeError: conv1d: window 3/,
  );
});

Deno.test("paddingAmounts: [p, p] explicit, [0, 0] valid, TensorFlow's split for same", () => {
  const size = fc.integer({ min: 0, max: 40 });
  const window = fc.integer({ min: 1, max: 9 });
  fc.assert(
    fc.property(size, window, stride, fc.nat(4), (n, f, s, p) => {
      assert.deepEqual(paddingAmounts(n, f, { stride: s, padding: p }), [p, p]);
      assert.deepEqual(paddingAmounts(n, f, { stride: s }), [0, 0]);
      assert.deepEqual(paddingAmounts(n, f, { stride: s, padding: "valid" }), [0, 0]);
      const [before, after] = paddingAmounts(n, f, { stride: s, padding: "same" });
      assert.ok(before >= 0 && (after === before || after === before + 1), `${before}, ${after}`);
      // The padded input holds exactly ⌈n/s⌉ windows, the "same" output size.
      let windows = 0;
      for (let start = 0; start + f <= n + before + after; start += s) windows++;
      assert.equal(windows, Math.ceil(n / s));
    }),
    { seed: 20261128, numRuns: 500 },
  );
  assert.deepEqual(paddingAmounts(28, 5), [0, 0]);
  assert.deepEqual(paddingAmounts(28, 5, {}), [0, 0]);
  assert.deepEqual(paddingAmounts(28, 5, { padding: "same" }), [2, 2]);
  assert.deepEqual(paddingAmounts(28, 4, { padding: "same" }), [1, 2]);
  assert.deepEqual(paddingAmounts(28, 3, { stride: 2, padding: "same" }), [0, 1]);
});

Deno.test("the course's worked examples", () => {
  // 39×39×3, 10 filters 3×3 stride 1 valid → 37×37×10.
  const first = convShape([1, 39, 39, 3], [3, 3, 3, 10]);
  assert.deepEqual(first, [1, 37, 37, 10]);
  // 5×5 stride 2, 20 filters → 17×17×20.
  const second = convShape(first, [5, 5, 10, 20], { stride: 2 });
  assert.deepEqual(second, [1, 17, 17, 20]);
  // 5×5 stride 2, 40 filters → 7×7×40 = 1960 features.
  const third = convShape(second, [5, 5, 20, 40], { stride: 2 });
  assert.deepEqual(third, [1, 7, 7, 40]);
  assert.equal(third[1] * third[2] * third[3], 1960);
  // "Same" padding keeps 28 at stride 1, whatever the window.
  for (const f of [1, 3, 5, 7]) assert.equal(convOutputSize(28, f, { padding: "same" }), 28);
  assert.equal(convOutputSize(28, 5, { padding: 2 }), 28);
  // LeNet-5: 32 → conv 5 → 28 → pool 2 → 14 → conv 5 → 10 → pool 2 → 5.
  const c1 = convShape([1, 32, 32, 1], [5, 5, 1, 6]);
  const s2 = pool2dShape(c1, { size: 2 });
  const c3 = convShape(s2, [5, 5, 6, 16]);
  const s4 = pool2dShape(c3, { size: 2 });
  assert.deepEqual([c1, s2, c3, s4].map((shape) => shape[1]), [28, 14, 10, 5]);
  assert.deepEqual(s4, [1, 5, 5, 16]);
});

Deno.test("the course's worked examples, at compile time", () => {
  const first: ConvShape<["B", 39, 39, 3], [3, 3, 3, 10], Record<never, never>> = [
    "B",
    37,
    37,
    10,
  ];
  const second: ConvShape<["B", 37, 37, 10], [5, 5, 10, 20], { stride: 2 }> = ["B", 17, 17, 20];
  const third: ConvShape<["B", 17, 17, 20], [5, 5, 20, 40], { stride: 2 }> = ["B", 7, 7, 40];
  const same: ConvOutputSize<28, 5, 1, "same"> = { ok: 28 };
  const lenet: Pool2dShape<["B", 10, 10, 16], 2> = ["B", 5, 5, 16];
  // @ts-expect-error 39 - 3 + 1 is 37, not 36
  const wrong: ConvShape<["B", 39, 39, 3], [3, 3, 3, 10], Record<never, never>> = ["B", 36, 36, 10];
  // @ts-expect-error the filter expects 4 channels, the input has 3
  const mismatch: ConvShape<["B", 39, 39, 3], [3, 3, 4, 10], Record<never, never>> = [
    "B",
    37,
    37,
    10,
  ];
  assert.deepEqual([first[1], second[1], third[1], same.ok, lenet[1]], [37, 17, 7, 28, 5]);
  assert.ok(wrong && mismatch);
});
