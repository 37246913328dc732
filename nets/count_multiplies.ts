/**
 * `countMultiplies`: the computational cost of a model, counted from shapes.
 *
 * @module
 */
import type { CountableLayer } from "./count_params.ts";
import { sublayers, uncountable } from "./_countable.ts";

function layerMultiplies(layer: CountableLayer, shape: readonly number[]): number {
  if (typeof layer.multiplyCount === "function") return layer.multiplyCount(shape);
  const inner = sublayers(layer);
  if (inner !== undefined) {
    let total = 0;
    let current = [...shape];
    for (const item of inner) {
      total += layerMultiplies(item, current);
      current = item.outputShape(current);
    }
    return total;
  }
  if ((layer as { readonly sameShape?: boolean }).sameShape === true) return 0;
  throw uncountable("countMultiplies", layer, "multiplyCount");
}

/**
 * The multiplications of one example's forward pass, the course's measure
 * of a layer's cost: a conv layer costs one multiply per output value per
 * filter weight (`Ho·Wo·cOut · f·f·cIn`), a dense layer `nIn·nOut`;
 * activations, pooling and flatten cost nothing. Counted from the shapes,
 * nothing drawn or run. The input is one example's shape (`[28, 28, 192]`),
 * the model's own `inputShape` when absent.
 *
 * @throws {TypeError} when no input shape is given and the model has none,
 * or a layer cannot count (it has no `multiplyCount`).
 * @throws {ShapeError} when the input does not fit the model.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { countMultiplies } from "./count_multiplies.ts";
 * import { conv2dLayer } from "./conv_layer.ts";
 * // The inception notes: a 5×5 same conv from 28×28×192 to 32 channels.
 * const conv = conv2dLayer(5, 192, 32, { padding: "same" });
 * assert.equal(countMultiplies(conv, [28, 28, 192]), 120_422_400);
 * ```
 */
export function countMultiplies(model: CountableLayer, inputShape?: readonly number[]): number {
  const shape = inputShape ?? model.inputShape;
  if (shape === undefined) {
    throw new TypeError(
      `countMultiplies: ${model.name} has no fixed input shape; pass one, e.g. ` +
        `countMultiplies(model, [32, 32, 1])`,
    );
  }
  if (!Array.isArray(shape)) {
    throw new TypeError(`countMultiplies: expected a shape array, got ${String(shape)}`);
  }
  model.outputShape(shape);
  return layerMultiplies(model, shape);
}
