/**
 * A test helper: the per-example shape after each layer of a network.
 *
 * @module
 */

/** The shape after each of `layers` on `input`, in order. */
export function stageShapes(
  layers: readonly { outputShape(shape: readonly number[]): number[] }[],
  input: readonly number[],
): number[][] {
  const shapes: number[][] = [];
  layers.reduce((shape: readonly number[], layer) => {
    const out = layer.outputShape(shape);
    shapes.push(out);
    return out;
  }, input);
  return shapes;
}
