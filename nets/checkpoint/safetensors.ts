/**
 * Checkpoints in the safetensors layout: an 8-byte little-endian header
 * length, a JSON header naming each tensor's dtype, shape and byte range, and
 * the raw little-endian bytes. A tensor's name is its leaf's path in the tree
 * (`params.layers[0].w`, `optimizer.m.layers[0].w`). Plain numbers in the
 * tree (Adam's step count) are stored as F64 scalars and listed in
 * `__metadata__`, where the training step and the PRNG key ride too (as
 * strings, which is what safetensors keeps there). The files open with
 * Python's `safetensors` and the HuggingFace tools, and theirs open here.
 *
 * @module
 */
import * as E from "fp-ts/Either";
import type { Either } from "../../core/decode.ts";
import type { ValidationError } from "../../core/errors.ts";
import type { PRNGKey } from "../../core/random.ts";
import type { Shape } from "../../core/shape.ts";
import type { AnyTensor, DType } from "../../core/tensor.ts";
import { allocate, Tensor } from "../../core/tensor.ts";
import type { ParamTree } from "../../core/tree.ts";
import { DTYPE_BYTES, DTYPE_OF, METADATA_KEY, readHeader } from "./_header.ts";
import { metadataOf, readExtras } from "./_metadata.ts";
import { leavesOf, mapLeaves } from "./_tree.ts";
import type { Leaf } from "./_tree.ts";
import { checkNumbers, checkTemplate } from "./_check.ts";
export { NUMBERS_KEY, PRNG_KEY_KEY, STEP_KEY } from "./_metadata.ts";

/**
 * The constraint on what a checkpoint holds, used as `P extends
 * CheckpointTree<P>`: a parameter tree whose leaves may also be plain numbers
 * (`{ params, optimizer: { step: number; m: P; v: P } }`). Every
 * `ParamTree` is one, generic ones too (`P extends ParamTree<P>`).
 */
export type CheckpointTree<P> = ParamTree<P> | number | CheckpointChildren<P>;

/** The children of a checkpoint tree node: tensors, numbers, or trees in turn. */
export type CheckpointChildren<P> = {
  readonly [K in keyof P]: P[K] extends Tensor<Shape, DType> | number ? P[K]
    : P[K] extends object ? CheckpointChildren<P[K]>
    : never;
};

/** What goes into a checkpoint besides the tree. */
export interface CheckpointOptions {
  /** The training step (a non-negative integer). */
  readonly step?: number;
  /** The PRNG key to resume from. */
  readonly key?: PRNGKey;
  /** Free-form strings (a note, the recipe); the `shapeflow.` names are reserved. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** A decoded checkpoint: the tree, and the step, key and metadata when the file has them. */
export interface Checkpoint<P> {
  /** The tree, in the template's structure (or a flat record by path without one). */
  readonly tree: P;
  /** The training step, when saved. */
  readonly step?: number;
  /** The PRNG key, when saved. */
  readonly key?: PRNGKey;
  /** The other metadata strings (without the reserved names). */
  readonly metadata: Record<string, string>;
}

/** The tree of a checkpoint read without a template: leaves by path, in file order. */
export type FlatTree = Record<string, AnyTensor | number>;

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Copies `source`'s bytes to `target` in little-endian order (swapping on a big-endian host). */
function copyBytes(source: Uint8Array, target: Uint8Array, width: number): void {
  if (littleEndian) {
    target.set(source);
    return;
  }
  for (let i = 0; i < source.length; i += width) {
    for (let b = 0; b < width; b++) target[i + b] = source[i + width - 1 - b];
  }
}

function asTensor(leaf: Leaf): AnyTensor {
  return typeof leaf === "number"
    ? new Tensor<[], "f64">([], "f64", new Float64Array([leaf]))
    : leaf;
}

/**
 * Encodes a tree of tensors and numbers (params, optimiser state) and its
 * step, key and metadata as safetensors bytes. Tensors are named by their
 * tree paths; float64 tensors come first so that every tensor starts at a
 * multiple of its element size; the header is padded with spaces to a
 * multiple of 8 bytes, as safetensors does.
 *
 * @throws {RangeError} when two leaves share a path, a leaf is named `__metadata__`, the step
 * is not a non-negative integer, or the metadata uses a reserved name.
 * @throws {TypeError} when the tree holds something other than tensors, numbers, arrays and
 * plain records.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tensor, zeros } from "../../core/create.ts";
 * import { key } from "../../core/random.ts";
 * import { decodeCheckpoint, encodeCheckpoint } from "./safetensors.ts";
 * const params = { w: tensor([[1, 2], [3, 4]]), b: tensor([0.5, -0.5]) };
 * const optimizer = { step: 100, m: { w: zeros([2, 2]), b: zeros([2]) } };
 * const bytes = encodeCheckpoint({ params, optimizer }, { step: 100, key: key(7) });
 * const back = decodeCheckpoint(bytes, { params, optimizer });
 * assert(back._tag === "Right");
 * assert.deepEqual(back.right.tree.params.w.data, params.w.data);
 * assert.equal(back.right.tree.optimizer.step, 100);
 * assert.deepEqual(back.right.key?.words, [0, 7]);
 * ```
 */
export function encodeCheckpoint<P extends CheckpointTree<P>>(
  tree: P,
  options?: CheckpointOptions,
): Uint8Array {
  const leaves = leavesOf(tree);
  const seen = new Set<string>([METADATA_KEY]);
  for (const { path } of leaves) {
    if (seen.has(path)) {
      throw new RangeError(
        `encodeCheckpoint: two leaves, or a leaf and the metadata, share the name ${path}`,
      );
    }
    seen.add(path);
  }
  const numbers = leaves.filter(({ leaf }) => typeof leaf === "number").map(({ path }) => path);
  const tensors = leaves.map(({ path, leaf }) => ({ path, tensor: asTensor(leaf) }));
  const ordered = [
    ...tensors.filter(({ tensor }) => tensor.dtype === "f64"),
    ...tensors.filter(({ tensor }) => tensor.dtype !== "f64"),
  ];
  const header: Record<string, unknown> = {};
  const metadata = metadataOf(options, numbers);
  if (Object.keys(metadata).length > 0) header[METADATA_KEY] = metadata;
  let offset = 0;
  for (const { path, tensor } of ordered) {
    const end = offset + tensor.data.byteLength;
    header[path] = {
      dtype: tensor.dtype === "f64" ? "F64" : "F32",
      shape: [...(tensor.shape as readonly number[])],
      data_offsets: [offset, end],
    };
    offset = end;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setUint32(0, headerLength, true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const { tensor } of ordered) {
    const { buffer, byteOffset, byteLength, BYTES_PER_ELEMENT } = tensor.data;
    copyBytes(
      new Uint8Array(buffer, byteOffset, byteLength),
      out.subarray(at, at + byteLength),
      BYTES_PER_ELEMENT,
    );
    at += byteLength;
  }
  return out;
}

/**
 * Decodes safetensors bytes into a flat record of leaves by path (tensors,
 * and numbers where the file lists them). Everything is checked and copied
 * before anything is returned: a truncated file, a header length beyond the
 * file, byte ranges that overlap, leave gaps or run past the end, an unknown
 * dtype, and (with a template, the next overload) a shape or dtype other than
 * the template's and extra or missing tensors each give a `ValidationError`
 * whose path names the tensor (or `header`) and whose message says why.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tensor } from "../../core/create.ts";
 * import { decodeCheckpoint, encodeCheckpoint } from "./safetensors.ts";
 * const bytes = encodeCheckpoint({ layers: [{ w: tensor([[1, 2, 3]]) }], step: 4 });
 * const flat = decodeCheckpoint(bytes);
 * assert(flat._tag === "Right" && flat.right.tree.step === 4);
 * const w = flat.right.tree["layers[0].w"];
 * assert(typeof w !== "number" && w.shape[1] === 3);
 * ```
 */
export function decodeCheckpoint(bytes: Uint8Array): Either<ValidationError, Checkpoint<FlatTree>>;
/**
 * Decodes safetensors bytes that must hold exactly the leaves of `template`:
 * the same paths, and at each the same shape and dtype (or a number where the
 * template has one). The tree comes back typed like the template.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tensor, zeros } from "../../core/create.ts";
 * import { decodeCheckpoint, encodeCheckpoint } from "./safetensors.ts";
 * const bytes = encodeCheckpoint({ layers: [{ w: tensor([[1, 2, 3]]) }] });
 * const back = decodeCheckpoint(bytes, { layers: [{ w: zeros([1, 3]) }] });
 * assert(back._tag === "Right" && back.right.tree.layers[0].w.data[2] === 3);
 * const wrong = decodeCheckpoint(bytes, { layers: [{ w: zeros([3, 1]) }] });
 * assert(wrong._tag === "Left" && wrong.left.path === "layers[0].w");
 * assert.match(wrong.left.message, /shape \[1, 3\] in the file, but the template expects \[3, 1\]/);
 * ```
 */
export function decodeCheckpoint<P extends CheckpointTree<P>>(
  bytes: Uint8Array,
  template: P,
): Either<ValidationError, Checkpoint<P>>;
export function decodeCheckpoint<P extends CheckpointTree<P>>(
  bytes: Uint8Array,
  template?: P,
): Either<ValidationError, Checkpoint<P | FlatTree>> {
  const header = readHeader(bytes);
  if (E.isLeft(header)) return header;
  const { entries, metadata, dataStart } = header.right;
  const extras = readExtras(metadata);
  if (E.isLeft(extras)) return extras;
  const { numbers, ...rest } = extras.right;
  const mismatch = checkNumbers(entries, numbers) ??
    (template === undefined ? undefined : checkTemplate(entries, numbers, leavesOf(template)));
  if (mismatch !== undefined) return E.left(mismatch);
  const leaves: FlatTree = {};
  for (const { name, dtype, shape, begin, end } of entries) {
    const ours = DTYPE_OF[dtype];
    const data = allocate(ours, (end - begin) / DTYPE_BYTES[dtype]);
    copyBytes(
      bytes.subarray(dataStart + begin, dataStart + end),
      new Uint8Array(data.buffer),
      DTYPE_BYTES[dtype],
    );
    leaves[name] = numbers.has(name) ? data[0] : new Tensor(shape, ours, data);
  }
  const tree = template === undefined ? leaves : mapLeaves(template, (_, path) => leaves[path]);
  return E.right({ ...rest, tree: tree as P | FlatTree });
}
