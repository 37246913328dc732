/**
 * The plain-TypeScript kernels: simple, obviously correct loops; the oracle
 * that faster kernels are tested against.
 *
 * @module
 */
import type { Backend, BinaryKind, Buffer, ReduceKind, UnaryKind } from "./backend.ts";
import { sizeOf, stridesOf } from "../shape.ts";
import { forEachWindowCell } from "./_window.ts";
import { referenceMatmul } from "./_reference_matmul.ts";

/** Strides of `from` as seen from a broadcast shape `to` (0 on stretched axes). */
function broadcastStrides(from: readonly number[], to: readonly number[]): number[] {
  const strides = stridesOf(from);
  const offset = to.length - from.length;
  return to.map((_, axis) =>
    axis < offset || from[axis - offset] === 1 ? 0 : strides[axis - offset]
  );
}

/** Calls `visit(outIndex, sourceOffset)` for each element of `to`, in row-major order. */
function forEachOffset(
  to: readonly number[],
  strides: readonly number[],
  visit: (index: number, offset: number) => void,
): void {
  const size = sizeOf(to);
  const rank = to.length;
  const counter = new Array<number>(rank).fill(0);
  let offset = 0;
  for (let index = 0; index < size; index++) {
    visit(index, offset);
    for (let axis = rank - 1; axis >= 0; axis--) {
      counter[axis]++;
      offset += strides[axis];
      if (counter[axis] < to[axis]) break;
      offset -= strides[axis] * to[axis];
      counter[axis] = 0;
    }
  }
}

function transpose(
  x: Buffer,
  shape: readonly number[],
  perm: readonly number[],
  out: Buffer,
): void {
  const strides = stridesOf(shape);
  const outShape = perm.map((axis) => shape[axis]);
  const permuted = perm.map((axis) => strides[axis]);
  forEachOffset(outShape, permuted, (index, offset) => {
    out[index] = x[offset];
  });
}

function broadcastTo(x: Buffer, from: readonly number[], to: readonly number[], out: Buffer): void {
  forEachOffset(to, broadcastStrides(from, to), (index, offset) => {
    out[index] = x[offset];
  });
}

function concat(
  parts: readonly Buffer[],
  shapes: readonly (readonly number[])[],
  axis: number,
  out: Buffer,
): void {
  const outer = sizeOf(shapes[0].slice(0, axis));
  const chunks = shapes.map((shape) => sizeOf(shape.slice(axis)));
  const row = chunks.reduce((total, chunk) => total + chunk, 0);
  for (let o = 0; o < outer; o++) {
    let at = o * row;
    for (let p = 0; p < parts.length; p++) {
      const chunk = chunks[p];
      out.set(parts[p].subarray(o * chunk, (o + 1) * chunk), at);
      at += chunk;
    }
  }
}

/** The sizes every windowed kernel needs, for an input and output laid out `[batch, ...spatial, channels]`. */
function windowLayout(xShape: readonly number[], outShape: readonly number[]) {
  const inSpatial = xShape.slice(1, -1);
  const outSpatial = outShape.slice(1, -1);
  const cIn = xShape[xShape.length - 1];
  const cOut = outShape[outShape.length - 1];
  return {
    inSpatial,
    outSpatial,
    cIn,
    cOut,
    inSize: sizeOf(inSpatial) * cIn,
    outSize: sizeOf(outSpatial) * cOut,
  };
}

function conv(
  x: Buffer,
  xShape: readonly number[],
  w: Buffer,
  wShape: readonly number[],
  stride: number,
  padBefore: readonly number[],
  outShape: readonly number[],
  out: Buffer,
): void {
  const batch = xShape[0];
  const { inSpatial, outSpatial, cIn, cOut, inSize, outSize } = windowLayout(xShape, outShape);
  out.fill(0);
  for (let b = 0; b < batch; b++) {
    const xBase = b * inSize;
    const outBase = b * outSize;
    forEachWindowCell(inSpatial, outSpatial, wShape.slice(0, -2), stride, padBefore, (o, i, k) => {
      for (let c = 0; c < cIn; c++) {
        const value = x[xBase + i * cIn + c];
        const wRow = (k * cIn + c) * cOut;
        const outRow = outBase + o * cOut;
        for (let f = 0; f < cOut; f++) out[outRow + f] += value * w[wRow + f];
      }
    });
  }
}

function pool(
  kind: "max" | "avg",
  x: Buffer,
  xShape: readonly number[],
  window: readonly number[],
  stride: number,
  padBefore: readonly number[],
  outShape: readonly number[],
  out: Buffer,
): void {
  const batch = xShape[0];
  const { inSpatial, outSpatial, cIn: channels, inSize } = windowLayout(xShape, outShape);
  const outPositions = sizeOf(outSpatial);
  const counts = new Float64Array(outPositions);
  out.fill(kind === "max" ? -Infinity : 0);
  for (let b = 0; b < batch; b++) {
    const xBase = b * inSize;
    const outBase = b * outPositions * channels;
    forEachWindowCell(inSpatial, outSpatial, window, stride, padBefore, (o, i) => {
      if (b === 0) counts[o]++;
      for (let c = 0; c < channels; c++) {
        const value = x[xBase + i * channels + c];
        const at = outBase + o * channels + c;
        out[at] = kind === "max" ? Math.max(out[at], value) : out[at] + value;
      }
    });
  }
  if (kind === "avg") {
    for (let b = 0; b < batch; b++) {
      for (let o = 0; o < outPositions; o++) {
        for (let c = 0; c < channels; c++) out[(b * outPositions + o) * channels + c] /= counts[o];
      }
    }
  }
}

function unary(kind: UnaryKind, x: Buffer, out: Buffer): void {
  const n = x.length;
  switch (kind) {
    case "neg":
      for (let i = 0; i < n; i++) out[i] = -x[i];
      return;
    case "exp":
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]);
      return;
    case "log":
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]);
      return;
    case "sqrt":
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]);
      return;
    case "square":
      for (let i = 0; i < n; i++) out[i] = x[i] * x[i];
      return;
    case "abs":
      for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]);
      return;
    case "sign":
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? 1 : x[i] < 0 ? -1 : x[i] === 0 ? 0 : NaN;
      return;
    case "sigmoid":
      // Two branches so that exp never overflows: 1/(1+e^-x) for x ≥ 0, e^x/(1+e^x) below.
      for (let i = 0; i < n; i++) {
        const v = x[i];
        if (v >= 0) out[i] = 1 / (1 + Math.exp(-v));
        else {
          const e = Math.exp(v);
          out[i] = e / (1 + e);
        }
      }
      return;
    case "tanh":
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]);
      return;
    case "relu":
      // NaN stays NaN (as in PyTorch and JAX): only a number ≤ 0 becomes 0.
      for (let i = 0; i < n; i++) out[i] = x[i] <= 0 ? 0 : x[i];
      return;
    case "step":
      for (let i = 0; i < n; i++) out[i] = x[i] > 0 ? 1 : 0;
      return;
  }
}

function binary(kind: BinaryKind, a: Buffer, b: Buffer, out: Buffer): void {
  const n = out.length;
  switch (kind) {
    case "add":
      for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
      return;
    case "sub":
      for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
      return;
    case "mul":
      for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
      return;
    case "div":
      for (let i = 0; i < n; i++) out[i] = a[i] / b[i];
      return;
    case "pow":
      for (let i = 0; i < n; i++) out[i] = Math.pow(a[i], b[i]);
      return;
    case "maximum":
      for (let i = 0; i < n; i++) out[i] = a[i] >= b[i] ? a[i] : b[i] > a[i] ? b[i] : NaN;
      return;
    case "minimum":
      for (let i = 0; i < n; i++) out[i] = a[i] <= b[i] ? a[i] : b[i] < a[i] ? b[i] : NaN;
      return;
    case "greater":
      for (let i = 0; i < n; i++) out[i] = a[i] > b[i] ? 1 : 0;
      return;
    case "greaterEqual":
      for (let i = 0; i < n; i++) out[i] = a[i] >= b[i] ? 1 : 0;
      return;
    case "equal":
      for (let i = 0; i < n; i++) out[i] = a[i] === b[i] ? 1 : 0;
      return;
  }
}

function reduce(
  kind: ReduceKind,
  x: Buffer,
  shape: readonly number[],
  axes: readonly number[],
  out: Buffer,
): void {
  // Each input element adds into the output element that drops the reduced axes.
  const kept = shape.map((dim, axis) => (axes.includes(axis) ? 1 : dim));
  const strides = broadcastStrides(kept, shape);
  out.fill(kind === "sum" ? 0 : -Infinity);
  if (kind === "sum") {
    forEachOffset(shape, strides, (index, offset) => {
      out[offset] += x[index];
    });
  } else {
    forEachOffset(shape, strides, (index, offset) => {
      const value = x[index];
      if (value > out[offset] || Number.isNaN(value)) out[offset] = value;
    });
  }
}

function convInputGrad(
  g: Buffer,
  gShape: readonly number[],
  w: Buffer,
  wShape: readonly number[],
  stride: number,
  padBefore: readonly number[],
  xShape: readonly number[],
  out: Buffer,
): void {
  const { inSpatial, outSpatial, cIn, cOut, inSize, outSize } = windowLayout(xShape, gShape);
  out.fill(0);
  for (let b = 0; b < xShape[0]; b++) {
    forEachWindowCell(inSpatial, outSpatial, wShape.slice(0, -2), stride, padBefore, (o, i, k) => {
      const gRow = b * outSize + o * cOut;
      for (let c = 0; c < cIn; c++) {
        const wRow = (k * cIn + c) * cOut;
        let total = 0;
        for (let f = 0; f < cOut; f++) total += g[gRow + f] * w[wRow + f];
        out[b * inSize + i * cIn + c] += total;
      }
    });
  }
}

function convFilterGrad(
  x: Buffer,
  xShape: readonly number[],
  g: Buffer,
  gShape: readonly number[],
  stride: number,
  padBefore: readonly number[],
  wShape: readonly number[],
  out: Buffer,
): void {
  const { inSpatial, outSpatial, cIn, cOut, inSize, outSize } = windowLayout(xShape, gShape);
  out.fill(0);
  for (let b = 0; b < xShape[0]; b++) {
    forEachWindowCell(inSpatial, outSpatial, wShape.slice(0, -2), stride, padBefore, (o, i, k) => {
      const gRow = b * outSize + o * cOut;
      for (let c = 0; c < cIn; c++) {
        const value = x[b * inSize + i * cIn + c];
        const wRow = (k * cIn + c) * cOut;
        for (let f = 0; f < cOut; f++) out[wRow + f] += value * g[gRow + f];
      }
    });
  }
}

/**
 * For max pooling: each window's maximum and how many cells reach it, per
 * (batch, output position, channel). Padded cells never count.
 */
function windowMaxima(
  x: Buffer,
  xShape: readonly number[],
  window: readonly number[],
  stride: number,
  padBefore: readonly number[],
  outShape: readonly number[],
): { maxima: Float64Array; ties: Float64Array } {
  const { inSpatial, outSpatial, cIn: channels, inSize, outSize } = windowLayout(xShape, outShape);
  const maxima = new Float64Array(xShape[0] * outSize).fill(-Infinity);
  const ties = new Float64Array(xShape[0] * outSize);
  for (let b = 0; b < xShape[0]; b++) {
    forEachWindowCell(inSpatial, outSpatial, window, stride, padBefore, (o, i) => {
      for (let c = 0; c < channels; c++) {
        const at = b * outSize + o * channels + c;
        const value = x[b * inSize + i * channels + c];
        if (value > maxima[at]) {
          maxima[at] = value;
          ties[at] = 1;
        } else if (value === maxima[at]) ties[at]++;
      }
    });
  }
  return { maxima, ties };
}

function poolTranspose(
  kind: "max" | "avg",
  x: Buffer,
  xShape: readonly number[],
  g: Buffer,
  window: readonly number[],
  stride: number,
  padBefore: readonly number[],
  outShape: readonly number[],
  out: Buffer,
): void {
  const { inSpatial, outSpatial, cIn: channels, inSize, outSize } = windowLayout(xShape, outShape);
  out.fill(0);
  if (kind === "avg") {
    const counts = new Float64Array(sizeOf(outSpatial));
    forEachWindowCell(inSpatial, outSpatial, window, stride, padBefore, (o) => counts[o]++);
    for (let b = 0; b < xShape[0]; b++) {
      forEachWindowCell(inSpatial, outSpatial, window, stride, padBefore, (o, i) => {
        for (let c = 0; c < channels; c++) {
          out[b * inSize + i * channels + c] += g[b * outSize + o * channels + c] / counts[o];
        }
      });
    }
    return;
  }
  const { maxima, ties } = windowMaxima(x, xShape, window, stride, padBefore, outShape);
  for (let b = 0; b < xShape[0]; b++) {
    forEachWindowCell(inSpatial, outSpatial, window, stride, padBefore, (o, i) => {
      for (let c = 0; c < channels; c++) {
        const at = b * outSize + o * channels + c;
        const to = b * inSize + i * channels + c;
        if (x[to] === maxima[at]) out[to] += g[at] / ties[at];
      }
    });
  }
}

function maxPoolGather(
  x: Buffer,
  xShape: readonly number[],
  h: Buffer,
  window: readonly number[],
  stride: number,
  padBefore: readonly number[],
  outShape: readonly number[],
  out: Buffer,
): void {
  const { inSpatial, outSpatial, cIn: channels, inSize, outSize } = windowLayout(xShape, outShape);
  const { maxima, ties } = windowMaxima(x, xShape, window, stride, padBefore, outShape);
  out.fill(0);
  for (let b = 0; b < xShape[0]; b++) {
    forEachWindowCell(inSpatial, outSpatial, window, stride, padBefore, (o, i) => {
      for (let c = 0; c < channels; c++) {
        const at = b * outSize + o * channels + c;
        const from = b * inSize + i * channels + c;
        if (x[from] === maxima[at]) out[at] += h[from] / ties[at];
      }
    });
  }
}

/** The reference backend. */
export const reference: Backend = {
  name: "reference",
  unary,
  binary,
  reduce,
  matmul: referenceMatmul,
  transpose,
  broadcastTo,
  concat,
  conv,
  convInputGrad,
  convFilterGrad,
  pool,
  poolTranspose,
  maxPoolGather,
};
