/**
 * Walks nested arrays of numbers of unknown structure: checks that they are
 * rectangular and hold only numbers, and flattens them row-major.
 *
 * @module
 */

/** A flattened nested array. */
export interface Flattened {
  readonly shape: number[];
  readonly values: number[];
}

/** Where a nested array went wrong, and how. */
export interface NestedProblem {
  /** Indices from the top, such as `[1, 2]` for `$[1][2]`. */
  readonly indices: number[];
  readonly problem: string;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value === null) return "null";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Flattens `input`, or says which element breaks the rectangle. */
export function flattenNested(input: unknown): Flattened | NestedProblem {
  const shape: number[] = [];
  let probe: unknown = input;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  const values: number[] = [];
  const indices: number[] = [];
  const walk = (value: unknown, depth: number): NestedProblem | undefined => {
    if (depth === shape.length) {
      if (typeof value !== "number") {
        return { indices: [...indices], problem: `expected a number, got ${describe(value)}` };
      }
      values.push(value);
      return undefined;
    }
    if (!Array.isArray(value) || value.length !== shape[depth]) {
      return {
        indices: [...indices],
        problem: `expected an array of length ${shape[depth]} (the nested array must be ` +
          `rectangular, shape [${shape.join(", ")}]), got ${describe(value)}`,
      };
    }
    for (let i = 0; i < value.length; i++) {
      indices.push(i);
      const problem = walk(value[i], depth + 1);
      if (problem !== undefined) return problem;
      indices.pop();
    }
    return undefined;
  };
  return walk(input, 0) ?? { shape, values };
}

/** `[1, 2]` → `"$[1][2]"`. */
export function pathOf(indices: readonly (number | string)[]): string {
  return "$" + indices.map((key) => typeof key === "number" ? `[${key}]` : `.${key}`).join("");
}
