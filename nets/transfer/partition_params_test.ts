import assert from "node:assert/strict";
import { valueAndGrad } from "../../core/autodiff.ts";
import { ones, tensor, zeros } from "../../core/create.ts";
import { key, split } from "../../core/random.ts";
import { randomNormal } from "../../core/sample.ts";
import { treeLeaves } from "../../core/tree.ts";
import { softmaxCrossEntropy } from "../../ops/softmax_cross_entropy.ts";
import { mul } from "../../ops/mul.ts";
import { sum } from "../../ops/sum.ts";
import { dense } from "../dense.ts";
import { reluLayer } from "../activation.ts";
import { sequential } from "../sequential.ts";
import { adam } from "../optim/adam.ts";
import { applyUpdates } from "../optim/optimizer.ts";
import { partitionParams } from "./partition_params.ts";
import { mergeParams } from "./merge_params.ts";

const paths = (tree: object) => treeLeaves(tree as never).map((leaf) => leaf.path);

Deno.test("partitionParams by record keys: the named subtrees, the rest with {} in their place", () => {
  const params = { trunk: { w: ones([3, 2]) }, neck: { w: ones([2, 3]) }, head: { b: ones([2]) } };
  const { trainable, frozen } = partitionParams(params, ["head", "neck"]);
  assert.deepEqual(Object.keys(trainable), ["neck", "head"]);
  assert.equal(trainable.head.b, params.head.b); // shared, not copied
  assert.deepEqual(frozen, { trunk: params.trunk, neck: {}, head: {} });
  const merged = mergeParams(trainable, frozen);
  assert.deepEqual(Object.keys(merged), ["trunk", "neck", "head"]); // the original key order
  assert.equal(merged.trunk.w, params.trunk.w);
  assert.equal(merged.neck.w, params.neck.w);
  // Nothing selected and everything selected.
  assert.deepEqual(partitionParams(params, []).trainable, {});
  assert.deepEqual(paths(partitionParams(params, ["trunk", "neck", "head"]).trainable), [
    "trunk.w",
    "neck.w",
    "head.b",
  ]);
});

Deno.test("partitionParams by tuple indices: sequential's params keep their length", () => {
  const net = sequential(dense(4, 3), reluLayer, dense(3, 2));
  const params = net.init(key(0));
  const { trainable, frozen } = partitionParams(params, [2]);
  assert.deepEqual(trainable[0], {});
  assert.deepEqual(trainable[1], {});
  assert.equal(trainable[2].w, params[2].w);
  assert.deepEqual(frozen[2], {});
  assert.equal(frozen[0].w, params[0].w);
  const merged = mergeParams(trainable, frozen);
  assert.deepEqual(merged, params);
  assert.deepEqual(net.apply(merged, ones([1, 4])).data, net.apply(params, ones([1, 4])).data);
  assert.deepEqual(paths(trainable), ["[2].w", "[2].b"]);
});

Deno.test("partitionParams by a predicate on paths, at any depth", () => {
  const params = {
    encoder: { layers: [{ w: ones([2]), b: ones([1]) }, { w: ones([2]), b: ones([1]) }] },
    head: { w: ones([3]), b: ones([1]) },
    empty: {},
  };
  const seen: string[] = [];
  const { trainable, frozen } = partitionParams(params, (path) => {
    seen.push(path);
    return path.endsWith(".b") && !path.startsWith("encoder.layers[0]");
  });
  assert.deepEqual(seen, [
    "encoder.layers[0].w",
    "encoder.layers[0].b",
    "encoder.layers[1].w",
    "encoder.layers[1].b",
    "head.w",
    "head.b",
  ]);
  // Trainable: flat, keyed by path (and treeLeaves lists it under the same paths).
  assert.deepEqual(Object.keys(trainable), ["encoder.layers[1].b", "head.b"]);
  assert.equal(trainable["head.b"], params.head.b);
  assert.deepEqual(paths(trainable), ["encoder.layers[1].b", "head.b"]);
  // Frozen: the whole structure, {} where a trainable leaf was, empty subtrees kept.
  assert.deepEqual(paths(frozen), [
    "encoder.layers[0].w",
    "encoder.layers[0].b",
    "encoder.layers[1].w",
    "head.w",
  ]);
  assert.deepEqual(frozen.head.b, {});
  assert.deepEqual(frozen.empty, {});
  const merged = mergeParams(trainable, frozen);
  assert.deepEqual(merged, params);
  assert.deepEqual(Object.keys(merged), ["encoder", "head", "empty"]);
  // A predicate that selects nothing or everything.
  const none = partitionParams(params, () => false);
  assert.deepEqual(none.trainable, {});
  assert.deepEqual(mergeParams(none.trainable, none.frozen), params);
  const all = partitionParams([{ w: ones([1]) }, {}], () => true);
  assert.deepEqual(Object.keys(all.trainable), ["[0].w"]);
  assert.deepEqual(all.frozen, [{ w: {} }, {}]);
  assert.deepEqual(mergeParams(all.trainable, all.frozen), [{ w: ones([1]) }, {}]);
});

Deno.test("a predicate split trains like a split by names", () => {
  const params = { a: tensor([1, 2]), b: tensor([3, 4]) };
  const byPath = partitionParams(params, (path) => path === "b");
  const byName = partitionParams(params, ["b"]);
  assert.deepEqual(byPath.trainable, byName.trainable);
  const loss = (p: typeof params) => sum(mul(p.a, p.b));
  const gPath = valueAndGrad((t: typeof byPath.trainable) => loss(mergeParams(t, byPath.frozen)))(
    byPath.trainable,
  )[1];
  const gName = valueAndGrad((t: typeof byName.trainable) => loss(mergeParams(t, byName.frozen)))(
    byName.trainable,
  )[1];
  assert.deepEqual(Array.from(gPath["b"].data), [1, 2]);
  assert.deepEqual(Array.from(gName.b.data), [1, 2]);
});

Deno.test("training the trainable part: frozen leaves stay bit-identical, state has no frozen leaves", () => {
  const net = sequential(dense(5, 8), reluLayer, dense(8, 3));
  const [initKey, dataKey] = split(key(1));
  const params = net.init(initKey);
  const before = treeLeaves(params).map(({ path, leaf }) =>
    [path, Float32Array.from(leaf.data)] as const
  );
  const x = randomNormal(dataKey, [32, 5]);
  const labels = Array.from({ length: 32 }, (_, i) => i % 3);
  const onehot = tensor(labels.map((l) => [0, 1, 2].map((c) => (c === l ? 1 : 0))));
  const { trainable, frozen } = partitionParams(params, [2]);
  const loss = valueAndGrad((t: typeof trainable) =>
    softmaxCrossEntropy(net.apply(mergeParams(t, frozen), x), onehot)
  );
  const optimizer = adam({ learningRate: 0.05 });
  let state = optimizer.init(trainable);
  assert.deepEqual(paths(state.m), ["[2].w", "[2].b"]);
  assert.deepEqual(paths(state.v), ["[2].w", "[2].b"]);
  let current = trainable;
  const losses: number[] = [];
  for (let step = 0; step < 20; step++) {
    const [value, grads] = loss(current);
    assert.deepEqual(paths(grads), ["[2].w", "[2].b"]);
    losses.push(value.data[0]);
    const { updates, state: next } = optimizer.update(grads, state, current);
    current = applyUpdates(current, updates);
    state = next;
  }
  assert(losses[19] < losses[0] - 0.1, `losses ${losses[0]} → ${losses[19]}`);
  const after = mergeParams(current, frozen);
  for (const [path, data] of before) {
    const leaf = treeLeaves(after).find((l) => l.path === path)!.leaf;
    if (path.startsWith("[0]")) assert.deepEqual(leaf.data, data, `${path} must not move`);
    else assert.notDeepEqual(leaf.data, data, `${path} must train`);
  }
  assert.equal(after[0].w, params[0].w);
});

Deno.test("partitionParams and mergeParams: bad names, bad trees, parts that do not fit", () => {
  const params = { trunk: { w: ones([1]) }, head: { w: ones([1]) } };
  assert.throws(
    () => partitionParams(params, ["tail" as "head"]),
    new TypeError(
      'partitionParams: expected names of the tree\'s subtrees (trunk, head), got "tail"',
    ),
  );
  assert.throws(() => partitionParams([ones([1])], [3 as 0]), TypeError);
  assert.throws(
    () => partitionParams(ones([2]) as unknown as object, () => true),
    new TypeError("partitionParams: expected a tree of records or arrays, got a tensor"),
  );
  assert.throws(
    () => partitionParams({ a: { n: 3 } }, () => true),
    new TypeError(
      "partitionParams: a parameter tree holds tensors, arrays and plain records only; at a.n " +
        "it holds number",
    ),
  );
  const { trainable, frozen } = partitionParams(params, ["head"]);
  const other = partitionParams(params, ["trunk"]);
  assert.throws(
    () => mergeParams({ ...trainable, trunk: { w: zeros([1]) } } as typeof trainable, frozen),
    new TypeError(
      "mergeParams: the parts do not fit together at trunk.w: the trainable part holds a " +
        "tensor, the frozen part a tensor",
    ),
  );
  assert.throws(
    () => mergeParams({ tail: { w: zeros([1]) } } as unknown as typeof trainable, frozen),
    new TypeError("mergeParams: the frozen part has no place for the trainable tail"),
  );
  const flat = partitionParams(params, (path) => path === "head.w");
  assert.throws(
    () => mergeParams({ "trunk.w": zeros([1]) }, flat.frozen),
    new TypeError(
      "mergeParams: the parts do not fit together at trunk.w: the trainable part holds a tensor, " +
        "the frozen part a tensor",
    ),
  );
  assert.throws(
    () => mergeParams({ "head.v": zeros([1]) }, flat.frozen),
    new TypeError("mergeParams: the frozen part has no place for the trainable head.v"),
  );
  assert.deepEqual(mergeParams(other.trainable, other.frozen), params);
});
