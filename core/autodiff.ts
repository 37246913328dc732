/**
 * Reverse-mode automatic differentiation by tracing: `vjp`, `grad`,
 * `valueAndGrad` and `stopGradient`.
 *
 * A transform aliases each leaf of the parameter tree, activates a fresh trace
 * that knows the aliases, and runs the function: every op with a traced input
 * records its rule. The backward pass walks the record once, from the output
 * back, summing each cotangent to its input's shape in one place. Rules are
 * written with differentiable ops, so a backward pass under an outer
 * transform is recorded by it: `grad(grad(f))` works.
 *
 * @module
 */
import { ShapeError } from "./errors.ts";
import type { Shape } from "./shape.ts";
import { formatShape, sameShape } from "./shape.ts";
import type { DType } from "./tensor.ts";
import { allocate, Tensor } from "./tensor.ts";
import type { ParamTree } from "./tree.ts";
import { treeLeaves, treeMap } from "./tree.ts";
import { record, Trace, withTrace } from "./trace.ts";
import { addSameShape, sumToShape } from "./_broadcast_ad.ts";

type AnyTensor = Tensor<Shape, DType>;

function dims(x: AnyTensor): readonly number[] {
  return x.shape as readonly number[];
}

function zerosLike(x: AnyTensor): AnyTensor {
  return new Tensor(dims(x), x.dtype, allocate(x.dtype, x.size));
}

/** A new tensor with `x`'s data, recorded as the identity (so outer traces see through it). */
function alias(x: AnyTensor): AnyTensor {
  return record("alias", new Tensor(dims(x), x.dtype, x.data), [x], (g) => [g]);
}

/** Brings a rule's cotangent to its input's shape, or says which rule went wrong. */
function fitCotangent(op: string, input: AnyTensor, cotangent: AnyTensor): AnyTensor {
  if (cotangent.dtype !== input.dtype) {
    throw new TypeError(
      `shapeflow internal error: the gradient rule of ${op} gave a ${cotangent.dtype} cotangent ` +
        `for a ${input.dtype} input`,
    );
  }
  if (sameShape(dims(cotangent), dims(input))) return cotangent;
  try {
    return sumToShape(cotangent, dims(input));
  } catch {
    throw new ShapeError(
      `shapeflow internal error: the gradient rule of ${op} gave a cotangent of shape ` +
        `${formatShape(dims(cotangent))} for an input of shape ${formatShape(dims(input))}`,
    );
  }
}

/** Cotangents of every tensor the trace knows, from `seed` at `output`. */
function backward(trace: Trace, output: AnyTensor, seed: AnyTensor): Map<AnyTensor, AnyTensor> {
  const cotangents = new Map<AnyTensor, AnyTensor>([[output, seed]]);
  for (let index = trace.nodes.length - 1; index >= 0; index--) {
    const node = trace.nodes[index];
    const cotangent = cotangents.get(node.output);
    if (cotangent === undefined) continue;
    cotangents.delete(node.output);
    const needed = node.inputs.map((input) => trace.known.has(input));
    const inputCotangents = node.vjp(cotangent, node.inputs, node.output, needed);
    for (let k = 0; k < node.inputs.length; k++) {
      const input = node.inputs[k];
      const raw = inputCotangents[k];
      if (raw === null || raw === undefined || !needed[k]) continue;
      const fitted = fitCotangent(node.op, input, raw);
      const previous = cotangents.get(input);
      cotangents.set(input, previous === undefined ? fitted : addSameShape(previous, fitted));
    }
  }
  return cotangents;
}

/**
 * Runs `f` at `params` and returns its output with the pullback: a function
 * from a cotangent of the output (same shape) to the cotangents of the
 * params, typed like them. Like `jax.vjp`. The pullback may be called any
 * number of times.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { vjp } from "./autodiff.ts";
 * import { fromArray } from "./create.ts";
 * import { transpose } from "../ops/transpose.ts";
 * const [y, pullback] = vjp((x) => transpose(x), fromArray([1, 2, 3, 4, 5, 6], [2, 3]));
 * const back = pullback(fromArray([1, 0, 0, 0, 0, 0], [3, 2]));
 * assert.deepEqual(y.shape, [3, 2]);
 * assert.deepEqual(Array.from(back.data), [1, 0, 0, 0, 0, 0]);
 * ```
 */
export function vjp<P extends ParamTree<P>, S extends Shape, D extends DType>(
  f: (params: P) => Tensor<S, D>,
  params: P,
): [Tensor<S, D>, (cotangent: Tensor<S, D>) => P] {
  const trace = new Trace();
  const aliases = treeMap(params, alias);
  for (const { leaf } of treeLeaves(aliases)) trace.known.add(leaf);
  const output = withTrace(trace, () => f(aliases));
  if (!(output instanceof Tensor)) {
    throw new TypeError(`vjp: the function must return a tensor, got ${typeof output}`);
  }
  const pullback = (cotangent: Tensor<S, D>): P => {
    if (!sameShape(dims(cotangent), dims(output)) || cotangent.dtype !== output.dtype) {
      throw new ShapeError(
        `vjp: the cotangent must match the output, shape ${formatShape(dims(output))} ` +
          `(${output.dtype}); got ${formatShape(dims(cotangent))} (${cotangent.dtype})`,
      );
    }
    const cotangents = backward(trace, output, cotangent);
    return treeMap(aliases, (leaf) => cotangents.get(leaf) ?? zerosLike(leaf));
  };
  return [output, pullback];
}

/** Options of {@link valueAndGrad}. */
export interface ValueAndGradOptions<HasAux extends boolean = boolean> {
  /**
   * `f` returns `[loss, aux]`: the scalar to differentiate and anything else
   * (a model's new state, metrics), passed out untouched and not
   * differentiated. `false` when absent. Like JAX's `has_aux`.
   */
  readonly hasAux?: HasAux;
}

/**
 * A function that returns `f`'s value and its gradient with respect to the
 * first argument, a parameter tree; further arguments pass through. `f` must
 * return a scalar (`Tensor<[]>`): anything else does not compile. Like
 * `jax.value_and_grad`.
 *
 * With `{ hasAux: true }`, `f` returns `[loss, aux]` and the result is
 * `[[loss, aux], grads]`, as `jax.value_and_grad(f, has_aux=True)` gives
 * `((loss, aux), grads)`: the gradient is the loss's alone.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { valueAndGrad } from "./autodiff.ts";
 * import { fromArray } from "./create.ts";
 * import { dot } from "../ops/dot.ts";
 * const f = valueAndGrad((p: { w: ReturnType<typeof fromArray<number[], [3]>> }) => dot(p.w, p.w));
 * const [value, grads] = f({ w: fromArray([1, 2, 3], [3]) });
 * assert.equal(value.data[0], 14);
 * assert.deepEqual(Array.from(grads.w.data), [2, 4, 6]);
 * const g = valueAndGrad((w: ReturnType<typeof fromArray<number[], [3]>>) => {
 *   const loss = dot(w, w);
 *   return [loss, { norm: Math.sqrt(loss.data[0]) }] as const;
 * }, { hasAux: true });
 * const [[loss, aux], dw] = g(fromArray([1, 2, 2], [3]));
 * assert.deepEqual([loss.data[0], aux.norm, Array.from(dw.data)], [9, 3, [2, 4, 4]]);
 * ```
 */
export function valueAndGrad<P extends ParamTree<P>, A extends unknown[], D extends DType>(
  f: (params: P, ...args: A) => Tensor<[], D>,
  options?: ValueAndGradOptions<false>,
): (params: P, ...args: A) => [Tensor<[], D>, P];
/**
 * With `{ hasAux: true }`: `f` returns `[loss, aux]`, and the result
 * `[[loss, aux], grads]`, the gradient the loss's alone. Like
 * `jax.value_and_grad(f, has_aux=True)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { valueAndGrad } from "./autodiff.ts";
 * import { tensor } from "./create.ts";
 * import type { Tensor } from "./tensor.ts";
 * import { sum } from "../ops/sum.ts";
 * const f = valueAndGrad((w: Tensor<[2]>) => [sum(w), "aux"] as const, { hasAux: true });
 * const [[loss, aux], dw] = f(tensor([1, 2]));
 * assert.deepEqual([loss.data[0], aux, Array.from(dw.data)], [3, "aux", [1, 1]]);
 * ```
 */
export function valueAndGrad<P extends ParamTree<P>, A extends unknown[], D extends DType, Aux>(
  f: (params: P, ...args: A) => readonly [Tensor<[], D>, Aux],
  options: ValueAndGradOptions<true>,
): (params: P, ...args: A) => [[Tensor<[], D>, Aux], P];
export function valueAndGrad<P extends ParamTree<P>, A extends unknown[], D extends DType>(
  f: (params: P, ...args: A) => Tensor<[], D> | readonly [Tensor<[], D>, unknown],
  options?: ValueAndGradOptions,
): (params: P, ...args: A) => [Tensor<[], D>, P] | [[Tensor<[], D>, unknown], P] {
  const hasAux = options?.hasAux ?? false;
  return (params: P, ...args: A) => {
    let aux: unknown;
    const [value, pullback] = vjp((p: P) => {
      const out = f(p, ...args);
      if (!hasAux) return out as Tensor<[], D>;
      if (!Array.isArray(out) || out.length !== 2) {
        throw new TypeError(
          `valueAndGrad: with hasAux the function must return [loss, aux], got ${
            Array.isArray(out) ? `an array of ${out.length}` : typeof out
          }`,
        );
      }
      aux = out[1];
      return out[0] as Tensor<[], D>;
    }, params);
    if (value.size !== 1 || value.shape.length !== 0) {
      throw new ShapeError(
        `grad: the function must return a scalar (shape []), got shape ${formatShape(dims(value))}`,
      );
    }
    const seed = allocate(value.dtype, 1);
    seed[0] = 1;
    const grads = pullback(new Tensor<[], D>([], value.dtype, seed));
    return hasAux ? [[value, aux], grads] : [value, grads];
  };
}

/**
 * A function that returns the gradient of `f` with respect to its first
 * argument, a parameter tree, typed like it; further arguments pass through.
 * `f` must return a scalar. Gradient rules are themselves differentiable, so
 * `grad` nests (Hessian-vector products, grad of grad). Like `jax.grad`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { grad } from "./autodiff.ts";
 * import { fromArray } from "./create.ts";
 * import type { Tensor } from "./tensor.ts";
 * import { dot } from "../ops/dot.ts";
 * const f = (x: Tensor<[2]>) => dot(x, x);
 * const df = grad(f);
 * assert.deepEqual(Array.from(df(fromArray([3, 4], [2])).data), [6, 8]);
 * ```
 */
export function grad<P extends ParamTree<P>, A extends unknown[], D extends DType>(
  f: (params: P, ...args: A) => Tensor<[], D>,
): (params: P, ...args: A) => P {
  const both = valueAndGrad(f);
  return (params: P, ...args: A): P => both(params, ...args)[1];
}

/**
 * `x` cut off from differentiation: the same values, seen by every transform
 * as a constant (its gradient is zero). Like `jax.lax.stop_gradient`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { grad, stopGradient } from "./autodiff.ts";
 * import { fromArray } from "./create.ts";
 * import type { Tensor } from "./tensor.ts";
 * import { dot } from "../ops/dot.ts";
 * const df = grad((x: Tensor<[2]>) => dot(x, stopGradient(x)));
 * assert.deepEqual(Array.from(df(fromArray([3, 4], [2])).data), [3, 4]);
 * ```
 */
export function stopGradient<S extends Shape, D extends DType>(x: Tensor<S, D>): Tensor<S, D> {
  return new Tensor<S, D>(dims(x), x.dtype, x.data);
}
