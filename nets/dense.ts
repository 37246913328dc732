/**
 * `dense`: the fully connected layer `y = x·Wᵀ + b`.
 *
 * @module
 */
import type { Dim, Shape } from "../core/shape.ts";
import { formatShape } from "../core/shape.ts";
import { ShapeError } from "../core/errors.ts";
import type { DType } from "../core/tensor.ts";
import { allocate, resolveDType, Tensor } from "../core/tensor.ts";
import type { PRNGKey } from "../core/random.ts";
import { add } from "../ops/add.ts";
import { matmulT } from "../ops/_matmul_t.ts";
import type { ApplyContext, Layer } from "./layer.ts";
import type { Initializer } from "./init.ts";
import { he } from "./init.ts";

type AnyTensor = Tensor<Shape, DType>;

/**
 * The params of a dense layer: `w` is `[nOut, nIn]` (the course's `W[l]`),
 * `b` is `[nOut]`; without a bias, `w` only.
 *
 * @example
 * ```ts
 * import type { DenseParams } from "./dense.ts";
 * import { zeros } from "../core/create.ts";
 * const params: DenseParams<2, 3> = { w: zeros([3, 2]), b: zeros([3]) };
 * const weightsOnly: DenseParams<2, 3, "f32", false> = { w: zeros([3, 2]) };
 * ```
 */
export type DenseParams<
  NIn extends number,
  NOut extends number,
  D extends DType = "f32",
  Bias extends boolean = true,
> = false extends Bias ? { w: Tensor<[NOut, NIn], D> }
  : { w: Tensor<[NOut, NIn], D>; b: Tensor<[NOut], D> };

/** Options of {@link dense}. */
export interface DenseOptions<D extends DType, Bias extends boolean> {
  /** How `w` is drawn; {@link he} when absent. The bias starts at zero. */
  readonly init?: Initializer;
  /** Whether the layer has a bias `b`; `true` when absent (drop it before batch norm). */
  readonly bias?: Bias;
  /** The params' dtype; `"f32"` when absent (`"f64"` for gradient checks). */
  readonly dtype?: D;
}

/**
 * A dense layer from `NIn` to `NOut` features, as {@link dense} makes it.
 *
 * @example
 * ```ts
 * import type { DenseLayer } from "./dense.ts";
 * import { dense } from "./dense.ts";
 * const layer: DenseLayer<784, 128> = dense(784, 128);
 * ```
 */
export interface DenseLayer<
  NIn extends number,
  NOut extends number,
  D extends DType = "f32",
  Bias extends boolean = true,
> extends Layer<DenseParams<NIn, NOut, D, Bias>, [NIn], [NOut], D> {
  /** Always `"dense"`. */
  readonly name: "dense";
  /** Always `[nIn]`. */
  readonly inputShape: readonly [NIn];
  /** The params' dtype. */
  readonly dtype: D;
  /** Input features. */
  readonly nIn: NIn;
  /** Output features. */
  readonly nOut: NOut;
  /** `nIn · nOut` weights, plus `nOut` biases. */
  paramCount(): number;
  /** `nIn · nOut` per example. */
  multiplyCount(inputShape: readonly number[]): number;
}

function checkSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`dense: ${name} must be a positive integer, got ${value}`);
  }
}

/**
 * A fully connected layer: `y = x·Wᵀ + b` with `W` of shape `[nOut, nIn]`
 * (the course's `W[l]`, `(n[l], n[l−1])`) and `b` of `[nOut]`, on a batch
 * `[B, nIn]` (rows are examples). `init` draws `W` with the initialiser
 * (He by default) and sets `b` to zeros. A wrong input width does not compile
 * and, for dims known only at run time, throws a `ShapeError`. Like
 * `torch.nn.Linear(nIn, nOut)` (same weight layout) and `flax.linen.Dense`
 * (whose kernel is `[nIn, nOut]`).
 *
 * @throws {RangeError} when `nIn` or `nOut` is not a positive integer.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dense } from "./dense.ts";
 * import { key } from "../core/random.ts";
 * import { tensor } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const layer = dense(2, 3);
 * const params = layer.init(key(0));
 * const w: Tensor<[3, 2]> = params.w;
 * const y: Tensor<[1, 3]> = layer.apply(params, tensor([[1, 0]]));
 * assert.deepEqual(Array.from(y.data), [w.data[0], w.data[2], w.data[4]]);
 * ```
 */
export function dense<
  const NIn extends number,
  const NOut extends number,
  D extends DType = "f32",
  const Bias extends boolean = true,
>(nIn: NIn, nOut: NOut, options?: DenseOptions<D, Bias>): DenseLayer<NIn, NOut, D, Bias> {
  checkSize("nIn", nIn);
  checkSize("nOut", nOut);
  const initializer = options?.init ?? he;
  const bias = options?.bias ?? true;
  const dtype = resolveDType("dense", options?.dtype) as D;
  type P = DenseParams<NIn, NOut, D, Bias>;
  const inputShape = Object.freeze([nIn] as const);
  return Object.freeze({
    name: "dense" as const,
    inputShape,
    dtype,
    nIn,
    nOut,
    init(key: PRNGKey): P {
      const w = initializer(key, [nOut, nIn], { dtype });
      if (!bias) return { w } as P;
      return { w, b: new Tensor<[NOut], D>([nOut], dtype, allocate(dtype, nOut)) } as P;
    },
    apply<B extends Dim, DX extends D>(
      params: P,
      x: Tensor<[B, NIn], DX>,
      _context?: ApplyContext,
    ): Tensor<[B, NOut], DX> {
      const shape = x.shape as readonly number[];
      if (shape.length !== 2 || shape[1] !== nIn) {
        throw new ShapeError(
          `dense: expected an input of shape [batch, ${nIn}], got ${formatShape(shape)}`,
        );
      }
      const p = params as { w: AnyTensor; b?: AnyTensor };
      const product = matmulT(x as AnyTensor, p.w as AnyTensor, { transB: true });
      return (p.b === undefined ? product : add(product, p.b)) as Tensor<[B, NOut], DX>;
    },
    outputShape(shape: readonly number[]): number[] {
      if (shape.length !== 1 || shape[0] !== nIn) {
        throw new ShapeError(
          `dense: expected a per-example input of shape [${nIn}], got ${formatShape(shape)}`,
        );
      }
      return [nOut];
    },
    paramCount(): number {
      return nIn * nOut + (bias ? nOut : 0);
    },
    multiplyCount(shape: readonly number[]): number {
      this.outputShape(shape);
      return nIn * nOut;
    },
  });
}
