import assert from "node:assert/strict";
import { key, split } from "../../core/random.ts";
import { randomNormal } from "../../core/sample.ts";
import type { Tensor } from "../../core/tensor.ts";
import { slice } from "../../ops/slice.ts";
import { slidingWindows } from "./sliding_windows.ts";

Deno.test("slidingWindows: on 16×16×3 the convolutional form equals the classifier on 4 crops", () => {
  const { classifier, convolutional, toConvolutional } = slidingWindows({ dtype: "f64" });
  const [kp, kx] = split(key(13));
  const params = classifier.init(kp);
  const image = randomNormal(kx, [2, 16, 16, 3], { dtype: "f64" });
  const map: Tensor<[2, 2, 2, 4], "f64"> = convolutional.apply(toConvolutional(params), image);
  // The crops start every 2 pixels: the max pool's stride.
  for (const i of [0, 1]) {
    for (const j of [0, 1]) {
      const crop = slice(image, [0, 2 * i, 2 * j, 0], [2, 14, 14, 3]);
      const logits: Tensor<[2, 4], "f64"> = classifier.apply(params, crop);
      for (let b = 0; b < 2; b++) {
        for (let c = 0; c < 4; c++) {
          const fromMap = map.data[((b * 2 + i) * 2 + j) * 4 + c];
          // The same sums in another order: equal to float64 rounding.
          assert(Math.abs(fromMap - logits.data[b * 4 + c]) < 1e-10, `crop (${i}, ${j})`);
        }
      }
    }
  }
});

Deno.test("slidingWindows: on 14×14×3 the convolutional form is the classifier", () => {
  const { classifier, convolutional, toConvolutional } = slidingWindows({ dtype: "f64" });
  const params = classifier.init(key(14));
  const window = randomNormal(key(15), [1, 14, 14, 3], { dtype: "f64" });
  const single: Tensor<[1, 1, 1, 4], "f64"> = convolutional.apply(toConvolutional(params), window);
  const logits = classifier.apply(params, window);
  single.data.forEach((value, index) => assert(Math.abs(value - logits.data[index]) < 1e-10));
  assert.deepEqual(convolutional.outputShape([28, 28, 3]), [8, 8, 4]);
});
