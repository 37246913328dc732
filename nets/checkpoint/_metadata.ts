/**
 * The step and the PRNG key in a safetensors `__metadata__` map (whose values
 * are strings): written by `encodeCheckpoint`, checked with io-ts by
 * `decodeCheckpoint`. Private to the checkpoint room.
 *
 * @module
 */
import * as t from "io-ts";
import * as E from "fp-ts/Either";
import type { Either } from "../../core/decode.ts";
import { ValidationError } from "../../core/errors.ts";
import type { PRNGKey } from "../../core/random.ts";
import { METADATA_KEY } from "./_header.ts";

/** The metadata key of the training step, in decimal; other keys are the caller's. */
export const STEP_KEY = "shapeflow.step";
/** The metadata key of the PRNG key's two words, as JSON `[high, low]`. */
export const PRNG_KEY_KEY = "shapeflow.prng_key";
/** The metadata key listing, as a JSON array, the tensors that hold a plain number. */
export const NUMBERS_KEY = "shapeflow.numbers";

const RESERVED = new Set([STEP_KEY, PRNG_KEY_KEY, NUMBERS_KEY]);

/** What the metadata carries besides the tree: the step, the key and the caller's strings. */
export interface CheckpointExtras {
  /** The training step (a non-negative integer). */
  readonly step?: number;
  /** The PRNG key to resume from. */
  readonly key?: PRNGKey;
  /** Free-form strings (a note, the recipe); the `shapeflow.` names are reserved. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * The metadata map of a checkpoint: the caller's strings plus the step, the
 * key and the paths of the leaves that are plain numbers.
 */
export function metadataOf(
  options: CheckpointExtras | undefined,
  numbers: readonly string[],
): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(options?.metadata ?? {})) {
    if (RESERVED.has(name)) {
      throw new RangeError(`encodeCheckpoint: the metadata name ${name} is reserved`);
    }
    if (typeof value !== "string") {
      throw new TypeError(`encodeCheckpoint: metadata ${name} must be a string, got ${value}`);
    }
    metadata[name] = value;
  }
  const step = options?.step;
  if (step !== undefined) {
    if (!Number.isSafeInteger(step) || step < 0) {
      throw new RangeError(`encodeCheckpoint: step must be a non-negative integer, got ${step}`);
    }
    metadata[STEP_KEY] = String(step);
  }
  if (options?.key !== undefined) metadata[PRNG_KEY_KEY] = JSON.stringify(options.key.words);
  if (numbers.length > 0) metadata[NUMBERS_KEY] = JSON.stringify(numbers);
  return metadata;
}

const StepCodec = t.refinement(
  t.string,
  (s) => /^(0|[1-9]\d{0,15})$/.test(s) && Number.isSafeInteger(Number(s)),
  "a decimal step",
);
const Word = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32,
  "a uint32",
);
const WordsCodec = t.tuple([Word, Word]);
const NumbersCodec = t.array(t.string);

/** What {@link readExtras} finds: the step, key and caller's strings, and the number leaves. */
export interface Extras extends CheckpointExtras {
  /** The caller's strings, without the reserved names. */
  readonly metadata: Record<string, string>;
  /** The paths of the tensors that hold a plain number. */
  readonly numbers: ReadonlySet<string>;
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Reads the step and the key back out of a metadata map; the rest is the caller's. */
export function readExtras(
  metadata: Record<string, string>,
): Either<ValidationError, Extras> {
  const rest: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata)) {
    if (!RESERVED.has(name)) rest[name] = value;
  }
  let step: number | undefined;
  if (STEP_KEY in metadata) {
    const value = metadata[STEP_KEY];
    if (E.isLeft(StepCodec.decode(value))) {
      return E.left(
        new ValidationError(
          `${METADATA_KEY}.${STEP_KEY}`,
          `must be a non-negative integer, got ${JSON.stringify(value)}`,
        ),
      );
    }
    step = Number(value);
  }
  let key: PRNGKey | undefined;
  if (PRNG_KEY_KEY in metadata) {
    const value = metadata[PRNG_KEY_KEY];
    const words = parseJson(value);
    const decoded = WordsCodec.decode(words);
    if (E.isLeft(decoded) || (words as unknown[]).length !== 2) {
      return E.left(
        new ValidationError(
          `${METADATA_KEY}.${PRNG_KEY_KEY}`,
          `must be two uint32 words [high, low], got ${JSON.stringify(value)}`,
        ),
      );
    }
    key = Object.freeze({ kind: "PRNGKey", words: Object.freeze(decoded.right) }) as PRNGKey;
  }
  let numbers: string[] = [];
  if (NUMBERS_KEY in metadata) {
    const decoded = NumbersCodec.decode(parseJson(metadata[NUMBERS_KEY]));
    if (E.isLeft(decoded)) {
      return E.left(
        new ValidationError(
          `${METADATA_KEY}.${NUMBERS_KEY}`,
          `must be a JSON array of tensor names, got ${JSON.stringify(metadata[NUMBERS_KEY])}`,
        ),
      );
    }
    numbers = decoded.right;
  }
  return E.right({
    ...(step === undefined ? {} : { step }),
    ...(key === undefined ? {} : { key }),
    metadata: rest,
    numbers: new Set(numbers),
  });
}
