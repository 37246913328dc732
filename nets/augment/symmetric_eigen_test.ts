import assert from "node:assert/strict";
import * as math from "mathjs";
import fc from "fast-check";
import { fromArray, tensor } from "../../core/create.ts";
import { ShapeError } from "../../core/errors.ts";
import type { Tensor } from "../../core/tensor.ts";
import { symmetricEigen } from "./symmetric_eigen.ts";

type Matrix = Tensor<[number, number], "f64">;

function symmetric(entries: number[], n: number): Matrix {
  const a = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = entries[k++];
  }
  return fromArray(a, [n, n]);
}

/** max |V·diag(λ)·Vᵀ − A| and max |VᵀV − I|. */
function residuals(a: Matrix, values: Float64Array, vectors: Float64Array): [number, number] {
  const n = a.shape[0];
  let reconstruction = 0;
  let orthogonality = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let product = 0;
      let gram = 0;
      for (let k = 0; k < n; k++) {
        product += vectors[i * n + k] * values[k] * vectors[j * n + k];
        gram += vectors[k * n + i] * vectors[k * n + j];
      }
      reconstruction = Math.max(reconstruction, Math.abs(product - a.data[i * n + j]));
      orthogonality = Math.max(orthogonality, Math.abs(gram - (i === j ? 1 : 0)));
    }
  }
  return [reconstruction, orthogonality];
}

Deno.test("symmetricEigen agrees with mathjs eigs on random symmetric matrices", () => {
  // Entries in [−10, 10]: float64 Jacobi and mathjs's QR both give eigenvalues to a few
  // ulps of the norm (≤ 30 here), so 1e-11 leaves room for both. Eigenvectors are compared
  // up to sign, only where the eigenvalue's nearest neighbour is 1e-3 away or more (the
  // error in a vector grows like ulp · norm / gap).
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }).chain((n) =>
        fc.tuple(
          fc.constant(n),
          fc.array(fc.double({ min: -10, max: 10, noNaN: true }), {
            minLength: (n * (n + 1)) / 2,
            maxLength: (n * (n + 1)) / 2,
          }),
        )
      ),
      ([n, entries]) => {
        const a = symmetric(entries, n);
        const { values, vectors } = symmetricEigen(a);
        const rows = Array.from(
          { length: n },
          (_, i) => Array.from(a.data.slice(i * n, i * n + n)),
        );
        const oracle = math.eigs(rows);
        const expected = (oracle.eigenvectors as { value: number; vector: number[] }[])
          .map(({ value, vector }) => ({ value, vector }))
          .sort((p, q) => q.value - p.value);
        for (let j = 0; j < n; j++) {
          assert(Math.abs(values.data[j] - expected[j].value) < 1e-11, `value ${j}`);
          const gap = Math.min(
            ...expected.filter((_, k) => k !== j).map((e) => Math.abs(e.value - expected[j].value)),
          );
          if (gap < 1e-3) continue;
          const norm = Math.hypot(...expected[j].vector);
          let dot = 0;
          for (let k = 0; k < n; k++) dot += vectors.data[k * n + j] * expected[j].vector[k] / norm;
          assert(Math.abs(Math.abs(dot) - 1) < 1e-9, `vector ${j}: |cos| = ${Math.abs(dot)}`);
        }
        const [reconstruction, orthogonality] = residuals(a, values.data, vectors.data);
        // ‖A‖ ≤ 6 · 10; a few hundred ulps of it.
        assert(reconstruction < 60 * 1e-13, `reconstruction ${reconstruction}`);
        assert(orthogonality < 1e-13, `orthogonality ${orthogonality}`);
      },
    ),
    { seed: 42, numRuns: 200 },
  );
});

Deno.test("symmetricEigen: exact small cases, sorted, signed, degenerate", () => {
  const diagonal = symmetricEigen(tensor([[1, 0, 0], [0, 3, 0], [0, 0, 2]], { dtype: "f64" }));
  assert.deepEqual(Array.from(diagonal.values.data), [3, 2, 1]);
  assert.deepEqual(Array.from(diagonal.vectors.data), [0, 0, 1, 1, 0, 0, 0, 1, 0]);
  // A negative definite matrix: the eigenvectors are still signed by their largest entry.
  const negative = symmetricEigen(tensor([[-2, 0], [0, -1]]));
  assert.deepEqual(Array.from(negative.values.data), [-1, -2]);
  assert.deepEqual(Array.from(negative.vectors.data), [0, 1, 1, 0]);
  // A repeated eigenvalue: any orthonormal basis of its space will do.
  const identity = symmetricEigen(tensor([[5, 0], [0, 5]]));
  assert.deepEqual(Array.from(identity.values.data), [5, 5]);
  const one = symmetricEigen(tensor([[7]]));
  assert.deepEqual([one.values.data[0], one.vectors.data[0]], [7, 1]);
  assert.deepEqual(symmetricEigen(fromArray([], [0, 0])).values.shape, [0]);
});

Deno.test("symmetricEigen: a tiny off-diagonal entry (θ² would overflow) still converges", () => {
  const a = symmetric([1, 1e-160, 2], 2);
  const { values, vectors } = symmetricEigen(a);
  assert.deepEqual(Array.from(values.data), [2, 1]);
  const [reconstruction, orthogonality] = residuals(a, values.data, vectors.data);
  assert(reconstruction < 1e-15 && orthogonality < 1e-15);
});

Deno.test("symmetricEigen: non-square, non-symmetric and non-finite matrices are errors", () => {
  assert.throws(
    () => symmetricEigen(fromArray([1, 2, 3, 4, 5, 6], [2, 3]) as unknown as Matrix),
    new ShapeError("symmetricEigen: expected a square matrix [n, n], got shape [2, 3]"),
  );
  assert.throws(
    () => symmetricEigen(tensor([[1, 2], [3, 4]])),
    new RangeError("symmetricEigen: expected a symmetric matrix, got a[0][1] = 2 and a[1][0] = 3"),
  );
  assert.throws(() => symmetricEigen(tensor([[1, NaN], [NaN, 1]])), RangeError);
});
