import assert from "node:assert/strict";
import { foldIn, key } from "../../core/random.ts";
import { randomUniform } from "../../core/sample.ts";
import type { Tensor } from "../../core/tensor.ts";
import { augment } from "./augment.ts";
import type { AugmentStep } from "./augment.ts";
import { randomFlip } from "./random_flip.ts";
import { randomCrop } from "./random_crop.ts";
import { colorShift } from "./color_shift.ts";
import { pcaColor } from "./pca_color.ts";
import { fitPcaColor } from "./fit_pca_color.ts";

Deno.test("augment runs each step with foldIn(key, index), in order", () => {
  const images = randomUniform(key(0), [6, 8, 8, 3]);
  const pca = fitPcaColor(images);
  const out = augment(key(1), images, [
    { kind: "crop", size: [6, 5], padding: 1 },
    { kind: "flip", vertical: true },
    { kind: "colorShift", maxShift: 0.1 },
    { kind: "pcaColor", pca, std: 0.2 },
  ]);
  const byHand = pcaColor(
    foldIn(key(1), 3),
    colorShift(
      foldIn(key(1), 2),
      randomFlip(
        foldIn(key(1), 1),
        randomCrop(foldIn(key(1), 0), images, {
          size: [6, 5],
          padding: 1,
        }),
        { vertical: true },
      ),
      { maxShift: 0.1 },
    ),
    pca,
    { std: 0.2 },
  );
  assert.deepEqual(out.shape, [6, 6, 5, 3]);
  assert.deepEqual(out.data, byHand.data);
});

Deno.test("augment: no steps copy nothing; an unknown kind is a TypeError", () => {
  const images = randomUniform(key(0), [2, 2, 2, 1]);
  assert.equal(augment(key(0), images, []), images);
  assert.throws(
    () => augment(key(0), images, [{ kind: "rotate" } as unknown as AugmentStep]),
    new TypeError(
      'augment: step 0 must have kind "flip", "crop", "colorShift" or "pcaColor", got "rotate"',
    ),
  );
});

Deno.test("augment: steps built at run time keep batch and channels in the type", () => {
  const steps: AugmentStep[] = [{ kind: "crop", size: [3, 3] }];
  const out: Tensor<[4, number, number, 2]> = augment(
    key(0),
    randomUniform(key(1), [4, 5, 5, 2]),
    steps,
  );
  assert.deepEqual(out.shape, [4, 3, 3, 2]);
});
