/**
 * Compile-time tests of layer composition: inferred per-example shapes and
 * params, and compositions that must not compile, with the error landing on
 * the layer at fault and naming it. `deno check` runs them; the `Deno.test`
 * at the end runs the same calls so the run-time twins agree.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Equal } from "../core/_type_assert.ts";
import { expectType } from "../core/_type_assert.ts";
import { zeros } from "../core/create.ts";
import { DTypeError, ShapeError } from "../core/errors.ts";
import { key } from "../core/random.ts";
import type { Dim, Shape } from "../core/shape.ts";
import { reshape } from "../ops/reshape.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import type { DTypeOf, EmptyParams, InputOf, Layer, OutputOf, ParamsOf } from "./layer.ts";
import type { DenseLayer } from "./dense.ts";
import { dense } from "./dense.ts";
import { reluLayer, softmaxLayer, tanhLayer } from "./activation.ts";
import { dropout } from "./dropout.ts";
import type { SequentialFold } from "./sequential.ts";
import { sequential } from "./sequential.ts";
import { mlp } from "./mlp.ts";
import type { MlpParams } from "./mlp.ts";
import { logisticRegression } from "./logistic_regression.ts";
import { softmaxRegression } from "./softmax_regression.ts";

type Dense<NIn extends number, NOut extends number, D extends DType = "f32"> = {
  w: Tensor<[NOut, NIn], D>;
  b: Tensor<[NOut], D>;
};

/** A layer written outside this folder: flattens `[28, 28]` images, with no params. */
const flattenImages: Layer<EmptyParams, [28, 28], [784]> = {
  name: "flattenImages",
  inputShape: [28, 28],
  init: () => ({}),
  apply: <B extends Dim, D extends DType>(_: EmptyParams, x: Tensor<[B, 28, 28], D>) =>
    reshape(x as Tensor<Shape, D>, [x.shape[0], 784]) as unknown as Tensor<[B, 784], D>,
  outputShape: (shape) => {
    if (shape.length !== 2 || shape[0] !== 28 || shape[1] !== 28) {
      throw new ShapeError(`flattenImages: expected [28, 28], got [${shape.join(", ")}]`);
    }
    return [784];
  },
};

function typeTests(): void {
  // ---- single layers ----
  const d = dense(784, 128);
  expectType<Equal<typeof d, DenseLayer<784, 128>>>();
  expectType<Equal<InputOf<typeof d>, [784]>>();
  expectType<Equal<OutputOf<typeof d>, [128]>>();
  expectType<Equal<ParamsOf<typeof d>, Dense<784, 128>>>();
  expectType<Equal<DTypeOf<typeof d>, "f32">>();
  const layer: Layer<Dense<784, 128>, [784], [128], "f32"> = d;
  const batch = d.apply(d.init(key(0)), zeros([32, 784]));
  expectType<Equal<typeof batch, Tensor<[32, 128]>>>();
  const f64 = dense(3, 2, { dtype: "f64", bias: false });
  expectType<Equal<ParamsOf<typeof f64>, { w: Tensor<[2, 3], "f64"> }>>();
  expectType<Equal<DTypeOf<typeof reluLayer>, DType>>();
  expectType<Equal<ParamsOf<typeof reluLayer>, EmptyParams>>();
  // @ts-expect-error dense(784, 128) on an input of width 300
  assert.throws(() => layer.apply(d.init(key(0)), zeros([32, 300])), ShapeError);

  // ---- the composition of the brief ----
  const net = sequential(dense(784, 128), reluLayer, dense(128, 10));
  expectType<Equal<OutputOf<typeof net>, [10]>>();
  expectType<Equal<InputOf<typeof net>, [784]>>();
  expectType<Equal<DTypeOf<typeof net>, "f32">>();
  const params = net.init(key(0));
  expectType<Equal<typeof params, [Dense<784, 128>, EmptyParams, Dense<128, 10>]>>();
  const logits = net.apply(params, zeros([32, 784]));
  expectType<Equal<typeof logits, Tensor<[32, 10]>>>();

  // The batch dim stays generic: a name, `number`, a type parameter.
  const named = net.apply(params, zeros([32, 784]) as unknown as Tensor<["B", 784]>);
  expectType<Equal<typeof named, Tensor<["B", 10]>>>();
  const runtime = net.apply(params, zeros([32, 784]) as Tensor<[number, 784]>);
  expectType<Equal<typeof runtime, Tensor<[number, 10]>>>();
  function forward<B extends number>(x: Tensor<[B, 784]>): Tensor<[B, 10]> {
    return net.apply(params, x);
  }
  forward(zeros([2, 784]));

  // Same-shape layers pass any shape through, wherever they stand.
  const padded = sequential(dropout(0.5), dense(4, 3), tanhLayer, dropout(0.9), softmaxLayer);
  expectType<Equal<InputOf<typeof padded>, [4]>>();
  expectType<Equal<OutputOf<typeof padded>, [3]>>();

  // A network is a layer: it nests.
  const nested = sequential(net, softmaxLayer, dense(10, 2));
  expectType<Equal<OutputOf<typeof nested>, [2]>>();
  expectType<Equal<ParamsOf<typeof nested>[0], typeof params>>();

  // Generic dims flow through a composition.
  function block<N extends number>(n: N) {
    return sequential(dense(n, 16), reluLayer, dense(16, n));
  }
  expectType<Equal<OutputOf<ReturnType<typeof block<12>>>, [12]>>();

  // A layer from elsewhere composes like the built-in ones.
  const lenetHead = sequential(flattenImages, dense(784, 10));
  expectType<Equal<InputOf<typeof lenetHead>, [28, 28]>>();
  expectType<Equal<OutputOf<typeof lenetHead>, [10]>>();
  const digits = lenetHead.apply(lenetHead.init(key(0)), zeros([3, 28, 28]));
  expectType<Equal<typeof digits, Tensor<[3, 10]>>>();
  // @ts-expect-error sequential: layer #1 (layer): expects [28, 28], got [784]
  assert.throws(() => sequential(dense(784, 784), flattenImages), ShapeError);
  expectType<
    Equal<
      SequentialFold<[DenseLayer<784, 784>, typeof flattenImages]>,
      ShapeError<"sequential: layer #1 (layer): expects [28, 28], got [784]">
    >
  >();

  // ---- mismatches: each error lands on the layer at fault and names it ----
  expectType<
    Equal<
      SequentialFold<[DenseLayer<784, 256>, typeof reluLayer, DenseLayer<400, 10>]>,
      ShapeError<"sequential: layer #2 (dense): expects [400], got [256]">
    >
  >();
  // @ts-expect-error sequential: layer #2 (dense): expects [400], got [256]
  assert.throws(() => sequential(dense(784, 256), reluLayer, dense(400, 10)), ShapeError);
  // @ts-expect-error sequential: layer #1 (dense): expects [64], got [128]
  assert.throws(() => sequential(dense(784, 128), dense(64, 10)), ShapeError);
  assert.throws(
    () =>
      sequential(
        dense(784, 128),
        reluLayer,
        dense(128, 64),
        tanhLayer,
        // @ts-expect-error sequential: layer #4 (dense): expects [128], got [64]
        dense(128, 10),
      ),
    new ShapeError("sequential: layer #4 (dense): expects [128], got [64]"),
  );
  // @ts-expect-error sequential: layer #1 (mlp): expects [100], got [10]
  assert.throws(() => sequential(net, mlp([100, 10])), ShapeError);
  // @ts-expect-error sequential: layer #1 (dense): its params are f64, the layers before it f32
  assert.throws(() => sequential(dense(2, 2), dense(2, 2, { dtype: "f64" })), DTypeError);
  // @ts-expect-error sequential: argument #1 is not a layer
  assert.throws(() => sequential(dense(2, 2), 5), TypeError);
  expectType<
    Equal<
      SequentialFold<[DenseLayer<2, 2>, DenseLayer<2, 2, "f64">]>,
      ShapeError<"sequential: layer #1 (dense): its params are f64, the layers before it f32">
    >
  >();
  expectType<
    Equal<
      SequentialFold<[typeof net, DenseLayer<2, 2>]>,
      ShapeError<"sequential: layer #1 (dense): expects [2], got [10]">
    >
  >();

  // ---- the model builders ----
  const deep = mlp([784, 128, 64, 10]);
  expectType<Equal<InputOf<typeof deep>, [784]>>();
  expectType<Equal<OutputOf<typeof deep>, [10]>>();
  expectType<
    Equal<ParamsOf<typeof deep>, [Dense<784, 128>, Dense<128, 64>, Dense<64, 10>]>
  >();
  expectType<Equal<MlpParams<[2, 4, 1], "f64">, [Dense<2, 4, "f64">, Dense<4, 1, "f64">]>>();
  const shallow = mlp([2, 4, 1], { activation: "tanh", dtype: "f64" });
  const out = shallow.apply(shallow.init(key(0)), zeros([5, 2], { dtype: "f64" }));
  expectType<Equal<typeof out, Tensor<[5, 1], "f64">>>();
  const logistic = logisticRegression(784);
  expectType<Equal<OutputOf<typeof logistic>, [1]>>();
  expectType<Equal<ParamsOf<typeof logistic>, Dense<784, 1>>>();
  const softmaxModel = softmaxRegression(784, 10);
  expectType<Equal<OutputOf<typeof softmaxModel>, [10]>>();
  const composed = sequential(mlp([784, 64, 32]), reluLayer, softmaxRegression(32, 10));
  expectType<Equal<OutputOf<typeof composed>, [10]>>();
  // A layer whose shape is known only at run time fits anything of its rank.
  const wide = dense(784 as number, 10);
  expectType<Equal<InputOf<ReturnType<typeof sequential<[typeof d, typeof wide]>>>, [784]>>();
  const anyShape: Shape = [1];
  assert(anyShape.length === 1);
}

Deno.test("the compositions above behave at run time as their types say", () => {
  typeTests();
  assert.throws(
    // @ts-expect-error sequential: layer #2 (dense): expects [400], got [256]
    () => sequential(dense(784, 256), reluLayer, dense(400, 10)),
    new ShapeError("sequential: layer #2 (dense): expects [400], got [256]"),
  );
  assert.throws(
    // @ts-expect-error sequential: layer #1 (mlp): expects [100], got [10]
    () => sequential(sequential(dense(784, 128), reluLayer, dense(128, 10)), mlp([100, 10])),
    new ShapeError("sequential: layer #1 (mlp): expects [100], got [10]"),
  );
});
