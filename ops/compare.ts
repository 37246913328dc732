/**
 * Comparisons: `greater`, `greaterEqual`, `less`, `lessEqual`, `equal`. They
 * give 1 where the comparison holds and 0 elsewhere, in the operands' dtype;
 * they are not differentiable (nothing flows through them) and are never
 * recorded. Use them as masks and as `where` conditions.
 *
 * @module
 */
import type { Shape } from "../core/shape.ts";
import type { DType } from "../core/tensor.ts";
import { Tensor } from "../core/tensor.ts";
import type { BinaryKind } from "../core/kernels/backend.ts";
import type { BinaryOp } from "./_elementwise.ts";
import { asTensor, mask } from "./_elementwise.ts";

type AnyTensor = Tensor<Shape, DType>;

function comparison<Op extends string>(kind: BinaryKind, swap: boolean): BinaryOp<Op> {
  function compare(a: AnyTensor | number, b: AnyTensor | number): AnyTensor {
    const [left, right] = swap ? [b, a] : [a, b];
    if (!(left instanceof Tensor) && !(right instanceof Tensor)) {
      throw new TypeError(`${kind}: at least one operand must be a tensor`);
    }
    const like = (left instanceof Tensor ? left : right) as AnyTensor;
    return mask(kind, asTensor(left, like), right);
  }
  return compare as BinaryOp<Op>;
}

/**
 * 1 where `a > b`, else 0 (broadcasting; numbers act as scalars). Like `jnp.greater`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { greater } from "./compare.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(greater(tensor([1, 2, 3]), 2).toArray(), [0, 0, 1]);
 * ```
 */
export const greater: BinaryOp<"greater"> = comparison("greater", false);

/**
 * 1 where `a ≥ b`, else 0. Like `jnp.greater_equal`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { greaterEqual } from "./compare.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(greaterEqual(tensor([1, 2, 3]), 2).toArray(), [0, 1, 1]);
 * ```
 */
export const greaterEqual: BinaryOp<"greaterEqual"> = comparison("greaterEqual", false);

/**
 * 1 where `a < b`, else 0. Like `jnp.less`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { less } from "./compare.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(less(tensor([1, 2, 3]), 2).toArray(), [1, 0, 0]);
 * ```
 */
export const less: BinaryOp<"less"> = comparison("greater", true);

/**
 * 1 where `a ≤ b`, else 0. Like `jnp.less_equal`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lessEqual } from "./compare.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(lessEqual(tensor([1, 2, 3]), 2).toArray(), [1, 1, 0]);
 * ```
 */
export const lessEqual: BinaryOp<"lessEqual"> = comparison("greaterEqual", true);

/**
 * 1 where `a = b`, else 0. Like `jnp.equal`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { equal } from "./compare.ts";
 * import { tensor } from "../core/create.ts";
 * assert.deepEqual(equal(tensor([1, 2, 3]), 2).toArray(), [0, 1, 0]);
 * ```
 */
export const equal: BinaryOp<"equal"> = comparison("equal", false);
