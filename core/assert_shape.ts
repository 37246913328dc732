/**
 * `assertShape`: the typed narrowing point for tensors whose shape is known
 * only at run time.
 *
 * @module
 */
import { ShapeError } from "./errors.ts";
import type { Shape } from "./shape.ts";
import { formatShape } from "./shape.ts";
import type { DType } from "./tensor.ts";
import type { Tensor } from "./tensor.ts";

/**
 * Checks that `x` has `shape` and returns it typed so. A number must match
 * exactly; a string names a symbolic dim (`"B"`): any size, but one name takes
 * one size everywhere in `shape`.
 *
 * @example
 * ```ts
 * import { assertShape } from "./assert_shape.ts";
 * import { zeros } from "./create.ts";
 * import type { Tensor } from "./tensor.ts";
 * const loaded: Tensor<number[]> = zeros([32, 784]) as Tensor<number[]>;
 * const batch: Tensor<["B", 784]> = assertShape(loaded, ["B", 784]);
 * ```
 */
export function assertShape<const T extends Shape, D extends DType>(
  x: Tensor<Shape, D>,
  shape: T,
): Tensor<[...T], D> {
  const actual = x.shape as readonly number[];
  const fail = (why: string): never => {
    throw new ShapeError(
      `assertShape: expected shape [${shape.join(", ")}], got ${formatShape(actual)}: ${why}`,
    );
  };
  if (actual.length !== shape.length) fail(`rank ${actual.length} is not ${shape.length}`);
  const bound = new Map<string, number>();
  for (let axis = 0; axis < shape.length; axis++) {
    const expected = shape[axis];
    const dim = actual[axis];
    if (typeof expected === "number") {
      if (dim !== expected) fail(`dim ${dim} at axis ${axis} is not ${expected}`);
    } else if (typeof expected === "string") {
      const seen = bound.get(expected);
      if (seen === undefined) bound.set(expected, dim);
      else if (seen !== dim) {
        fail(`symbolic dim ${expected} is ${seen} at one axis and ${dim} at axis ${axis}`);
      }
    } else {
      fail(`dim ${String(expected)} at axis ${axis} is neither a number nor a name`);
    }
  }
  return x as unknown as Tensor<[...T], D>;
}
