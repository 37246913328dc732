/**
 * `inputLayer`: pins a network's per-example input shape, so `sequential`
 * checks every layer after it when the network is built.
 *
 * @module
 */
import type { Dim } from "../core/shape.ts";
import { formatShape, sameShape } from "../core/shape.ts";
import { ShapeError } from "../core/errors.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import type { ApplyContext, EmptyParams, Layer } from "./layer.ts";

/**
 * The layer {@link inputLayer} makes: no params, the identity on `S`.
 *
 * @example
 * ```ts
 * import type { InputLayer } from "./input_layer.ts";
 * import { inputLayer } from "./input_layer.ts";
 * const input: InputLayer<[32, 32, 1]> = inputLayer([32, 32, 1]);
 * ```
 */
export interface InputLayer<S extends readonly number[]> extends Layer<EmptyParams, S, S> {
  /** Always `"input"`. */
  readonly name: "input";
  /** The shape it pins. */
  readonly inputShape: Readonly<S>;
  /** 0: no params. */
  paramCount(): number;
  /** 0: no weights. */
  multiplyCount(inputShape: readonly number[]): number;
}

/**
 * The identity on examples of shape `shape`: put first in `sequential`, it
 * fixes the network's input, so the sizes after a conv or a pool are known
 * when the network is built and a dense layer of the wrong width is a
 * compile error there (without it, a network that starts with a conv takes
 * any size its layers fit, and the check waits for `apply`). Like
 * `keras.Input(shape)`.
 *
 * @throws {RangeError} when a dim is not a non-negative integer.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inputLayer } from "./input_layer.ts";
 * import { sequential } from "./sequential.ts";
 * import { conv2dLayer } from "./conv_layer.ts";
 * import { flattenLayer } from "./flatten_layer.ts";
 * import { dense } from "./dense.ts";
 * import type { OutputOf } from "./layer.ts";
 * const net = sequential(inputLayer([7, 7, 1]), conv2dLayer(3, 1, 2), flattenLayer, dense(50, 1));
 * const out: OutputOf<typeof net> = [1];
 * assert.deepEqual(net.inputShape, [7, 7, 1]);
 * ```
 */
export function inputLayer<const S extends readonly number[]>(shape: S): InputLayer<[...S]> {
  if (!Array.isArray(shape) || !shape.every((dim) => Number.isSafeInteger(dim) && dim >= 0)) {
    throw new RangeError(
      `inputLayer: expected a shape of non-negative integers, got ${
        Array.isArray(shape) ? formatShape(shape) : String(shape)
      }`,
    );
  }
  const inputShape = Object.freeze([...shape]);
  const check = (got: readonly number[]): void => {
    if (!sameShape(got, inputShape)) {
      throw new ShapeError(`input: expects ${formatShape(inputShape)}, got ${formatShape(got)}`);
    }
  };
  return Object.freeze({
    name: "input" as const,
    inputShape,
    init(): EmptyParams {
      return {};
    },
    apply<B extends Dim, D extends DType>(
      _params: EmptyParams,
      x: Tensor<[B, ...S], D>,
      _context?: ApplyContext,
    ): Tensor<[B, ...S], D> {
      check((x.shape as readonly number[]).slice(1));
      return x;
    },
    outputShape(got: readonly number[]): number[] {
      check(got);
      return [...got];
    },
    paramCount: (): number => 0,
    multiplyCount(got: readonly number[]): number {
      check(got);
      return 0;
    },
  }) as unknown as InputLayer<[...S]>;
}
