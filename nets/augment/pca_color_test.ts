import assert from "node:assert/strict";
import { fromArray, zeros } from "../../core/create.ts";
import { key, normalArray } from "../../core/random.ts";
import { randomNormal, randomUniform } from "../../core/sample.ts";
import { ShapeError } from "../../core/errors.ts";
import { fitPcaColor } from "./fit_pca_color.ts";
import { pcaColor } from "./pca_color.ts";
import type { PcaColor } from "./fit_pca_color.ts";

/** A 3 × 3 matrix as rows. */
const rows = (data: Float64Array, n = 3) =>
  Array.from({ length: n }, (_, i) => Array.from(data.slice(i * n, i * n + n)));

Deno.test("fitPcaColor: the covariance of the pixels, and V·diag(λ)·Vᵀ reconstructs it", () => {
  // Correlated channels: c1 = z1, c2 = z1 + 0.5·z2, c3 = 0.1·z3 − z1, with z ~ N(0, 1).
  const n = 2000;
  const z = randomNormal(key(0), [n, 3], { dtype: "f64" }).data;
  const pixels = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    pixels[3 * i] = z[3 * i];
    pixels[3 * i + 1] = z[3 * i] + 0.5 * z[3 * i + 1];
    pixels[3 * i + 2] = 0.1 * z[3 * i + 2] - z[3 * i];
  }
  const images = fromArray(pixels, [20, 10, 10, 3]);
  const pca = fitPcaColor(images);
  // The covariance by the textbook formula E[xy] − E[x]E[y], over all 2000 pixels.
  const mean = [0, 1, 2].map((c) =>
    pixels.filter((_, i) => i % 3 === c).reduce((a, b) => a + b) / n
  );
  assert.deepEqual(Array.from(pca.mean.data).map((m, c) => Math.abs(m - mean[c]) < 1e-14), [
    true,
    true,
    true,
  ]);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let product = 0;
      for (let p = 0; p < n; p++) product += pixels[3 * p + i] * pixels[3 * p + j];
      const expected = product / n - mean[i] * mean[j];
      assert(Math.abs(pca.covariance.data[3 * i + j] - expected) < 1e-12, `cov[${i}][${j}]`);
    }
  }
  const { values, vectors, covariance } = pca;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let sum = 0;
      for (let k = 0; k < 3; k++) {
        sum += vectors.data[3 * i + k] * values.data[k] * vectors.data[3 * j + k];
      }
      assert(Math.abs(sum - covariance.data[3 * i + j]) < 1e-14, `${rows(covariance.data)}`);
    }
  }
  // The population values: cov = [[1, 1, −1], [1, 1.25, −1], [−1, −1, 1.01]]; the
  // largest eigenvalue ≈ 3.17 along ≈ (1, 1.1, −1)/√3.2; sampling error ~ 1/√n ≈ 2 %.
  assert(values.data[0] > 3 && values.data[0] < 3.35, `λ₁ = ${values.data[0]}`);
  assert(values.data[0] > values.data[1] && values.data[1] > values.data[2] && values.data[2] > 0);
});

Deno.test("pcaColor: the documented shift Σⱼ std·αⱼ·√λⱼ·vⱼ, the same at every pixel", () => {
  const images = randomUniform(key(1), [5, 4, 3, 3], { dtype: "f64" });
  const pca = fitPcaColor(images);
  const out = pcaColor(key(2), images, pca, { std: 0.3 });
  const alphas = normalArray(key(2), 15, { dtype: "f64" });
  for (let i = 0; i < images.size; i++) {
    const b = Math.floor(i / 36);
    const c = i % 3;
    let shift = 0;
    for (let j = 0; j < 3; j++) {
      shift += 0.3 * alphas[3 * b + j] * Math.sqrt(pca.values.data[j]) *
        pca.vectors.data[3 * c + j];
    }
    assert(Math.abs(out.data[i] - images.data[i] - shift) < 1e-15, `element ${i}`);
  }
  assert.deepEqual(pcaColor(key(2), images, pca, { std: 0.3 }).data, out.data);
  assert.notDeepEqual(pcaColor(key(3), images, pca, { std: 0.3 }).data, out.data);
  assert.deepEqual(pcaColor(key(2), images, pca, { std: 0 }).data, images.data);
});

Deno.test("pcaColor: over many images the shifts have covariance std² · Σ", () => {
  // Σ from correlated data; n = 2·10⁴ one-pixel images give shift covariance estimates
  // whose standard error is ≤ std²·√(2/n)·λ₁ = 1 % of std²·λ₁. Allow 5 %.
  const data = randomUniform(key(4), [500, 2, 2, 3], { dtype: "f64" }).data.map((v, i) =>
    i % 3 === 2 ? v * 0.2 : v
  );
  const source = fromArray(data, [500, 2, 2, 3]);
  const pca = fitPcaColor(source);
  const n = 20000;
  const std = 0.1;
  const shifts = pcaColor(key(5), zeros([n, 1, 1, 3], { dtype: "f64" }), pca, { std }).data;
  const largest = pca.values.data[0];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let sum = 0;
      for (let p = 0; p < n; p++) sum += shifts[3 * p + i] * shifts[3 * p + j];
      const expected = std * std * pca.covariance.data[3 * i + j];
      assert(Math.abs(sum / n - expected) < 0.05 * std * std * largest, `cov[${i}][${j}]`);
    }
  }
});

Deno.test("pcaColor and fitPcaColor: mismatched channels, empty sets, bad std", () => {
  const pca = fitPcaColor(randomUniform(key(6), [2, 2, 2, 3]));
  assert.throws(
    () => pcaColor(key(0), zeros([1, 2, 2, 4]), pca as PcaColor<number>),
    new ShapeError(
      "pcaColor: expected colour statistics for 4 channels, got eigenvalues of shape [3] and " +
        "eigenvectors of shape [3, 3]",
    ),
  );
  assert.throws(
    () => pcaColor(key(0), zeros([1, 2, 2, 3]), pca, { std: -0.1 }),
    new RangeError("pcaColor: std must be a finite number >= 0, got -0.1"),
  );
  assert.throws(
    () => fitPcaColor(zeros([0, 4, 4, 3])),
    new ShapeError("fitPcaColor: expected at least one pixel, got 0 images of 4 × 4"),
  );
});
