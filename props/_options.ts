/**
 * Validation of the arbitraries' numeric options.
 *
 * @module
 */

/** `value` if it is an integer ≥ `low`; a RangeError naming the option otherwise. */
export function integerIn(name: string, value: number, low: number): number {
  if (!Number.isSafeInteger(value) || value < low) {
    throw new RangeError(`${name} must be an integer >= ${low}, got ${value}`);
  }
  return value;
}
