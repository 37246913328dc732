/**
 * Matching a checkpoint file against what it claims (its number leaves) and
 * against a template tree. Private to the checkpoint room.
 *
 * @module
 */
import { ValidationError } from "../../core/errors.ts";
import { formatShape, sameShape } from "../../core/shape.ts";
import type { HeaderEntry } from "./_header.ts";
import { DTYPE_OF, METADATA_KEY } from "./_header.ts";
import type { Leaf, PathLeaf } from "./_tree.ts";

const isScalarF64 = (entry: HeaderEntry): boolean =>
  entry.dtype === "F64" && entry.shape.length === 0;

/** The first tensor listed as a number that is not an F64 scalar, as an error. */
export function checkNumbers(
  entries: readonly HeaderEntry[],
  numbers: ReadonlySet<string>,
): ValidationError | undefined {
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  for (const name of numbers) {
    const entry = byName.get(name);
    if (entry === undefined || !isScalarF64(entry)) {
      return new ValidationError(
        name,
        `is listed as a number in ${METADATA_KEY}, but the file has ${
          entry === undefined ? "no such tensor" : `${entry.dtype} ${formatShape(entry.shape)}`
        } there, not an F64 scalar`,
      );
    }
  }
  return undefined;
}

function describeLeaf(leaf: Leaf): string {
  return typeof leaf === "number"
    ? "a number"
    : `${leaf.dtype === "f64" ? "F64" : "F32"} ${formatShape(leaf.shape as readonly number[])}`;
}

/**
 * The first difference between the file's entries and the template's leaves
 * (missing, extra, number vs tensor, shape, dtype), as an error.
 */
export function checkTemplate(
  entries: readonly HeaderEntry[],
  numbers: ReadonlySet<string>,
  template: readonly PathLeaf[],
): ValidationError | undefined {
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  for (const { path, leaf } of template) {
    const entry = byName.get(path);
    if (entry === undefined) {
      return new ValidationError(
        path,
        `is in the template (${describeLeaf(leaf)}) but missing from the file`,
      );
    }
    const expected = describeLeaf(leaf);
    const got = numbers.has(path) ? "a number" : `${entry.dtype} ${formatShape(entry.shape)}`;
    if ((typeof leaf === "number") !== numbers.has(path)) {
      return new ValidationError(
        path,
        `is ${got} in the file, but the template expects ${expected}`,
      );
    }
    if (typeof leaf !== "number") {
      const shape = leaf.shape as readonly number[];
      if (!sameShape(entry.shape, shape)) {
        return new ValidationError(
          path,
          `has shape ${formatShape(entry.shape)} in the file, but the template expects ${
            formatShape(shape)
          }`,
        );
      }
      if (DTYPE_OF[entry.dtype] !== leaf.dtype) {
        return new ValidationError(
          path,
          `is ${entry.dtype} in the file, but the template expects ${expected.split(" ")[0]}`,
        );
      }
    }
    byName.delete(path);
  }
  for (const name of byName.keys()) {
    return new ValidationError(name, "is in the file but not in the template");
  }
  return undefined;
}
