/**
 * A choice among a few values (an activation, a layer size, an optimiser).
 *
 * @module
 */
import type { PRNGKey } from "../../core/random.ts";
import type { ChoiceDistribution } from "./distribution.ts";
import { drawUniform } from "./_check.ts";

/**
 * One of `values`, each equally likely, like Optuna's
 * `suggest_categorical`. The values' literal types are kept, so
 * `choice([64, 128])` samples `64 | 128`; the list is copied and frozen.
 *
 * @throws {RangeError} when `values` is empty.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { key } from "../../core/random.ts";
 * import { choice } from "./choice.ts";
 * const activation = choice(["relu", "tanh"]);
 * const picked: "relu" | "tanh" = activation.sample(key(3));
 * assert.ok(picked === "relu" || picked === "tanh");
 * assert.throws(() => choice([]), /at least one value/);
 * ```
 */
export function choice<const T extends readonly unknown[]>(
  values: T,
): ChoiceDistribution<T[number]> {
  if (!Array.isArray(values) || values.length === 0) {
    throw new RangeError(`choice: expected at least one value, got ${JSON.stringify(values)}`);
  }
  const frozen: readonly T[number][] = Object.freeze([...values]);
  return {
    kind: "choice",
    values: frozen,
    sample: (key: PRNGKey): T[number] =>
      frozen[Math.min(Math.floor(drawUniform(key, 0, 1) * frozen.length), frozen.length - 1)],
  };
}
