/**
 * The wasm backend's elementwise, reduction and movement kernels against the
 * reference, f32, at the sizes of the MLP's activations (64×128), of its
 * first weight matrix (128×784) and larger. A whole `Backend` call is
 * timed, copies included; the median of five timed runs after a warm-up.
 *
 * Run: `deno run bench/kernels_bench.ts`
 *
 * @module
 */
import type { Backend, BinaryKind, UnaryKind } from "../core/kernels/backend.ts";
import { reference } from "../core/kernels/reference.ts";
import { wasm } from "../core/kernels/wasm/backend.ts";

/** Median microseconds of `run`, spending about 100 ms. */
function time(run: () => void): number {
  let started = performance.now();
  run();
  const once = Math.max(performance.now() - started, 1e-4);
  const reps = Math.max(1, Math.min(20000, Math.floor(20 / once)));
  for (let i = 0; i < reps; i++) run();
  const samples: number[] = [];
  for (let trial = 0; trial < 5; trial++) {
    started = performance.now();
    for (let i = 0; i < reps; i++) run();
    samples.push((performance.now() - started) / reps * 1000);
  }
  return samples.sort((x, y) => x - y)[2];
}

const UNARY: UnaryKind[] = [
  "relu",
  "step",
  "neg",
  "abs",
  "square",
  "sqrt",
  "sign",
  "exp",
  "sigmoid",
  "tanh",
];
const BINARY: BinaryKind[] = ["add", "sub", "mul", "div", "maximum", "minimum", "greater", "equal"];
const SIZES = [64 * 128, 128 * 784, 1 << 20];

const rows: string[] = [];
const row = (label: string, size: string, call: (backend: Backend) => () => void) => {
  const slow = time(call(reference));
  const fast = time(call(wasm));
  rows.push(
    `| ${label} | ${size} | ${slow.toFixed(2)} | ${fast.toFixed(2)} | ${
      (slow / fast).toFixed(1)
    }× |`,
  );
};
for (const size of SIZES) {
  const x = Float32Array.from({ length: size }, (_, i) => Math.sin(i) * 4);
  const y = Float32Array.from({ length: size }, (_, i) => Math.cos(i) * 4);
  const out = new Float32Array(size);
  for (const kind of UNARY) row(kind, `${size}`, (b) => () => b.unary(kind, x, out));
  for (const kind of BINARY) row(kind, `${size}`, (b) => () => b.binary(kind, x, y, out));
}
for (
  const [shape, axes] of [
    [[64, 128], [0]],
    [[64, 128], [1]],
    [[64, 10], [1]],
    [[128, 784], [0, 1]],
    [[8, 32, 32, 16], [0, 1, 2]],
  ] as [number[], number[]][]
) {
  const size = shape.reduce((p, d) => p * d, 1);
  const x = Float32Array.from({ length: size }, (_, i) => Math.sin(i));
  const out = new Float32Array(shape.reduce((p, d, axis) => (axes.includes(axis) ? p : p * d), 1));
  row(`sum axes [${axes}]`, `[${shape}]`, (b) => () => b.reduce("sum", x, shape, axes, out));
}
for (const [from, to] of [[[128], [64, 128]], [[1, 10], [64, 10]], [[64, 1], [64, 10]]]) {
  const x = new Float32Array(from.reduce((p, d) => p * d, 1)).fill(1);
  const out = new Float32Array(to.reduce((p, d) => p * d, 1));
  row(`broadcastTo [${to}]`, `[${from}]`, (b) => () => b.broadcastTo(x, from, to, out));
}
for (
  const [shape, perm] of [[[128, 784], [1, 0]], [[64, 128], [1, 0]], [[8, 28, 28, 3], [0, 3, 1, 2]]]
) {
  const x = new Float32Array(shape.reduce((p, d) => p * d, 1)).fill(1);
  const out = new Float32Array(x.length);
  row(`transpose [${perm}]`, `[${shape}]`, (b) => () => b.transpose(x, shape, perm, out));
}
console.log("| kernel | size | reference µs | wasm µs | speedup |");
console.log("| --- | --- | ---: | ---: | ---: |");
console.log(rows.join("\n"));
