/**
 * Compile-time tests of batch norm: its params and state types, the shapes it
 * takes (any rank, last axis `C`), the output shape and state inferred
 * through `sequential`, and the compositions that must not compile, with the
 * error naming batchNorm and both shapes. The `Deno.test` at the end runs the
 * same calls so the run-time twins agree.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Equal } from "../core/_type_assert.ts";
import { expectType } from "../core/_type_assert.ts";
import { zeros } from "../core/create.ts";
import { ShapeError } from "../core/errors.ts";
import { key } from "../core/random.ts";
import type { Tensor } from "../core/tensor.ts";
import type { DTypeOf, EmptyParams, InputOf, OutputOf, ParamsOf, StateOf } from "./layer.ts";
import type { BatchNormLayer, BatchNormParams, BatchNormState } from "./batch_norm.ts";
import { batchNorm } from "./batch_norm.ts";
import { dense } from "./dense.ts";
import type { DenseLayer } from "./dense.ts";
import { reluLayer } from "./activation.ts";
import type { SequentialFold } from "./sequential.ts";
import { sequential } from "./sequential.ts";

function typeTests(): void {
  // ---- the layer alone ----
  const bn = batchNorm(128);
  expectType<Equal<typeof bn, BatchNormLayer<128>>>();
  expectType<Equal<ParamsOf<typeof bn>, { gamma: Tensor<[128]>; beta: Tensor<[128]> }>>();
  expectType<Equal<StateOf<typeof bn>, { mean: Tensor<[128]>; variance: Tensor<[128]> }>>();
  expectType<Equal<DTypeOf<BatchNormLayer<4, "f64">>, "f64">>();
  const params = bn.init(key(0));
  const state = bn.initState();
  // Rank 2 (dense activations) and rank 4 (NHWC conv activations) keep their type.
  const dense2 = bn.applyWithState(params, state, zeros([32, 128]), { training: true });
  expectType<Equal<typeof dense2.output, Tensor<[32, 128]>>>();
  expectType<Equal<typeof dense2.state, BatchNormState<128>>>();
  const conv = bn.applyWithState(params, state, zeros([2, 5, 5, 128]));
  expectType<Equal<typeof conv.output, Tensor<[2, 5, 5, 128]>>>();
  const named = bn.applyWithState(params, state, zeros([2, 128]) as unknown as Tensor<["B", 128]>);
  expectType<Equal<typeof named.output, Tensor<["B", 128]>>>();
  // @ts-expect-error the last axis must be 128
  assert.throws(() => bn.applyWithState(params, state, zeros([32, 64])), ShapeError);
  // @ts-expect-error a rank-1 input has no batch axis beside the features
  assert.throws(() => bn.applyWithState(params, state, zeros([128])), ShapeError);
  // @ts-expect-error the state is not the params
  assert.throws(() => bn.applyWithState(params, params, zeros([2, 128])), ShapeError);
  // @ts-expect-error f32 params take f32 inputs
  assert.throws(() => bn.applyWithState(params, state, zeros([2, 128], { dtype: "f64" })));

  // ---- through sequential ----
  const net = sequential(
    dense(784, 128, { bias: false }),
    batchNorm(128),
    reluLayer,
    dense(128, 10),
  );
  expectType<Equal<InputOf<typeof net>, [784]>>();
  expectType<Equal<OutputOf<typeof net>, [10]>>();
  const netParams = net.init(key(0));
  expectType<
    Equal<
      typeof netParams,
      [{ w: Tensor<[128, 784]> }, BatchNormParams<128>, EmptyParams, {
        w: Tensor<[10, 128]>;
        b: Tensor<[10]>;
      }]
    >
  >();
  const netState = net.initState();
  expectType<
    Equal<typeof netState, [EmptyParams, BatchNormState<128>, EmptyParams, EmptyParams]>
  >();
  const step = net.applyWithState(netParams, netState, zeros([32, 784]), { training: true });
  expectType<Equal<typeof step.output, Tensor<[32, 10]>>>();
  expectType<Equal<typeof step.state, typeof netState>>();
  // A network is a stateful layer: it nests, and its state is a tuple entry.
  const outer = sequential(net, reluLayer, dense(10, 2));
  expectType<Equal<StateOf<typeof outer>[0], typeof netState>>();
  expectType<Equal<OutputOf<typeof outer>, [2]>>();
  // Batch norm first: the network's shape comes from the next layer with one.
  const first = sequential(batchNorm(784), dense(784, 10));
  expectType<Equal<InputOf<typeof first>, [784]>>();
  expectType<Equal<OutputOf<typeof first>, [10]>>();

  // ---- mismatches land on batch norm and name both shapes ----
  expectType<
    Equal<
      SequentialFold<[DenseLayer<784, 128>, BatchNormLayer<64>]>,
      ShapeError<"sequential: layer #1 (batchNorm): expects [..., 64], got [128]">
    >
  >();
  // @ts-expect-error sequential: layer #1 (batchNorm): expects [..., 64], got [128]
  assert.throws(() => sequential(dense(784, 128), batchNorm(64)), ShapeError);
  assert.throws(
    () =>
      sequential(
        dense(784, 128, { bias: false }),
        reluLayer,
        // @ts-expect-error sequential: layer #2 (batchNorm): expects [..., 64], got [128]
        batchNorm(64),
        dense(64, 10),
      ),
    new ShapeError("sequential: layer #2 (batchNorm): expects [..., 64], got [128]"),
  );
  // @ts-expect-error sequential: layer #1 (batchNorm): its params are f64, the layers before it f32
  assert.throws(() => sequential(dense(4, 3), batchNorm(3, { dtype: "f64" })));
}

Deno.test("batch norm's compositions behave at run time as their types say", () => {
  typeTests();
  assert.throws(
    // @ts-expect-error sequential: layer #1 (batchNorm): expects [..., 64], got [128]
    () => sequential(dense(784, 128), batchNorm(64)),
    new ShapeError("sequential: layer #1 (batchNorm): expects [..., 64], got [128]"),
  );
});
