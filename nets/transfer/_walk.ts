/**
 * The small tree helpers `partitionParams` and `mergeParams` share.
 *
 * @module
 */

/** Whether `value` is a plain record (not an array, not a class instance such as a tensor). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A child's path as `treeLeaves` writes it: keys joined by dots, indices in brackets. */
export function joinPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
}

/** Whether `value` is `{}`: the placeholder of a subtree that lives in the other part. */
export function isEmptyRecord(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length === 0;
}
