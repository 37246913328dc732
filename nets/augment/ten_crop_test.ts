import assert from "node:assert/strict";
import { fromArray, ones } from "../../core/create.ts";
import { ShapeError } from "../../core/errors.ts";
import { tenCrop } from "./ten_crop.ts";

Deno.test("tenCrop: corners, centre and their mirrors of a 4 × 5 image, two channels, two images", () => {
  // Image 0 holds 10·row + column in channel 0 and its negative in channel 1; image 1 adds 100.
  const data: number[] = [];
  for (let b = 0; b < 2; b++) {
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 5; x++) data.push(100 * b + 10 * y + x, -(100 * b + 10 * y + x));
    }
  }
  const crops = tenCrop(fromArray(data, [2, 4, 5, 2]), [2, 2]);
  assert.equal(crops.length, 10);
  const channel0 = (i: number, b: number) =>
    Array.from(crops[i].data.filter((_, k) => k % 2 === 0).slice(4 * b, 4 * b + 4));
  const expected = [
    [0, 1, 10, 11], // top-left
    [3, 4, 13, 14], // top-right
    [20, 21, 30, 31], // bottom-left
    [23, 24, 33, 34], // bottom-right
    [11, 12, 21, 22], // centre: rows ⌊2/2⌋ = 1…2, columns ⌊3/2⌋ = 1…2
    [1, 0, 11, 10],
    [4, 3, 14, 13],
    [21, 20, 31, 30],
    [24, 23, 34, 33],
    [12, 11, 22, 21],
  ];
  expected.forEach((values, i) => {
    assert.deepEqual(crops[i].shape, [2, 2, 2, 2]);
    assert.deepEqual(channel0(i, 0), values, `crop ${i}, image 0`);
    assert.deepEqual(channel0(i, 1), values.map((v) => v + 100), `crop ${i}, image 1`);
    // Channels travel with their pixel.
    crops[i].data.forEach((v, k) => k % 2 === 1 && assert.equal(v, -crops[i].data[k - 1]));
  });
});

Deno.test("tenCrop: a full-size crop gives the image five times and its mirror five times", () => {
  const image = fromArray([1, 2, 3, 4, 5, 6], [1, 2, 3, 1]);
  const crops = tenCrop(image, [2, 3]);
  for (let i = 0; i < 5; i++) assert.deepEqual(Array.from(crops[i].data), [1, 2, 3, 4, 5, 6]);
  for (let i = 5; i < 10; i++) assert.deepEqual(Array.from(crops[i].data), [3, 2, 1, 6, 5, 4]);
});

Deno.test("tenCrop: crops larger than the image are a ShapeError", () => {
  assert.throws(
    () => tenCrop(ones([1, 4, 4, 3]), [5, 2]),
    new ShapeError("tenCrop: expected a crop of at most 4 × 4 (the images' size), got size [5, 2]"),
  );
});
