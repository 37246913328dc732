/**
 * `mlp`: a multilayer perceptron (the course's L-layer network) from its
 * layer sizes.
 *
 * @module
 */
import type { Dim, Shape } from "../core/shape.ts";
import { formatShape } from "../core/shape.ts";
import { ShapeError } from "../core/errors.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import type { PRNGKey } from "../core/random.ts";
import { split } from "../core/random.ts";
import type { ApplyContext, Layer, SameShapeLayer } from "./layer.ts";
import type { DenseParams } from "./dense.ts";
import { dense } from "./dense.ts";
import type { Initializer } from "./init.ts";
import { he } from "./init.ts";
import { leakyReluLayer, reluLayer, sigmoidLayer, softmaxLayer, tanhLayer } from "./activation.ts";

/** The activations `mlp` knows by name; `"none"` is the identity (logits). */
export type Activation = "relu" | "leakyRelu" | "sigmoid" | "tanh" | "softmax" | "none";

/** Options of {@link mlp}. */
export interface MlpOptions<D extends DType> {
  /** The hidden layers' activation; `"relu"` when absent. */
  readonly activation?: Activation;
  /** The output layer's activation; `"none"` (logits) when absent. */
  readonly outputActivation?: Activation;
  /** How each `W[l]` is drawn; {@link he} when absent. Biases start at zero. */
  readonly init?: Initializer;
  /** The params' dtype; `"f32"` when absent (`"f64"` for gradient checks). */
  readonly dtype?: D;
}

/**
 * The params of an MLP of layer sizes `Sizes`: one dense layer's params per
 * pair of consecutive sizes, so `params[l - 1]` holds the course's `W[l]`
 * and `b[l]`.
 *
 * @example
 * ```ts
 * import type { MlpParams } from "./mlp.ts";
 * import type { DenseParams } from "./dense.ts";
 * const same: MlpParams<[4, 3, 2]> extends [DenseParams<4, 3>, DenseParams<3, 2>] ? true
 *   : false = true;
 * ```
 */
export type MlpParams<Sizes extends readonly number[], D extends DType = "f32"> = Sizes extends
  readonly [infer A extends number, infer B extends number, ...infer Rest extends number[]]
  ? [DenseParams<A, B, D>, ...MlpParams<[B, ...Rest], D>]
  : number extends Sizes["length"] ? DenseParams<number, number, D>[]
  : [];

/** The last size, the per-example output width. */
export type LastSize<Sizes extends readonly number[]> = Sizes extends
  readonly [...number[], infer Last extends number] ? Last
  : number;

/**
 * An MLP as {@link mlp} makes it: per-example input `[Sizes[0]]`, output
 * `[last size]`.
 *
 * @example
 * ```ts
 * import type { MlpLayer } from "./mlp.ts";
 * import { mlp } from "./mlp.ts";
 * const net: MlpLayer<[784, 128, 10]> = mlp([784, 128, 10]);
 * ```
 */
export interface MlpLayer<Sizes extends readonly number[], D extends DType = "f32">
  extends Layer<MlpParams<Sizes, D>, [Sizes[0]], [LastSize<Sizes>], D> {
  /** Always `"mlp"`. */
  readonly name: "mlp";
  /** The layer sizes, input first. */
  readonly sizes: Readonly<Sizes>;
  /** The params' dtype. */
  readonly dtype: D;
}

type AnyTensor = Tensor<Shape, DType>;
type AnyLayer = Layer<unknown, Shape, Shape, DType>;

function activationLayer(name: Activation, option: string): SameShapeLayer | undefined {
  switch (name) {
    case "relu":
      return reluLayer;
    case "leakyRelu":
      return leakyReluLayer();
    case "sigmoid":
      return sigmoidLayer;
    case "tanh":
      return tanhLayer;
    case "softmax":
      return softmaxLayer;
    case "none":
      return undefined;
    default:
      throw new RangeError(
        `mlp: ${option} must be one of "relu", "leakyRelu", "sigmoid", "tanh", "softmax", ` +
          `"none", got ${JSON.stringify(name)}`,
      );
  }
}

/**
 * A fully connected network of layer sizes `[n_x, n_1, …, n_L]`: dense layers
 * `n_{l−1} → n_l` (weights `[n_l, n_{l−1}]`, drawn by `init`, He by default),
 * each hidden one followed by `activation` (relu by default), the last by
 * `outputActivation` (none by default: the output is logits, for
 * `softmaxCrossEntropy` or `sigmoidCrossEntropy`). `mlp([784, 128, 64, 10])`
 * is the course's L-layer net; `mlp([2, 4, 1], { activation: "tanh" })` its
 * shallow planar-data net. The params are a tuple of dense params,
 * `params[l − 1] = { w: W[l], b: b[l] }`; layer `l` gets the key
 * `split(key, L)[l − 1]`. The per-example output type is `[n_L]`.
 *
 * @throws {RangeError} when there are fewer than two sizes, a size is not a
 * positive integer, or an activation is unknown.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mlp } from "./mlp.ts";
 * import { key } from "../core/random.ts";
 * import { zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const net = mlp([784, 128, 64, 10]);
 * const params = net.init(key(0));
 * const w2: Tensor<[64, 128]> = params[1].w;
 * const logits: Tensor<[32, 10]> = net.apply(params, zeros([32, 784]));
 * assert.deepEqual(logits.shape, [32, 10]);
 * assert.deepEqual(w2.shape, [64, 128]);
 * ```
 */
export function mlp<const Sizes extends readonly number[], D extends DType = "f32">(
  sizes: Sizes,
  options?: MlpOptions<D>,
): MlpLayer<Sizes, D> {
  if (!Array.isArray(sizes) || sizes.length < 2) {
    throw new RangeError(
      `mlp: expected at least two layer sizes (input and output), got ${
        Array.isArray(sizes) ? formatShape(sizes) : String(sizes)
      }`,
    );
  }
  sizes.forEach((size, index) => {
    if (!Number.isSafeInteger(size) || size < 1) {
      throw new RangeError(
        `mlp: layer sizes must be positive integers, got ${size} at index ${index} of ${
          formatShape(sizes)
        }`,
      );
    }
  });
  const hidden = activationLayer(options?.activation ?? "relu", "activation");
  const output = activationLayer(options?.outputActivation ?? "none", "outputActivation");
  const denseOptions = { init: options?.init ?? he, dtype: options?.dtype ?? "f32" as D };
  const layers: readonly AnyLayer[] = sizes.slice(1).map((size, index) =>
    dense(sizes[index], size, denseOptions) as unknown as AnyLayer
  );
  const activations = layers.map((_, index) => index === layers.length - 1 ? output : hidden);
  const inputShape = Object.freeze([sizes[0]]);
  const count = layers.length;
  type P = MlpParams<Sizes, D>;
  return Object.freeze({
    name: "mlp" as const,
    sizes: Object.freeze([...sizes]) as unknown as Readonly<Sizes>,
    dtype: denseOptions.dtype,
    inputShape,
    init(key: PRNGKey): P {
      const keys = split(key, count);
      return layers.map((layer, index) => layer.init(keys[index])) as P;
    },
    apply<B extends Dim, DX extends D>(
      params: P,
      x: Tensor<[B, Sizes[0]], DX>,
      context?: ApplyContext,
    ): Tensor<[B, LastSize<Sizes>], DX> {
      const all = params as readonly unknown[];
      if (!Array.isArray(all) || all.length !== count) {
        throw new TypeError(
          `mlp: expected params as an array of ${count} (one per dense layer), got ${
            Array.isArray(all) ? `an array of ${all.length}` : typeof all
          }`,
        );
      }
      let h = x as AnyTensor;
      for (let index = 0; index < count; index++) {
        h = layers[index].apply(all[index], h as Tensor<[Dim, ...Shape]>, context);
        const activation = activations[index];
        if (activation !== undefined) h = activation.apply({}, h as Tensor<[Dim, ...Shape]>);
      }
      return h as Tensor<[B, LastSize<Sizes>], DX>;
    },
    outputShape(shape: readonly number[]): number[] {
      if (shape.length !== 1 || shape[0] !== sizes[0]) {
        throw new ShapeError(
          `mlp: expected a per-example input of shape [${sizes[0]}], got ${formatShape(shape)}`,
        );
      }
      return [sizes[count]];
    },
    paramCount(): number {
      return layers.reduce((total, layer) => total + (layer.paramCount?.() ?? 0), 0);
    },
    multiplyCount(shape: readonly number[]): number {
      this.outputShape(shape);
      return layers.reduce(
        (total, layer, index) => total + (layer.multiplyCount?.([sizes[index]]) ?? 0),
        0,
      );
    },
  });
}
