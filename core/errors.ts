/**
 * The error classes of shapeflow: {@link ShapeError} for tensors whose shapes
 * do not fit, {@link DTypeError} for mixed or unsupported dtypes, and
 * {@link ValidationError} for data from outside that fails its codec.
 *
 * @module
 */

declare const shapeErrorMessage: unique symbol;

/**
 * Thrown when tensor shapes do not fit an op; at compile time the same name is
 * the branded type that an op's shape rule yields instead of a shape, so the
 * message the type checker prints names the op and the dims.
 *
 * Messages say what was expected and what came:
 * `Cannot matmul tensors of shapes [2, 3] and [5, 4]: inner dimensions 3 and 5 differ`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ShapeError } from "./errors.ts";
 * const error = new ShapeError("Cannot add tensors of shapes [2] and [3]");
 * assert(error instanceof TypeError);
 * ```
 */
export class ShapeError<Message extends string = string> extends TypeError {
  /** Compile-time carrier of the message; never set at run time. */
  declare readonly [shapeErrorMessage]: Message;
  /** Creates a shape error with a message naming the op, the shapes and the axis. */
  constructor(message: string) {
    super(message);
    this.name = "ShapeError";
  }
}

/**
 * Thrown when an op meets a dtype it does not accept, or two tensors of
 * different dtypes (shapeflow never converts silently).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DTypeError } from "./errors.ts";
 * assert(new DTypeError("f32 vs f64") instanceof TypeError);
 * ```
 */
export class DTypeError extends TypeError {
  /** Creates a dtype error. */
  constructor(message: string) {
    super(message);
    this.name = "DTypeError";
  }
}

/**
 * Thrown (or returned in an `Either`) when data from outside — JSON, nested
 * arrays of unknown shape, files — does not decode. `path` names the bad
 * element, such as `$[1][2]` or `$.shape[0]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ValidationError } from "./errors.ts";
 * const error = new ValidationError("$[1]", "expected an array of length 3, got length 2");
 * assert(error.message.startsWith("$[1]: expected"));
 * ```
 */
export class ValidationError extends TypeError {
  /** Where in the input the first bad element sits. */
  readonly path: string;
  /** Creates a validation error for the element at `path`. */
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = "ValidationError";
    this.path = path;
  }
}
