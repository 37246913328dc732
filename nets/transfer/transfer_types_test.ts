/**
 * Compile-time tests of the partition types; `deno check` runs them.
 *
 * @module
 */
import { expectType } from "../../core/_type_assert.ts";
import type { Equal } from "../../core/_type_assert.ts";
import { grad } from "../../core/autodiff.ts";
import { key } from "../../core/random.ts";
import { ones } from "../../core/create.ts";
import type { Tensor } from "../../core/tensor.ts";
import { sum } from "../../ops/sum.ts";
import type { EmptyParams } from "../layer.ts";
import { dense } from "../dense.ts";
import { reluLayer } from "../activation.ts";
import { sequential } from "../sequential.ts";
import { adam } from "../optim/adam.ts";
import { partitionParams } from "./partition_params.ts";
import type { FlatParams } from "./partition_params.ts";
import { mergeParams } from "./merge_params.ts";

const params = { trunk: { w: ones([4, 2]) }, head: { w: ones([1, 4]), b: ones([1]) } };
type P = typeof params;

const byName = partitionParams(params, ["head"]);
expectType<Equal<typeof byName.trainable, Pick<P, "head">>>();
expectType<Equal<typeof byName.trainable.head.w, Tensor<[1, 4]>>>();
expectType<Equal<typeof byName.frozen.head, EmptyParams>>();
expectType<Equal<typeof byName.frozen.trunk, P["trunk"]>>();
const merged = mergeParams(byName.trainable, byName.frozen);
expectType<Equal<typeof merged, P>>();
const state = adam().init(byName.trainable);
expectType<Equal<typeof state.m, Pick<P, "head">>>();

const net = sequential(dense(4, 3), reluLayer, dense(3, 2));
const layers = net.init(key(0));
type L = typeof layers;
const head = partitionParams(layers, [2]);
expectType<Equal<typeof head.trainable, [EmptyParams, EmptyParams, L[2]]>>();
expectType<Equal<ReturnType<typeof mergeParams<L, typeof head.trainable, unknown>>, L>>();
const headGrads = grad((t: typeof head.trainable) =>
  sum(net.apply(mergeParams(t, head.frozen), ones([2, 4])))
)(
  head.trainable,
);
expectType<Equal<typeof headGrads, typeof head.trainable>>();

const byPath = partitionParams(params, (path) => path.startsWith("head"));
expectType<Equal<typeof byPath.trainable, FlatParams>>();
const pathState = adam().init(byPath.trainable);
expectType<Equal<typeof pathState.m, FlatParams>>();
const pathGrads = grad((t: FlatParams) => sum(mergeParams(t, byPath.frozen).head.b))(
  byPath.trainable,
);
expectType<Equal<typeof pathGrads, FlatParams>>();
expectType<Equal<typeof byPath.frozen.head.b, Tensor<[1]> | EmptyParams>>();
expectType<Equal<ReturnType<typeof mergeParams<P, FlatParams, unknown>>, P>>();

export function rejected(): void {
  // @ts-expect-error "tail" is not a subtree of params
  partitionParams(params, ["tail"]);
  // @ts-expect-error a 3-layer tuple has no index 3
  partitionParams(layers, [3]);
  const other = partitionParams(params, ["trunk"]);
  // @ts-expect-error the trainable part of one split does not fit another's frozen part
  mergeParams(other.trainable, byName.frozen);
}
