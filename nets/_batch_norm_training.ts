/**
 * Batch norm's training pass as one recorded op: statistics, normalisation
 * and the affine map in three loops over the batch, and the gradient in two,
 * instead of a dozen broadcast ops and their rules.
 *
 * @module
 */
import type { AnyTensor, DataOf, DType } from "../core/tensor.ts";
import { allocate, Tensor } from "../core/tensor.ts";
import type { VJPRule } from "../core/trace.ts";
import { isTraced, record } from "../core/trace.ts";
import { add } from "../ops/add.ts";
import { div } from "../ops/div.ts";
import { mean } from "../ops/mean.ts";
import { mul } from "../ops/mul.ts";
import { sqrt } from "../ops/sqrt.ts";
import { square } from "../ops/square.ts";
import { sub } from "../ops/sub.ts";
import { sum } from "../ops/sum.ts";

/** The normalised output and the batch statistics (biased variance), per feature. */
export interface BatchNormTraining {
  readonly output: AnyTensor;
  readonly mean: AnyTensor;
  readonly variance: AnyTensor;
}

function tensorOf<D extends DType>(shape: readonly number[], dtype: D, values: ArrayLike<number>) {
  const data = allocate(dtype, values.length) as DataOf<D>;
  data.set(values);
  return new Tensor(shape, dtype, data);
}

/**
 * `γ·(x − μ)/√(σ² + ε) + β` over every axis of `x` but the last, where μ and
 * σ² (biased) are the batch's per-feature mean and variance, which it also
 * returns. Recorded as one op with inputs `x`, `γ`, `β`: its rule is two
 * fused loops (`dβ = Σg`, `dγ = Σg·x̂`, `dx = γ/(Nσ̂)·(N·g − dβ − x̂·dγ)`)
 * when nothing records the backward pass, and the same formulas in ops
 * (which differentiate again) under an outer transform. Statistics are
 * summed in float64 for either dtype.
 */
export function batchNormTraining(
  x: AnyTensor,
  gamma: AnyTensor,
  beta: AnyTensor,
  epsilon: number,
): BatchNormTraining {
  const features = gamma.size;
  const count = x.size / features;
  const values = x.data;
  const mu = new Float64Array(features);
  for (let i = 0; i < x.size; i += features) {
    for (let c = 0; c < features; c++) mu[c] += values[i + c];
  }
  for (let c = 0; c < features; c++) mu[c] /= count;
  const variance = new Float64Array(features);
  for (let i = 0; i < x.size; i += features) {
    for (let c = 0; c < features; c++) variance[c] += (values[i + c] - mu[c]) ** 2;
  }
  const inverse = new Float64Array(features);
  for (let c = 0; c < features; c++) {
    variance[c] /= count;
    inverse[c] = 1 / Math.sqrt(variance[c] + epsilon);
  }
  // y = x·scale + shift per feature, scale = γ/σ̂ and shift = β − μ·scale.
  const scale = new Float64Array(features);
  const shift = new Float64Array(features);
  for (let c = 0; c < features; c++) {
    scale[c] = gamma.data[c] * inverse[c];
    shift[c] = beta.data[c] - mu[c] * scale[c];
  }
  const out = allocate(x.dtype, x.size);
  for (let i = 0; i < x.size; i += features) {
    for (let c = 0; c < features; c++) out[i + c] = values[i + c] * scale[c] + shift[c];
  }
  const shape = x.shape as readonly number[];
  const stats = {
    mean: tensorOf([features], x.dtype, mu),
    variance: tensorOf([features], x.dtype, variance),
  };
  const output = new Tensor(shape, x.dtype, out);
  if (!isTraced([x, gamma, beta])) return { output, ...stats };
  const rule: VJPRule = (g, [x, gamma], _output, needed) => {
    if (isTraced([g, x, gamma])) return opsRule(g, x, gamma, epsilon, needed);
    const [dy, values] = [g.data, x.data];
    const dBeta = new Float64Array(features);
    const dGamma = new Float64Array(features);
    for (let i = 0; i < x.size; i += features) {
      for (let c = 0; c < features; c++) {
        dBeta[c] += dy[i + c];
        dGamma[c] += dy[i + c] * (values[i + c] - mu[c]) * inverse[c];
      }
    }
    let dx: AnyTensor | null = null;
    if (needed[0]) {
      // dx = γ/(N·σ̂)·(N·g − dβ − x̂·dγ), with x̂ = (x − μ)/σ̂.
      const data = allocate(x.dtype, x.size);
      const factor = new Float64Array(features);
      for (let c = 0; c < features; c++) factor[c] = gamma.data[c] * inverse[c] / count;
      for (let i = 0; i < x.size; i += features) {
        for (let c = 0; c < features; c++) {
          const normalised = (values[i + c] - mu[c]) * inverse[c];
          data[i + c] = factor[c] * (count * dy[i + c] - dBeta[c] - normalised * dGamma[c]);
        }
      }
      dx = new Tensor(shape, x.dtype, data);
    }
    return [
      dx,
      needed[1] ? tensorOf([features], x.dtype, dGamma) : null,
      needed[2] ? tensorOf([features], x.dtype, dBeta) : null,
    ];
  };
  return { output: record("batchNorm", output, [x, gamma, beta], rule), ...stats };
}

/** The rule in ops, for a backward pass that an outer transform records. */
function opsRule(
  g: AnyTensor,
  x: AnyTensor,
  gamma: AnyTensor,
  epsilon: number,
  needed: readonly boolean[],
): (AnyTensor | null)[] {
  const axes = (x.shape as readonly number[]).slice(0, -1).map((_, axis) => axis);
  const count = x.size / gamma.size;
  const centered = sub(x, mean(x, { axis: axes })) as AnyTensor;
  const inverse = div(1, sqrt(add(mean(square(centered), { axis: axes }), epsilon))) as AnyTensor;
  const normalised = mul(centered, inverse) as AnyTensor;
  const dBeta = sum(g, { axis: axes }) as AnyTensor;
  const dGamma = sum(mul(g, normalised), { axis: axes }) as AnyTensor;
  const dx = needed[0]
    ? mul(
      div(mul(gamma, inverse), count),
      sub(sub(mul(g, count), dBeta), mul(normalised, dGamma)),
    ) as AnyTensor
    : null;
  return [dx, needed[1] ? dGamma : null, needed[2] ? dBeta : null];
}
