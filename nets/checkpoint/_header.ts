/**
 * Reading and checking a safetensors header: the 8-byte length, the JSON, its
 * io-ts codec, and the byte ranges of the tensors. Private to the checkpoint
 * room; every failure is a `ValidationError` naming the tensor and why.
 *
 * @module
 */
import * as t from "io-ts";
import * as E from "fp-ts/Either";
import type { Either } from "../../core/decode.ts";
import { ValidationError } from "../../core/errors.ts";
import { formatShape, sizeOf } from "../../core/shape.ts";
import type { DType } from "../../core/tensor.ts";

/** The key of the free-form string map in a safetensors header. */
export const METADATA_KEY = "__metadata__";

/** Bytes per element of each dtype, by its safetensors name. */
export const DTYPE_BYTES: Readonly<Record<"F32" | "F64", number>> = { F32: 4, F64: 8 };

/** Our dtype of each safetensors dtype name, and back. */
export const DTYPE_OF: Readonly<Record<"F32" | "F64", DType>> = { F32: "f32", F64: "f64" };

/** One checked tensor entry of a header. */
export interface HeaderEntry {
  /** The tensor's name: the tree path of its leaf. */
  readonly name: string;
  /** The safetensors dtype. */
  readonly dtype: "F32" | "F64";
  /** The dims. */
  readonly shape: number[];
  /** First byte in the data section (inclusive). */
  readonly begin: number;
  /** Last byte in the data section (exclusive). */
  readonly end: number;
}

/** A checked header: the entries in data order, the metadata, and where the data starts. */
export interface Header {
  /** The tensors, sorted by where their bytes start. */
  readonly entries: HeaderEntry[];
  /** The `__metadata__` string map (empty when absent). */
  readonly metadata: Record<string, string>;
  /** Offset of the data section in the file. */
  readonly dataStart: number;
}

const Natural = t.refinement(
  t.number,
  (n) => Number.isSafeInteger(n) && n >= 0,
  "a non-negative integer",
);

const EntryCodec = t.type({
  dtype: t.string,
  shape: t.array(Natural),
  data_offsets: t.tuple([Natural, Natural]),
});

const MetadataCodec = t.record(t.string, t.string);

function describe(errors: t.Errors): string {
  const error = errors[0];
  const field = error.context.slice(1).map(({ key }) => /^\d+$/.test(key) ? `[${key}]` : `.${key}`)
    .join("").replace(/^\./, "");
  const expected = error.context[error.context.length - 1]?.type.name ?? "a value";
  const got = JSON.stringify(error.value) ?? String(error.value);
  return `${field === "" ? "the entry" : field} must be ${expected}, got ${got}`;
}

function fail(path: string, problem: string): Either<ValidationError, never> {
  return E.left(new ValidationError(path, problem));
}

function parseJson(bytes: Uint8Array): Either<ValidationError, unknown> {
  try {
    return E.right(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)));
  } catch (error) {
    return fail("header", `is not UTF-8 JSON: ${(error as Error).message}`);
  }
}

/**
 * Reads and checks the header of a safetensors file: the length fits in the
 * file, the JSON is an object of entries `{ dtype, shape, data_offsets }`
 * plus an optional `__metadata__` string map, each dtype is F32 or F64, each
 * byte range matches its shape and lies in the data section, and the ranges
 * tile the data section exactly (no overlap, no gap, nothing after).
 */
export function readHeader(bytes: Uint8Array): Either<ValidationError, Header> {
  if (bytes.length < 8) {
    return fail(
      "header",
      `the file is truncated: ${bytes.length} bytes, too few for the 8-byte header length`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  if (headerLength > bytes.length - 8) {
    return fail(
      "header",
      `the header length ${headerLength} runs beyond the file of ${bytes.length} bytes ` +
        `(at most ${bytes.length - 8} would fit)`,
    );
  }
  const json = parseJson(bytes.subarray(8, 8 + headerLength));
  if (E.isLeft(json)) return json;
  const raw = json.right;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return fail("header", `must be a JSON object, got ${JSON.stringify(raw)}`);
  }
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  let metadata: Record<string, string> = {};
  const entries: HeaderEntry[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (name === METADATA_KEY) {
      const decoded = MetadataCodec.decode(value);
      if (E.isLeft(decoded)) {
        return fail(METADATA_KEY, `must map names to strings: ${describe(decoded.left)}`);
      }
      metadata = decoded.right;
      continue;
    }
    const decoded = EntryCodec.decode(value);
    if (E.isLeft(decoded)) return fail(name, describe(decoded.left));
    const { dtype, shape, data_offsets: [begin, end] } = decoded.right;
    if (dtype !== "F32" && dtype !== "F64") {
      return fail(name, `dtype must be "F32" or "F64", got ${JSON.stringify(dtype)}`);
    }
    if (end < begin || end > dataLength) {
      return fail(
        name,
        `data_offsets [${begin}, ${end}] lie outside the data section of ${dataLength} bytes` +
          (end > dataLength ? " (the file is truncated)" : ""),
      );
    }
    const needed = sizeOf(shape) * DTYPE_BYTES[dtype];
    if (end - begin !== needed) {
      return fail(
        name,
        `data_offsets [${begin}, ${end}] hold ${end - begin} bytes, but shape ` +
          `${formatShape(shape)} of ${dtype} needs ${needed}`,
      );
    }
    entries.push({ name, dtype, shape, begin, end });
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.begin < covered) {
      return fail(
        entry.name,
        `data_offsets [${entry.begin}, ${entry.end}] overlap those of ${entries[i - 1].name} [${
          entries[i - 1].begin
        }, ${entries[i - 1].end}]`,
      );
    }
    if (entry.begin > covered) {
      return fail(
        entry.name,
        `data_offsets [${entry.begin}, ${entry.end}] leave the bytes [${covered}, ${entry.begin}) ` +
          `of the data section unused`,
      );
    }
    covered = entry.end;
  }
  if (covered !== dataLength) {
    return fail(
      "header",
      `the tensors end at byte ${covered} of the data section, but the file has ` +
        `${dataLength - covered} more bytes`,
    );
  }
  return E.right({ entries, metadata, dataStart });
}
