/**
 * What the optimisers share: hyperparameter checks, learning rates, and the
 * leaf-by-leaf plumbing that lines grads and state up with the params and
 * builds the result trees back.
 *
 * @module
 */
import { DTypeError, ShapeError } from "../../core/errors.ts";
import type { Shape } from "../../core/shape.ts";
import { formatShape, sameShape } from "../../core/shape.ts";
import type { ParamTree, TreeLeaf } from "../../core/tree.ts";
import { treeLeaves, treeMap } from "../../core/tree.ts";
import type { DType } from "../../core/tensor.ts";
import { allocate, Tensor } from "../../core/tensor.ts";
import type { LearningRate } from "./optimizer.ts";

/** A tensor of any shape and dtype. */
export type AnyTensor = Tensor<Shape, DType>;

/** The data of a leaf. */
export type FloatArray = Float32Array | Float64Array;

/** A value as an error message quotes it. */
export function describe(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  return `a ${typeof value}`;
}

/** `value` when it is a number; a `TypeError` naming the option otherwise. */
export function numberOption(op: string, name: string, value: unknown): number {
  if (typeof value !== "number") {
    throw new TypeError(`${op}: ${name} must be a number, got ${describe(value)}`);
  }
  return value;
}

/** `value` when it is a finite number > 0; a `RangeError` otherwise. */
export function positive(op: string, name: string, value: unknown): number {
  const x = numberOption(op, name, value);
  if (!Number.isFinite(x) || x <= 0) {
    throw new RangeError(`${op}: ${name} must be a finite number > 0, got ${x}`);
  }
  return x;
}

/** `value` when it is a number in [0, 1); a `RangeError` otherwise. */
export function unitInterval(op: string, name: string, value: unknown): number {
  const x = numberOption(op, name, value);
  if (!(x >= 0 && x < 1)) {
    throw new RangeError(`${op}: ${name} must be in [0, 1), got ${x}`);
  }
  return x;
}

/** `value` when it is an integer ≥ 1; a `RangeError` otherwise. */
export function positiveInteger(op: string, name: string, value: unknown): number {
  const x = numberOption(op, name, value);
  if (!Number.isSafeInteger(x) || x < 1) {
    throw new RangeError(`${op}: ${name} must be an integer ≥ 1, got ${x}`);
  }
  return x;
}

function checkedRate(op: string, rate: number, step: number): number {
  if (typeof rate !== "number" || !Number.isFinite(rate) || rate < 0) {
    throw new RangeError(
      `${op}: the learning-rate schedule must give a finite number ≥ 0, got ${
        describe(rate)
      } at step ${step}`,
    );
  }
  return rate;
}

/**
 * The learning rate as a function of the update step (updates made before
 * this one), validated: constants now, schedule values when they are used.
 */
export function learningRateOf(op: string, rate: LearningRate): (step: number) => number {
  if (typeof rate === "number") {
    const constant = positive(op, "learningRate", rate);
    return () => constant;
  }
  if (typeof rate === "function") return (step) => checkedRate(op, rate(step), step);
  if (typeof rate === "object" && rate !== null && typeof rate.schedule === "function") {
    const { schedule } = rate;
    const stepsPerEpoch = positiveInteger(op, "learningRate.stepsPerEpoch", rate.stepsPerEpoch);
    return (step) => checkedRate(op, schedule(Math.floor(step / stepsPerEpoch)), step);
  }
  throw new TypeError(
    `${op}: learningRate must be a number, a function of the step, or ` +
      `{ schedule, stepsPerEpoch }; got ${describe(rate)}`,
  );
}

/** The step count of an optimiser state, checked. */
export function stepOf(op: string, state: unknown): number {
  const step = typeof state === "object" && state !== null
    ? (state as { step?: unknown }).step
    : undefined;
  if (typeof step !== "number" || !Number.isSafeInteger(step) || step < 0) {
    throw new TypeError(
      `${op}: state.step must be an integer ≥ 0, got ${describe(step)}; ` +
        `pass the state from init or from the previous update`,
    );
  }
  return step;
}

/** The leaves of a params tree, in traversal order. */
export function leavesOf<P extends ParamTree<P>>(params: P): TreeLeaf[] {
  return treeLeaves(params);
}

/**
 * The leaves of `tree` (grads, or a part of the state) in the order of the
 * params' leaves, each checked to match its param's path, shape and dtype.
 */
export function alignLeaves(
  op: string,
  params: readonly TreeLeaf[],
  name: string,
  tree: unknown,
): AnyTensor[] {
  if (tree === undefined || tree === null) {
    throw new TypeError(
      `${op}: ${name} is missing; pass the state from init or from the previous update`,
    );
  }
  const leaves = treeLeaves(tree as AnyTensor);
  if (leaves.length !== params.length) {
    throw new ShapeError(
      `${op}: ${name} has ${leaves.length} leaves, but the params have ${params.length}`,
    );
  }
  let aligned = leaves.map(({ leaf }) => leaf);
  if (leaves.some(({ path }, i) => path !== params[i].path)) {
    const byPath = new Map(leaves.map(({ path, leaf }) => [path, leaf]));
    aligned = params.map(({ path }) => {
      const leaf = byPath.get(path);
      if (leaf === undefined) {
        throw new ShapeError(`${op}: ${name} has no leaf at ${path}, where the params have one`);
      }
      return leaf;
    });
  }
  for (let i = 0; i < params.length; i++) {
    const { path, leaf: param } = params[i];
    const leaf = aligned[i];
    const expected = param.shape as readonly number[];
    const got = leaf.shape as readonly number[];
    if (!sameShape(expected, got)) {
      throw new ShapeError(
        `${op}: ${name} at ${path} has shape ${formatShape(got)}, but the param has shape ${
          formatShape(expected)
        }`,
      );
    }
    if (leaf.dtype !== param.dtype) {
      throw new DTypeError(
        `${op}: ${name} at ${path} is ${leaf.dtype}, but the param is ${param.dtype}`,
      );
    }
  }
  return aligned;
}

/** Fresh, zeroed data for a leaf like `like`. */
export function dataLike(like: AnyTensor): FloatArray {
  return allocate(like.dtype, like.size);
}

/** A tensor of `like`'s shape and dtype holding `data`. */
export function tensorLike(like: AnyTensor, data: FloatArray): AnyTensor {
  return new Tensor(like.shape as readonly number[], like.dtype, data);
}

/** A tree of `params`' structure whose leaves are `leaves`, in traversal order. */
export function rebuild<P extends ParamTree<P>>(params: P, leaves: readonly AnyTensor[]): P {
  let index = 0;
  return treeMap(params, () => leaves[index++]);
}

/** A tree of zeros like `params` (shapes and dtypes kept). */
export function zerosLike<P extends ParamTree<P>>(params: P): P {
  return treeMap(params, (leaf) => tensorLike(leaf, dataLike(leaf)));
}

/**
 * One optimiser step, leaf by leaf: lines each tree of `inputs` (named for
 * messages, such as `["grads", grads]`) up with the params' leaves, calls
 * `kernel` once per leaf with their data and `outputs` fresh arrays of the
 * leaf's size and dtype, and returns one tree per output, shaped like the
 * params. The kernel's loop is the optimiser's whole formula.
 */
export function stepLeaves<P extends ParamTree<P>>(
  op: string,
  params: P,
  inputs: readonly (readonly [string, unknown])[],
  outputs: number,
  kernel: (ins: readonly FloatArray[], outs: readonly FloatArray[]) => void,
): P[] {
  const leaves = treeLeaves(params);
  const aligned = inputs.map(([name, tree]) => alignLeaves(op, leaves, name, tree));
  const results: AnyTensor[][] = Array.from({ length: outputs }, () => []);
  for (let leaf = 0; leaf < leaves.length; leaf++) {
    const like = leaves[leaf].leaf;
    const outs = results.map(() => dataLike(like));
    kernel(aligned.map((trees) => trees[leaf].data), outs);
    outs.forEach((data, k) => results[k].push(tensorLike(like, data)));
  }
  return results.map((leafTensors) => rebuild(params, leafTensors));
}
