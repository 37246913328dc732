import assert from "node:assert/strict";
import fc from "fast-check";
import { fromArray, tensor, zeros } from "../../core/create.ts";
import { ValidationError } from "../../core/errors.ts";
import { key, split } from "../../core/random.ts";
import type { Tensor } from "../../core/tensor.ts";
import type { AnyTensor } from "../../core/tensor.ts";
import {
  decodeCheckpoint,
  encodeCheckpoint,
  NUMBERS_KEY,
  PRNG_KEY_KEY,
  STEP_KEY,
} from "./safetensors.ts";
import type { ParamTree } from "../../core/tree.ts";
import { leavesOf } from "./_tree.ts";

function bytesOf(x: AnyTensor): Uint8Array {
  return new Uint8Array(x.data.buffer, x.data.byteOffset, x.data.byteLength);
}

// --- the round trip, as a property over random trees ---------------------------------------

const leafArbitrary: fc.Arbitrary<AnyTensor> = fc
  .tuple(fc.constantFrom("f32", "f64"), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }))
  .chain(([dtype, shape]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const value = dtype === "f32" ? fc.float() : fc.double();
    return fc.array(value, { minLength: size, maxLength: size }).map((values) =>
      dtype === "f32"
        ? fromArray(Float32Array.from(values), shape)
        : fromArray(Float64Array.from(values), shape)
    );
  });

const { tree: treeArbitrary } = fc.letrec<{ tree: unknown }>((recur) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leafArbitrary,
    fc.double(),
    fc.array(recur("tree"), { maxLength: 3 }),
    fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/), recur("tree"), { maxKeys: 3 }),
  ),
}));

type Tree = Record<string, unknown>;

Deno.test("encode → decode is bit-exact over random trees of f32 and f64 tensors and numbers", () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/), treeArbitrary, { maxKeys: 4 }),
      fc.option(fc.nat(), { nil: undefined }),
      fc.tuple(fc.nat(), fc.nat()),
      (raw, step, [high, low]) => {
        const tree = raw as Tree;
        const prngKey = split(key(high * 1024 + low))[0];
        const bytes = encodeCheckpoint(tree as never, {
          ...(step === undefined ? {} : { step }),
          key: prngKey,
          metadata: { note: "round trip" },
        });
        for (const template of [tree, undefined]) {
          const decoded = template === undefined
            ? decodeCheckpoint(bytes)
            : decodeCheckpoint(bytes, template as never);
          assert.equal(decoded._tag, "Right");
          if (decoded._tag !== "Right") return;
          const expected = leavesOf(tree);
          const actual = template === undefined
            ? Object.entries(decoded.right.tree).map(([path, leaf]) => ({ path, leaf }))
            : leavesOf(decoded.right.tree);
          assert.equal(actual.length, expected.length);
          const byPath = new Map(actual.map(({ path, leaf }) => [path, leaf]));
          for (const { path, leaf } of expected) {
            const back = byPath.get(path);
            assert.ok(back !== undefined, path);
            if (typeof leaf === "number") {
              assert.ok(Object.is(back, leaf), `${path}: ${back} vs ${leaf}`);
              continue;
            }
            assert.ok(typeof back !== "number");
            assert.equal(back.dtype, leaf.dtype);
            assert.deepEqual(back.shape, leaf.shape);
            assert.deepEqual(bytesOf(back), bytesOf(leaf));
          }
          assert.equal(decoded.right.step, step);
          assert.deepEqual(decoded.right.key, prngKey);
          assert.deepEqual(decoded.right.metadata, { note: "round trip" });
        }
      },
    ),
    { seed: 20261128, numRuns: 150 },
  );
});

Deno.test("the template's tree comes back typed like it, with the same structure", () => {
  type Params = { layers: { w: Tensor<[2, 3]>; b: Tensor<[2]> }[]; scale: Tensor<[], "f64"> };
  const params: Params = {
    layers: [{ w: tensor([[1, 2, 3], [4, 5, 6]]), b: tensor([-0, Number.NaN]) }],
    scale: tensor(Number.POSITIVE_INFINITY, { dtype: "f64" }),
  };
  const decoded = decodeCheckpoint(encodeCheckpoint(params), params);
  assert.equal(decoded._tag, "Right");
  if (decoded._tag !== "Right") return;
  const back: Params = decoded.right.tree;
  assert.ok(Object.is(back.layers[0].b.data[0], -0));
  assert.ok(Number.isNaN(back.layers[0].b.data[1]));
  assert.equal(back.scale.data[0], Number.POSITIVE_INFINITY);
  assert.equal(decoded.right.step, undefined);
  assert.equal(decoded.right.key, undefined);
  assert.deepEqual(decoded.right.metadata, {});
});

Deno.test("the layout: 8-byte length, space-padded JSON, f64 first, every tensor aligned", () => {
  const bytes = encodeCheckpoint({ a: zeros([3]), b: zeros([1], { dtype: "f64" }) }, { step: 1 });
  const view = new DataView(bytes.buffer);
  const length = view.getUint32(0, true);
  assert.equal(view.getUint32(4, true), 0);
  assert.equal(length % 8, 0);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)));
  assert.deepEqual(header.b, { dtype: "F64", shape: [1], data_offsets: [0, 8] });
  assert.deepEqual(header.a, { dtype: "F32", shape: [3], data_offsets: [8, 20] });
  assert.deepEqual(header.__metadata__, { [STEP_KEY]: "1" });
  assert.equal(bytes.length, 8 + length + 20);
});

Deno.test("encodeCheckpoint rejects clashing names, bad steps and reserved metadata", () => {
  assert.throws(
    () => encodeCheckpoint({ "a[0]": zeros([1]), a: [zeros([1])] }),
    /share the name a\[0\]/,
  );
  assert.throws(() => encodeCheckpoint({ __metadata__: zeros([1]) }), RangeError);
  assert.throws(() => encodeCheckpoint({ a: zeros([1]) }, { step: -1 }), RangeError);
  assert.throws(
    () => encodeCheckpoint({ a: zeros([1]) }, { metadata: { [STEP_KEY]: "3" } }),
    RangeError,
  );
});

// --- corruption: each case names the tensor (or the header) and says why ---------------------

const params = {
  w: tensor([[1, 2, 3], [4, 5, 6]]),
  b: tensor([0.5, -0.5]),
  scale: tensor([2], { dtype: "f64" }),
};
const good = encodeCheckpoint(params, { step: 3, key: key(9) });

/** The bytes with the header replaced by `edit(header)` (re-padded), data unchanged. */
function withHeader(edit: (header: Record<string, unknown>) => void, data?: Uint8Array) {
  const length = new DataView(good.buffer).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(good.subarray(8, 8 + length)));
  edit(header);
  const json = new TextEncoder().encode(JSON.stringify(header));
  const body = data ?? good.subarray(8 + length);
  const out = new Uint8Array(8 + json.length + body.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 8);
  out.set(body, 8 + json.length);
  return out;
}

function rejects(bytes: Uint8Array, path: string, why: RegExp, template: unknown = params) {
  const decoded = decodeCheckpoint(bytes, template as typeof params);
  assert.equal(decoded._tag, "Left", `expected a rejection at ${path}`);
  if (decoded._tag !== "Left") return;
  assert.ok(decoded.left instanceof ValidationError);
  assert.equal(decoded.left.path, path);
  assert.match(decoded.left.message, why);
}

Deno.test("a truncated file is rejected, whatever the cut", () => {
  rejects(good.subarray(0, 5), "header", /truncated: 5 bytes/);
  const length = new DataView(good.buffer).getUint32(0, true);
  rejects(good.subarray(0, 8 + length - 1), "header", /header length \d+ runs beyond the file/);
  rejects(
    good.subarray(0, good.length - 1),
    "b",
    /data_offsets \[32, 40\] lie outside the data section of 39 bytes \(the file is truncated\)/,
  );
  for (let cut = 0; cut < good.length; cut++) {
    assert.equal(decodeCheckpoint(good.subarray(0, cut), params)._tag, "Left", `cut at ${cut}`);
  }
});

Deno.test("a header length beyond the file, or bad JSON, is rejected", () => {
  const huge = good.slice();
  new DataView(huge.buffer).setUint32(4, 1, true);
  rejects(huge, "header", /header length 4294967\d+ runs beyond the file of \d+ bytes/);
  const notJson = good.slice();
  notJson[8] = 0x5b; // "[" → an unterminated array
  rejects(notJson, "header", /is not UTF-8 JSON/);
  rejects(withHeader(() => {}, new Uint8Array(0)).subarray(0, 8 + 2), "header", /beyond/);
});

Deno.test("data offsets out of range, overlapping, leaving gaps or trailing bytes", () => {
  rejects(
    withHeader((h) => (h.b as { data_offsets: number[] }).data_offsets = [32, 48]),
    "b",
    /\[32, 48\] lie outside the data section of 40 bytes/,
  );
  rejects(
    withHeader((h) => (h.b as { data_offsets: number[] }).data_offsets = [8, 0]),
    "b",
    /\[8, 0\] lie outside/,
  );
  rejects(
    withHeader((h) => (h.b as { data_offsets: number[] }).data_offsets = [12, 20]),
    "b",
    /overlap those of w \[8, 32\]/,
  );
  rejects(
    withHeader((h) => (h.b as { data_offsets: number[] }).data_offsets = [12, 20]),
    "b",
    /overlap/,
  );
  const padded = new Uint8Array(48);
  padded.set(good.subarray(good.length - 40));
  rejects(
    withHeader((h) => (h.b as { data_offsets: number[] }).data_offsets = [40, 48], padded),
    "b",
    /leave the bytes \[32, 40\) of the data section unused/,
  );
  rejects(withHeader(() => {}, padded), "header", /the file has 8 more bytes/);
  rejects(
    withHeader((h) => (h.w as { data_offsets: number[] }).data_offsets = [8, 28]),
    "w",
    /hold 20 bytes, but shape \[2, 3\] of F32 needs 24/,
  );
});

Deno.test("a shape or dtype other than the template's, extra and missing tensors", () => {
  rejects(
    withHeader((h) => (h.w as { shape: number[] }).shape = [3, 2]),
    "w",
    /has shape \[3, 2\] in the file, but the template expects \[2, 3\]/,
  );
  rejects(
    encodeCheckpoint({ ...params, scale: tensor([2]) }),
    "scale",
    /is F32 in the file, but the template expects F64/,
  );
  rejects(
    encodeCheckpoint({ ...params, extra: zeros([1]) }),
    "extra",
    /is in the file but not in the template/,
  );
  rejects(
    encodeCheckpoint({ w: params.w, scale: params.scale }),
    "b",
    /is in the template \(F32 \[2\]\) but missing from the file/,
  );
  rejects(
    withHeader((h) => (h.w as { dtype: string }).dtype = "BF16"),
    "w",
    /dtype must be "F32" or "F64", got "BF16"/,
    undefined,
  );
  rejects(
    withHeader((h) => (h.w as { shape: unknown[] }).shape = [2, -3]),
    "w",
    /shape\[1\] must be a non-negative integer, got -3/,
  );
  rejects(
    withHeader((h) => delete (h.w as Record<string, unknown>).data_offsets),
    "w",
    /data_offsets must be/,
  );
});

Deno.test("bad step, key and metadata are rejected by name", () => {
  rejects(
    withHeader((h) => (h.__metadata__ as Record<string, string>)[STEP_KEY] = "-1"),
    `__metadata__.${STEP_KEY}`,
    /must be a non-negative integer, got "-1"/,
  );
  rejects(
    withHeader((h) => (h.__metadata__ as Record<string, string>)[PRNG_KEY_KEY] = "[1, 2, 3]"),
    `__metadata__.${PRNG_KEY_KEY}`,
    /must be two uint32 words/,
  );
  rejects(
    withHeader((h) => (h.__metadata__ as Record<string, unknown>).note = 5),
    "__metadata__",
    /must map names to strings/,
  );
});

Deno.test("nothing is half-loaded: a rejection returns no tree at all", () => {
  const bad = withHeader((h) => (h.w as { shape: number[] }).shape = [3, 2]);
  const decoded = decodeCheckpoint(bad, params);
  assert.deepEqual(Object.keys(decoded), ["_tag", "left"]);
  // The decoded tensors never alias the file's bytes.
  const ok = decodeCheckpoint(good, params);
  assert.ok(ok._tag === "Right");
  assert.notEqual(ok.right.tree.w.data.buffer, good.buffer);
});

Deno.test("numbers in the tree: Adam-like state round-trips; kinds must match the template", () => {
  const params = { w: tensor([[1, 2]]) };
  const state = { step: 12, m: { w: tensor([[0.1, 0.2]]) }, beta: -0 };
  const bytes = encodeCheckpoint({ params, optimizer: state });
  const back = decodeCheckpoint(bytes, { params, optimizer: state });
  assert.ok(back._tag === "Right");
  const step: number = back.right.tree.optimizer.step;
  assert.equal(step, 12);
  assert.ok(Object.is(back.right.tree.optimizer.beta, -0));
  const flat = decodeCheckpoint(bytes);
  assert.ok(flat._tag === "Right" && flat.right.tree["optimizer.step"] === 12);
  rejects(
    bytes,
    "optimizer.step",
    /is a number in the file, but the template expects F64 \[\]/,
    { params, optimizer: { ...state, step: tensor(12, { dtype: "f64" }) } },
  );
  rejects(
    encodeCheckpoint({ params, optimizer: { ...state, step: tensor(12, { dtype: "f64" }) } }),
    "optimizer.step",
    /is F64 \[\] in the file, but the template expects a number/,
    { params, optimizer: state },
  );
  rejects(
    withHeader((h) => (h.__metadata__ as Record<string, string>)[NUMBERS_KEY] = '["w"]'),
    "w",
    /is listed as a number in __metadata__, but the file has F32 \[2, 3\] there/,
  );
  rejects(
    withHeader((h) => (h.__metadata__ as Record<string, string>)[NUMBERS_KEY] = "w"),
    `__metadata__.${NUMBERS_KEY}`,
    /must be a JSON array of tensor names/,
  );
  assert.throws(
    () => encodeCheckpoint({ a: "text" } as never),
    /at a it holds a string/,
  );
});

Deno.test("a generic parameter tree is a checkpoint tree", () => {
  function roundTrip<P extends ParamTree<P>>(params: P): P {
    const back = decodeCheckpoint(encodeCheckpoint(params), params);
    if (back._tag === "Left") throw back.left;
    return back.right.tree;
  }
  assert.equal(roundTrip({ w: zeros([2]) }).w.size, 2);
});
