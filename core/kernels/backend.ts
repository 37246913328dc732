/**
 * The kernel interface: flat typed arrays, shapes and strides in, results
 * written into a caller-provided output. Kernels know nothing of autodiff or
 * of static shapes; the ops check shapes before they call a kernel.
 *
 * @module
 */

/** The typed arrays kernels work on. */
export type Buffer = Float32Array | Float64Array;

/** Elementwise functions of one argument. */
export type UnaryKind =
  | "neg"
  | "exp"
  | "log"
  | "sqrt"
  | "square"
  | "abs"
  | "sign"
  | "sigmoid"
  | "tanh"
  | "relu"
  | "step";

/**
 * Elementwise functions of two arguments. The comparisons (`greater`,
 * `greaterEqual`, `equal`) give 1 or 0.
 */
export type BinaryKind =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "pow"
  | "maximum"
  | "minimum"
  | "greater"
  | "greaterEqual"
  | "equal";

/** Reductions over axes. */
export type ReduceKind = "sum" | "max";

/**
 * Options of {@link Backend.matmul}: which operands are stored transposed
 * (their last two axes swapped), so that `Aᵀ·B` and `A·Bᵀ` need no
 * transposed copy.
 */
export interface MatmulOptions {
  /** `a` is stored `[batch..., k, m]` and read as its transpose. */
  readonly transA?: boolean;
  /** `b` is stored `[batch..., n, k]` and read as its transpose. */
  readonly transB?: boolean;
}

/** The number crunching behind the ops; the plain-TS reference implements it. */
export interface Backend {
  /** A short name, such as `"reference"`. */
  readonly name: string;
  /**
   * Batched matrix product `op(a)·op(b)`: `a` is `[batch..., m, k]` (or
   * `[batch..., k, m]` under `transA`), `b` is `[batch..., k, n]` (or
   * `[batch..., n, k]` under `transB`); their leading dims broadcast to
   * `outLead`. Writes `[outLead..., m, n]`.
   */
  matmul(
    a: Buffer,
    aShape: readonly number[],
    b: Buffer,
    bShape: readonly number[],
    outLead: readonly number[],
    out: Buffer,
    options?: MatmulOptions,
  ): void;
  /** `out[i] = kind(x[i])`. */
  unary(kind: UnaryKind, x: Buffer, out: Buffer): void;
  /** `out[i] = kind(a[i], b[i])`; the three have one length (the op broadcasts first). */
  binary(kind: BinaryKind, a: Buffer, b: Buffer, out: Buffer): void;
  /**
   * Reduces `x` (shape `shape`) over the sorted `axes`; `out` has the kept
   * dims in order (its size is the product of the dims not reduced).
   */
  reduce(
    kind: ReduceKind,
    x: Buffer,
    shape: readonly number[],
    axes: readonly number[],
    out: Buffer,
  ): void;
  /** Permutes the axes of `x` (shape `shape`) by `perm` into `out`. */
  transpose(x: Buffer, shape: readonly number[], perm: readonly number[], out: Buffer): void;
  /** Copies `x` of shape `from` broadcast to shape `to` into `out`. */
  broadcastTo(x: Buffer, from: readonly number[], to: readonly number[], out: Buffer): void;
  /**
   * Direct convolution, channels last: `x` is `[batch, ...spatial, cIn]`, `w`
   * is `[...window, cIn, cOut]`; `padBefore` zeros precede each spatial axis;
   * writes `[batch, ...outSpatial, cOut]` (shape `outShape`).
   */
  conv(
    x: Buffer,
    xShape: readonly number[],
    w: Buffer,
    wShape: readonly number[],
    stride: number,
    padBefore: readonly number[],
    outShape: readonly number[],
    out: Buffer,
  ): void;
  /**
   * Max or average pooling over a `window` per spatial axis of `[batch,
   * ...spatial, channels]`; padded cells never win a max and are not counted
   * in an average.
   */
  pool(
    kind: "max" | "avg",
    x: Buffer,
    xShape: readonly number[],
    window: readonly number[],
    stride: number,
    padBefore: readonly number[],
    outShape: readonly number[],
    out: Buffer,
  ): void;
  /**
   * The gradient of `conv` with respect to its input: scatters `g` (shape
   * `gShape`, the output's) back through the filter into `out` (shape `xShape`).
   */
  convInputGrad(
    g: Buffer,
    gShape: readonly number[],
    w: Buffer,
    wShape: readonly number[],
    stride: number,
    padBefore: readonly number[],
    xShape: readonly number[],
    out: Buffer,
  ): void;
  /**
   * The gradient of `conv` with respect to its filter: correlates the input
   * `x` with `g` (shape `gShape`) into `out` (shape `wShape`).
   */
  convFilterGrad(
    x: Buffer,
    xShape: readonly number[],
    g: Buffer,
    gShape: readonly number[],
    stride: number,
    padBefore: readonly number[],
    wShape: readonly number[],
    out: Buffer,
  ): void;
  /**
   * The adjoint of pooling: spreads `g` (the pooled shape `outShape`) back
   * over the windows into `out` (shape `xShape`). Max: to the window's
   * maxima of `x`, split evenly among ties. Average: evenly over the cells
   * counted.
   */
  poolTranspose(
    kind: "max" | "avg",
    x: Buffer,
    xShape: readonly number[],
    g: Buffer,
    window: readonly number[],
    stride: number,
    padBefore: readonly number[],
    outShape: readonly number[],
    out: Buffer,
  ): void;
  /**
   * The adjoint of max-pool's transpose: for each window, the mean of `h`
   * (shape `xShape`) over the positions where `x` takes the window's maximum.
   */
  maxPoolGather(
    x: Buffer,
    xShape: readonly number[],
    h: Buffer,
    window: readonly number[],
    stride: number,
    padBefore: readonly number[],
    outShape: readonly number[],
    out: Buffer,
  ): void;
  /** Concatenates `parts` of shapes `shapes` along `axis` into `out`. */
  concat(
    parts: readonly Buffer[],
    shapes: readonly (readonly number[])[],
    axis: number,
    out: Buffer,
  ): void;
}
