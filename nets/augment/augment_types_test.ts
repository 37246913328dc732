/**
 * Compile-time tests of the augmentations' shapes; `deno check` runs them.
 *
 * @module
 */
import { expectType } from "../../core/_type_assert.ts";
import type { Equal } from "../../core/_type_assert.ts";
import { key } from "../../core/random.ts";
import { zeros } from "../../core/create.ts";
import type { Tensor } from "../../core/tensor.ts";
import { randomFlip } from "./random_flip.ts";
import { randomCrop } from "./random_crop.ts";
import { colorShift } from "./color_shift.ts";
import { fitPcaColor } from "./fit_pca_color.ts";
import { pcaColor } from "./pca_color.ts";
import { tenCrop } from "./ten_crop.ts";
import { augment } from "./augment.ts";

const k = key(0);
const cifar = zeros([8, 32, 32, 3]);
const symbolic = zeros([8, 32, 32, 3]) as unknown as Tensor<["B", 32, 32, 3], "f64">;

expectType<Equal<typeof cifar, Tensor<[8, 32, 32, 3]>>>();
const litFlip = randomFlip(k, cifar);
expectType<Equal<typeof litFlip, Tensor<[8, 32, 32, 3]>>>();
const flipped = randomFlip(k, symbolic);
expectType<Equal<typeof flipped, Tensor<["B", 32, 32, 3], "f64">>>();
const shifted = colorShift(k, symbolic, { maxShift: 0.1 });
expectType<Equal<typeof shifted, Tensor<["B", 32, 32, 3], "f64">>>();

const cropped = randomCrop(k, symbolic, { size: [24, 28], padding: 4 });
expectType<Equal<typeof cropped, Tensor<["B", 24, 28, 3], "f64">>>();

const pca = fitPcaColor(cifar);
expectType<Equal<typeof pca.vectors, Tensor<[3, 3], "f64">>>();
const lit = pcaColor(k, cifar, pca);
expectType<Equal<typeof lit, Tensor<[8, 32, 32, 3]>>>();

const crops = tenCrop(symbolic, [28, 28]);
expectType<Equal<typeof crops[9], Tensor<["B", 28, 28, 3], "f64">>>();
expectType<Equal<typeof crops["length"], 10>>();

const pipeline = augment(k, symbolic, [{ kind: "flip" }, { kind: "crop", size: [24, 24] }]);
expectType<Equal<typeof pipeline, Tensor<["B", 24, 24, 3], "f64">>>();

export function rejected(): void {
  // @ts-expect-error the augmentations take NHWC batches (rank 4) only
  randomFlip(k, zeros([8, 784]));
  // @ts-expect-error a crop needs a [height, width] size
  randomCrop(k, cifar, { size: [24] });
  // @ts-expect-error colour statistics of 3 channels do not fit 1-channel images
  pcaColor(k, zeros([8, 28, 28, 1]), pca);
  // @ts-expect-error unknown pipeline steps do not compile
  augment(k, cifar, [{ kind: "rotate" }]);
}
