/**
 * `symmetricEigen`: eigenvalues and eigenvectors of a small symmetric matrix
 * by the cyclic Jacobi method.
 *
 * @module
 */
import type { Dim } from "../../core/shape.ts";
import { formatShape } from "../../core/shape.ts";
import { ShapeError } from "../../core/errors.ts";
import type { DType } from "../../core/tensor.ts";
import { Tensor } from "../../core/tensor.ts";

/** The eigen decomposition `A = V·diag(values)·Vᵀ` of a symmetric matrix. */
export interface SymmetricEigen<N extends Dim> {
  /** The eigenvalues, largest first. */
  readonly values: Tensor<[N], "f64">;
  /** The orthonormal eigenvectors as columns: column `j` belongs to `values[j]`. */
  readonly vectors: Tensor<[N, N], "f64">;
}

const MAX_SWEEPS = 100;

/**
 * The eigenvalues (largest first) and orthonormal eigenvectors (columns) of a
 * symmetric `n × n` matrix, by cyclic Jacobi rotations in float64: each
 * rotation zeroes one off-diagonal pair, and sweeps repeat until the
 * off-diagonal part is below 1e-15 of the matrix's norm (at most 100 sweeps;
 * a 3 × 3 needs about 5). Accurate to a few ulps of the largest eigenvalue,
 * and simple: meant for the small matrices of colour statistics, not for
 * large ones (each sweep costs `O(n³)`). Each eigenvector's sign is fixed so
 * that its largest component (the first of equals) is positive. Like
 * `numpy.linalg.eigh`, sorted the other way.
 *
 * @throws {ShapeError} when the matrix is not square.
 * @throws {RangeError} when it is not symmetric (up to 1e-6 of its largest entry) or not finite.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { symmetricEigen } from "./symmetric_eigen.ts";
 * import { tensor } from "../../core/create.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * const { values, vectors } = symmetricEigen(tensor([[2, 1], [1, 2]]));
 * const eigenvalues: Tensor<[2], "f64"> = values;
 * assert.deepEqual(Array.from(eigenvalues.data, (v) => Math.round(v * 1e12) / 1e12), [3, 1]);
 * assert(Math.abs(vectors.data[0] - Math.SQRT1_2) < 1e-15); // (1, 1)/√2 for 3
 * ```
 */
export function symmetricEigen<N extends Dim, D extends DType>(
  matrix: Tensor<[N, N], D>,
): SymmetricEigen<N> {
  const shape = matrix.shape as readonly number[];
  if (shape.length !== 2 || shape[0] !== shape[1]) {
    throw new ShapeError(
      `symmetricEigen: expected a square matrix [n, n], got shape ${formatShape(shape)}`,
    );
  }
  const n = shape[0];
  const a = Float64Array.from(matrix.data);
  checkSymmetric(a, n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) a[i * n + j] = a[j * n + i] = (a[i * n + j] + a[j * n + i]) / 2;
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let norm = 0;
  for (const x of a) norm += x * x;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    if (off <= 1e-30 * norm) break;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) rotate(a, v, n, p, q);
  }
  return sorted(a, v, n);
}

function checkSymmetric(a: Float64Array, n: number): void {
  let largest = 0;
  for (const x of a) {
    if (!Number.isFinite(x)) {
      throw new RangeError(`symmetricEigen: expected finite entries, got ${x}`);
    }
    largest = Math.max(largest, Math.abs(x));
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(a[i * n + j] - a[j * n + i]) > 1e-6 * largest) {
        throw new RangeError(
          `symmetricEigen: expected a symmetric matrix, got a[${i}][${j}] = ${
            a[i * n + j]
          } and a[${j}][${i}] = ${a[j * n + i]}`,
        );
      }
    }
  }
}

/** One Jacobi rotation `A ← JᵀAJ`, `V ← VJ` in the (p, q) plane, zeroing `a[p][q]`. */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q];
  if (apq === 0) return;
  const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
  // t = tan φ, the smaller root of t² + 2θt − 1 = 0 (1/(2θ) once θ² would overflow).
  const t = Math.abs(theta) > 1e150
    ? 1 / (2 * theta)
    : Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p];
    const akq = a[k * n + q];
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k];
    const aqk = a[q * n + k];
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p];
    const vkq = v[k * n + q];
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}

/** The diagonal, largest first, with its columns of `v`, each signed so its largest entry is positive. */
function sorted<N extends Dim>(a: Float64Array, v: Float64Array, n: number): SymmetricEigen<N> {
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) =>
    a[j * n + j] - a[i * n + i] || i - j
  );
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    values[to] = a[from * n + from];
    let pivot = 0;
    for (let k = 1; k < n; k++) {
      if (Math.abs(v[k * n + from]) > Math.abs(v[pivot * n + from])) pivot = k;
    }
    const sign = v[pivot * n + from] < 0 ? -1 : 1;
    for (let k = 0; k < n; k++) vectors[k * n + to] = sign * v[k * n + from];
  });
  return {
    values: new Tensor<[N], "f64">([n], "f64", values),
    vectors: new Tensor<[N, N], "f64">([n, n], "f64", vectors),
  };
}
