/** Checks that two tensors share a dtype; shapeflow never converts silently. */
import { DTypeError } from "./errors.ts";
import type { DType } from "./tensor.ts";

/** Throws a {@link DTypeError} unless `a` and `b` have one dtype. */
export function sameDType(op: string, a: { dtype: DType }, b: { dtype: DType }): void {
  if (a.dtype !== b.dtype) {
    throw new DTypeError(
      `Cannot ${op} tensors of dtypes ${a.dtype} and ${b.dtype}: convert one of them first`,
    );
  }
}
