/**
 * Saving and loading checkpoints as `.safetensors` files with Deno's file
 * APIs (needs `--allow-write` to save and `--allow-read` to load).
 *
 * @module
 */
import type { Either } from "../../core/decode.ts";
import type { ValidationError } from "../../core/errors.ts";
import { decodeCheckpoint, encodeCheckpoint } from "./safetensors.ts";
import type { Checkpoint, CheckpointOptions, CheckpointTree, FlatTree } from "./safetensors.ts";

/**
 * Writes `tree` (tensors and numbers: params, optimiser state) with its
 * step, key and metadata to `path` in the safetensors layout. The bytes go to
 * `path + ".partial"` first and are then renamed over `path`, so a crash
 * mid-write leaves the old checkpoint intact.
 *
 * @throws {RangeError} as {@link encodeCheckpoint} does; file-system errors as `Deno.writeFile` does.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tensor } from "../../core/create.ts";
 * import { loadCheckpoint, saveCheckpoint } from "./file.ts";
 * if ((await Deno.permissions.query({ name: "write" })).state === "granted") {
 *   const path = await Deno.makeTempFile({ suffix: ".safetensors" });
 *   const params = { w: tensor([[1, 2]]), b: tensor([3]) };
 *   const optimizer = { step: 5, m: { w: tensor([[0, 0]]), b: tensor([0]) } };
 *   await saveCheckpoint(path, { params, optimizer }, { step: 5 });
 *   const back = await loadCheckpoint(path, { params, optimizer });
 *   assert(back._tag === "Right" && back.right.tree.optimizer.step === 5);
 *   await Deno.remove(path);
 * }
 * ```
 */
export async function saveCheckpoint<P extends CheckpointTree<P>>(
  path: string | URL,
  tree: P,
  options?: CheckpointOptions,
): Promise<void> {
  const bytes = encodeCheckpoint(tree, options);
  const partial = `${path instanceof URL ? decodeURIComponent(path.pathname) : path}.partial`;
  await Deno.writeFile(partial, bytes);
  await Deno.rename(partial, path);
}

/**
 * Reads the checkpoint at `path` and decodes it with {@link decodeCheckpoint}:
 * without a template the tree comes back as a flat record of tensors by path;
 * with one (the next overload), typed like it. A malformed or mismatched file
 * gives `Left(ValidationError)`; a missing file rejects as `Deno.readFile` does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadCheckpoint } from "./file.ts";
 * const url = new URL("./testdata/tiny.safetensors", import.meta.url);
 * const loaded = await loadCheckpoint(url);
 * assert(loaded._tag === "Right" && loaded.right.step === 42);
 * assert.deepEqual(Object.keys(loaded.right.tree), ["scale", "layers[0].b", "layers[0].w"]);
 * ```
 */
export function loadCheckpoint(
  path: string | URL,
): Promise<Either<ValidationError, Checkpoint<FlatTree>>>;
/**
 * Reads the checkpoint at `path`, which must hold exactly the leaves of
 * `template` (same paths, shapes and dtypes); the tree comes back typed like it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { zeros } from "../../core/create.ts";
 * import { loadCheckpoint } from "./file.ts";
 * const template = { layers: [{ w: zeros([2, 3]), b: zeros([2]) }], scale: zeros([], { dtype: "f64" }) };
 * const url = new URL("./testdata/tiny.safetensors", import.meta.url);
 * const loaded = await loadCheckpoint(url, template);
 * assert(loaded._tag === "Right");
 * assert.deepEqual(Array.from(loaded.right.tree.layers[0].b.data), [0.5, -0.25]);
 * ```
 */
export function loadCheckpoint<P extends CheckpointTree<P>>(
  path: string | URL,
  template: P,
): Promise<Either<ValidationError, Checkpoint<P>>>;
export async function loadCheckpoint<P extends CheckpointTree<P>>(
  path: string | URL,
  template?: P,
): Promise<Either<ValidationError, Checkpoint<P | FlatTree>>> {
  const bytes = await Deno.readFile(path);
  return template === undefined ? decodeCheckpoint(bytes) : decodeCheckpoint(bytes, template);
}
