/**
 * The walk shared by `countParams` and `countMultiplies`: telling a layer
 * from a params tree, a network's sub-layers, the error for a layer that
 * cannot count.
 *
 * @module
 */
import type { CountableLayer } from "./count_params.ts";

/** Whether `value` is a layer rather than a params tree. */
export function isCountableLayer(value: unknown): value is CountableLayer {
  const layer = value as Partial<CountableLayer> | null;
  return typeof layer === "object" && layer !== null && typeof layer.name === "string" &&
    typeof layer.init === "function" && typeof layer.outputShape === "function";
}

/** The sub-layers of a network, or `undefined` for a leaf layer. */
export function sublayers(layer: CountableLayer): readonly CountableLayer[] | undefined {
  const inner = layer.layers;
  if (!Array.isArray(inner)) return undefined;
  inner.forEach((item, index) => {
    if (!isCountableLayer(item)) {
      throw new TypeError(`${layer.name}: layer #${index} is not a layer`);
    }
  });
  return inner as readonly CountableLayer[];
}

/** The message for a layer the counts cannot see into. */
export function uncountable(op: string, layer: CountableLayer, method: string): TypeError {
  return new TypeError(
    `${op}: cannot count layer "${layer.name}" from shapes: it has no ${method} method ` +
      `(count the params after init: countParams(layer.init(key)))`,
  );
}
