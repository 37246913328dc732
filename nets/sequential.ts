/**
 * `sequential`: layers composed into one layer, with the network's output
 * shape inferred and every junction checked at compile time and at run time.
 *
 * @module
 */
import type { Dim, DimText, Shape } from "../core/shape.ts";
import { formatShape, sameShape } from "../core/shape.ts";
import { DTypeError, ShapeError } from "../core/errors.ts";
import type { DType, Tensor } from "../core/tensor.ts";
import type { PRNGKey } from "../core/random.ts";
import { foldIn, split } from "../core/random.ts";
import type {
  ApplyContext,
  ApplyRule,
  DTypeOf,
  Layer,
  ParamsOf,
  ShapeRule,
  StatefulLayer,
  StatefulShapeRuleLayer,
  StateOf,
  WithState,
} from "./layer.ts";

/** A shape as text for a type-level message: `[8, 784]`. */
export type ShapeText<S extends readonly unknown[]> = number extends S["length"] ? "[...]"
  : `[${JoinDims<S>}]`;

/** The dims of a shape joined by `", "`. */
export type JoinDims<S extends readonly unknown[]> = S extends readonly [infer Only] ? DimText<Only>
  : S extends readonly [infer First, ...infer Rest] ? `${DimText<First>}, ${JoinDims<Rest>}`
  : "";

/**
 * `true` when a shape that comes out of one layer fits the next layer's
 * input: the same rank and dims that agree (the same literal or name, or
 * `number` on either side). Dims are compared wrapped in objects, so a
 * generic dim meeting itself resolves.
 */
export type ShapesFit<Got extends readonly unknown[], Want extends readonly unknown[]> =
  number extends Got["length"] | Want["length"] ? true
    : Got extends readonly [infer G, ...infer GRest]
      ? Want extends readonly [infer W, ...infer WRest]
        ? { a: G; b: W } extends { a: W; b: G } ? ShapesFit<GRest, WRest>
        : [number] extends [G] ? ShapesFit<GRest, WRest>
        : [number] extends [W] ? ShapesFit<GRest, WRest>
        : false
      : false
    : Want extends readonly [] ? true
    : false;

/**
 * `true` when a shape that comes out of one layer fits a layer whose input's
 * last axis must be `C` (a `LastAxisLayer`, such as batch norm): rank 1 or
 * more, the last dim agreeing as in {@link ShapesFit}. An unknown shape or
 * rank fits.
 */
export type LastAxisFits<Got, C> = Got extends readonly unknown[]
  ? number extends Got["length"] ? true
  : Got extends readonly [...unknown[], infer Last] ? ShapesFit<[Last], [C]>
  : false
  : true;

/** A layer's name for a type-level message: its literal `name`, else `"layer"`. */
export type LayerName<L> = L extends { readonly name: infer N extends string }
  ? string extends N ? "layer" : N
  : "layer";

/**
 * The per-example input and output shapes of a layer with a fixed input,
 * read off its `apply` (`[B, ...In]` to `[B, ...Out]`); `never` for anything
 * else. Read without constraints, so a layer built from generic dims resolves.
 */
export type LayerShapes<L> = L extends
  { apply(params: never, x: infer X, context?: never): infer Y }
  ? X extends Tensor<infer BatchIn, infer _DIn>
    ? Y extends Tensor<infer BatchOut, infer _DOut>
      ? BatchIn extends readonly [unknown, ...infer In]
        ? BatchOut extends readonly [unknown, ...infer Out] ? { in: In; out: Out }
        : never
      : never
    : never
  : never
  : never;

/**
 * The fold's marker for "no shape yet": only layers without a fixed input
 * shape (activations, dropout) came so far.
 *
 * @example
 * ```ts
 * import type { NoShape } from "./sequential.ts";
 * const marker: NoShape = { noShape: true };
 * ```
 */
export interface NoShape {
  /** The brand. */
  readonly noShape: true;
}

/**
 * The fold of `sequential` over its layers: `{ ok: { in, out, dtype } }` for
 * the whole network (per-example shapes), or a {@link ShapeError} naming the
 * first layer (counted from 0, like the params tuple) whose input does not fit
 * the shape before it, or whose params' dtype differs from the others'.
 * `Current` is the shape so far, `First` the network's input, `PD` the dtype
 * the params agree on, `Index` one entry per layer passed.
 *
 * @example
 * ```ts
 * import type { SequentialFold } from "./sequential.ts";
 * import type { DenseLayer } from "./dense.ts";
 * import type { ShapeError } from "../core/errors.ts";
 * type Ok = SequentialFold<[DenseLayer<4, 3>, DenseLayer<3, 2>]>;
 * const fold: Ok = { ok: { in: [4], out: [2], dtype: "f32" } };
 * type Bad = SequentialFold<[DenseLayer<4, 3>, DenseLayer<5, 2>]>;
 * const bad: Bad extends ShapeError<"sequential: layer #1 (dense): expects [5], got [3]"> ? true
 *   : false = true;
 * ```
 */
export type SequentialFold<
  Layers extends readonly unknown[],
  Current = NoShape,
  First = Shape,
  PD extends DType = DType,
  Index extends unknown[] = [],
  Open extends boolean = false,
> = Layers extends readonly [infer L, ...infer Rest]
  ? [PD & DTypeOf<L>] extends [never] ? ShapeError<
      `sequential: layer #${Index["length"]} (${LayerName<L>}): its params are ${DTypeOf<
        L
      >}, the layers before it ${PD}`
    >
  : L extends { readonly sameShape: true }
    ? SequentialFold<Rest, Current, First, PD & DTypeOf<L>, [...Index, L], Open>
  : L extends { readonly lastAxis: infer C }
    ? LastAxisFits<Current, C> extends true
      ? SequentialFold<Rest, Current, First, PD & DTypeOf<L>, [...Index, L], Open>
    : ShapeError<
      `sequential: layer #${Index["length"]} (${LayerName<L>}): expects [..., ${DimText<
        C
      >}], got ${ShapeText<Current extends readonly unknown[] ? Current : []>}`
    >
  : L extends { readonly shapeRule: infer R extends ShapeRule } ? RuleFold<
      L,
      Rest,
      ApplyRule<R, Current extends NoShape ? R["anyInput"] : Current>,
      Current extends NoShape ? R["anyInput"] : First,
      PD & DTypeOf<L>,
      Index,
      Current extends NoShape ? true : Open
    >
  : [LayerShapes<L>] extends [never]
    ? ShapeError<`sequential: argument #${Index["length"]} is not a layer`>
  : LayerShapes<L> extends { in: infer In extends readonly unknown[]; out: infer Out }
    ? Current extends NoShape ? SequentialFold<Rest, Out, In, PD & DTypeOf<L>, [...Index, L], Open>
    : Current extends readonly unknown[]
      ? ShapesFit<Current, In> extends true
        ? SequentialFold<Rest, Out, First, PD & DTypeOf<L>, [...Index, L], Open>
      : ShapeError<
        `sequential: layer #${Index["length"]} (${LayerName<L>}): expects ${ShapeText<
          In
        >}, got ${ShapeText<Current>}`
      >
    : never
  : never
  : Open extends true ? { ok: { in: First; out: Current; dtype: PD }; open: true }
  : { ok: { in: First; out: Current extends NoShape ? Shape : Current; dtype: PD } };

/**
 * The fold's step past a shape-rule layer (conv, pool, flatten, a block):
 * the rule's output `Out` becomes the current shape, or its `ShapeError`
 * gets the layer's number and name in front, as at run time. Before any
 * shape is known the rule runs on its widest input (`[number, number, C]`
 * for a conv), so channels are checked at once, and the network stays
 * open: a shape rule itself.
 */
export type RuleFold<
  L,
  Rest extends readonly unknown[],
  Out,
  First,
  PD extends DType,
  Index extends unknown[],
  Open extends boolean,
> = Out extends ShapeError<infer M> ? ShapeError<
    `sequential: layer #${Index["length"]} (${LayerName<L>}): ${M}`
  >
  : SequentialFold<Rest, Out, First, PD, [...Index, L], Open>;

/** The params of a `sequential` network: a tuple of its layers' params, in order. */
export type SequentialParams<Layers extends readonly unknown[]> = {
  -readonly [K in keyof Layers]: ParamsOf<Layers[K]>;
};

/**
 * The state of a `sequential` network: a tuple of its layers' states, in
 * order (`{}` for a layer without state).
 */
export type SequentialState<Layers extends readonly unknown[]> = {
  -readonly [K in keyof Layers]: StateOf<Layers[K]>;
};

/**
 * The guard on argument `K` of `sequential`: the fold's {@link ShapeError} when
 * it names layer `K`, else `unknown`; so the compile error lands on that layer.
 */
export type SequentialGuard<Fold, K> = Fold extends
  ShapeError<`sequential: ${"layer" | "argument"} #${infer I}${string}`>
  ? K extends I ? Fold : unknown
  : unknown;

/** The network's per-example input shape from a fold. */
export type FoldInput<Fold> = Fold extends { ok: { in: infer In extends Shape } } ? In : Shape;

/** The network's per-example output shape from a fold. */
export type FoldOutput<Fold> = Fold extends { ok: { out: infer Out extends Shape } } ? Out : Shape;

/** The network's params dtype from a fold. */
export type FoldDType<Fold> = Fold extends { ok: { dtype: infer D extends DType } } ? D : DType;

/**
 * What `sequential` returns: a {@link SequentialRuleLayer} when the first
 * layer that fixes a shape is a shape-rule layer (a conv, a pool: the
 * network then takes inputs of any size the rule accepts), else a
 * {@link SequentialLayer} with a fixed input.
 *
 * @example
 * ```ts
 * import type { SequentialNetwork } from "./sequential.ts";
 * import { sequential } from "./sequential.ts";
 * import { dense } from "./dense.ts";
 * import type { DenseLayer } from "./dense.ts";
 * const net: SequentialNetwork<readonly [DenseLayer<4, 3>]> = sequential(dense(4, 3));
 * ```
 */
export type SequentialNetwork<Layers extends readonly unknown[], Fold = SequentialFold<Layers>> =
  Fold extends { readonly open: true } ? SequentialRuleLayer<Layers, FoldDType<Fold>>
    : SequentialLayer<Layers, Fold>;

/**
 * The shape rule of an open network: the fold over its layers from the
 * given input, giving the last layer's output or the first `ShapeError`.
 */
export interface SequentialRule<Layers extends readonly unknown[]> extends ShapeRule {
  /** The widest input: the first shape rule's, with the checks before the input is known. */
  readonly anyInput: FoldInput<SequentialFold<Layers>>;
  /** The output for `this["input"]`. */
  readonly output: SequentialFold<Layers, this["input"]> extends infer Fold
    ? Fold extends { ok: { out: infer Out } } ? Out : Fold
    : never;
}

/**
 * A network that `sequential` made from `Layers` whose first shape-fixing
 * layer is a shape-rule layer: itself a shape-rule layer, so it takes any
 * input its layers fit (LeNet-5's body on `[B, 32, 32, 1]` gives
 * `[B, 10]`), and the compile error of an input that does not fit names
 * the layer, as `sequential`'s own errors do.
 *
 * @example
 * ```ts
 * import { sequential } from "./sequential.ts";
 * import type { SequentialRuleLayer } from "./sequential.ts";
 * import { conv2dLayer } from "./conv_layer.ts";
 * import { reluLayer } from "./activation.ts";
 * import { key } from "../core/random.ts";
 * import { zeros } from "../core/create.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const net = sequential(conv2dLayer(3, 1, 4), reluLayer, conv2dLayer(3, 4, 8));
 * const open: SequentialRuleLayer<typeof net.layers, "f32"> = net;
 * const y: Tensor<[2, 6, 6, 8]> = net.apply(net.init(key(0)), zeros([2, 10, 10, 1]));
 * ```
 */
export interface SequentialRuleLayer<Layers extends readonly unknown[], PD extends DType>
  extends
    StatefulShapeRuleLayer<
      SequentialParams<Layers>,
      SequentialState<Layers>,
      SequentialRule<Layers>,
      PD
    > {
  /** Always `"sequential"`. */
  readonly name: "sequential";
  /** The layers, in order. */
  readonly layers: Layers;
}

/**
 * A network that `sequential` made from `Layers`.
 *
 * @example
 * ```ts
 * import type { SequentialLayer } from "./sequential.ts";
 * import { sequential } from "./sequential.ts";
 * import { dense } from "./dense.ts";
 * import type { DenseLayer } from "./dense.ts";
 * const net: SequentialLayer<readonly [DenseLayer<4, 3>, DenseLayer<3, 2>]> = sequential(
 *   dense(4, 3),
 *   dense(3, 2),
 * );
 * ```
 */
export interface SequentialLayer<
  Layers extends readonly unknown[],
  Fold = SequentialFold<Layers>,
> extends
  StatefulLayer<
    SequentialParams<Layers>,
    SequentialState<Layers>,
    FoldInput<Fold>,
    FoldOutput<Fold>,
    FoldDType<Fold>
  > {
  /** Always `"sequential"`. */
  readonly name: "sequential";
  /** The layers, in order. */
  readonly layers: Layers;
}

type AnyLayer = Layer<unknown, Shape, Shape, DType>;
type AnyTensor = Tensor<Shape, DType>;
type StatefulPart = Partial<StatefulLayer<unknown, unknown, Shape, Shape, DType>>;

function isLayer(value: unknown): value is AnyLayer {
  const layer = value as Partial<AnyLayer> | null;
  return typeof layer === "object" && layer !== null && typeof layer.name === "string" &&
    typeof layer.init === "function" && typeof layer.apply === "function" &&
    typeof layer.outputShape === "function";
}

/** Whether a layer without a fixed input keeps its input's shape (activations, batch norm). */
function keepsShape(layer: AnyLayer): boolean {
  const marked = layer as { readonly sameShape?: boolean; readonly lastAxis?: number };
  return marked.sameShape === true || marked.lastAxis !== undefined;
}

function describe(layers: readonly AnyLayer[], index: number): string {
  return `sequential: layer #${index} (${layers[index].name})`;
}

/**
 * The per-example output of layer `index` for input `shape`, or a `ShapeError`
 * naming the layer.
 */
function step(chain: readonly AnyLayer[], index: number, shape: readonly number[]): number[] {
  const layer = chain[index];
  const wants = layer.inputShape;
  if (wants !== undefined && !sameShape(shape, wants)) {
    throw new ShapeError(
      `${describe(chain, index)}: expects ${formatShape(wants)}, got ${formatShape(shape)}`,
    );
  }
  const last = (layer as { readonly lastAxis?: number }).lastAxis;
  if (last !== undefined && (shape.length === 0 || shape[shape.length - 1] !== last)) {
    throw new ShapeError(
      `${describe(chain, index)}: expects [..., ${last}], got ${formatShape(shape)}`,
    );
  }
  try {
    return layer.outputShape(shape);
  } catch (error) {
    if (error instanceof ShapeError) {
      throw new ShapeError(`${describe(chain, index)}: ${error.message}`);
    }
    throw error;
  }
}

/**
 * Composes layers into one: the output of each feeds the next. The params are
 * a tuple of the layers' params, in order (`params[2]` is layer #2's), and
 * `init(key)` gives layer `i` the `i`-th key of `split(key, n)`. In `apply`,
 * layer `i` sees the context with its key replaced by `foldIn(key, i)`, so
 * two dropout layers draw different masks.
 *
 * State (batch norm's running statistics) flows beside the params:
 * `initState()` gives a tuple of the layers' states (`{}` for a stateless
 * one), and `applyWithState(params, state, x, context)` returns the output
 * with the new tuple. `apply` of a network holding a stateful layer throws
 * (that layer's `apply` does: it has no state to read).
 *
 * The per-example output shape is inferred. A layer whose input does not fit
 * the shape before it does not compile; the error lands on that layer and
 * says, for instance, `sequential: layer #2 (dense): expects [400], got [256]`.
 * At run time the same check throws a `ShapeError` with the same message.
 * Layers are counted from 0, like the params tuple. Params of different
 * dtypes do not compile either (a `DTypeError` at run time).
 *
 * @throws {RangeError} when there are no layers.
 * @throws {TypeError} when an argument is not a layer.
 * @throws {ShapeError} when a layer's input does not fit the shape before it.
 * @throws {DTypeError} when two layers' params have different dtypes.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sequential } from "./sequential.ts";
 * import { dense } from "./dense.ts";
 * import { reluLayer } from "./activation.ts";
 * import { key } from "../core/random.ts";
 * import { zeros } from "../core/create.ts";
 * import { ShapeError } from "../core/errors.ts";
 * import type { Tensor } from "../core/tensor.ts";
 * const net = sequential(dense(784, 128), reluLayer, dense(128, 10));
 * const logits: Tensor<[32, 10]> = net.apply(net.init(key(0)), zeros([32, 784]));
 * assert.deepEqual(logits.shape, [32, 10]);
 * assert.throws(
 *   // @ts-expect-error sequential: layer #2 (dense): expects [400], got [256]
 *   () => sequential(dense(784, 256), reluLayer, dense(400, 10)),
 *   new ShapeError("sequential: layer #2 (dense): expects [400], got [256]"),
 * );
 * ```
 */
export function sequential<const Layers extends readonly [unknown, ...unknown[]]>(
  ...layers: {
    [K in keyof Layers]: Layers[K] & NoInfer<SequentialGuard<SequentialFold<Layers>, K>>;
  }
): SequentialNetwork<Layers> {
  if (layers.length === 0) throw new RangeError("sequential: expected at least one layer, got 0");
  const list = layers as readonly unknown[];
  list.forEach((layer, index) => {
    if (!isLayer(layer)) {
      throw new TypeError(
        `sequential: argument #${index} is not a layer (init, apply, outputShape)`,
      );
    }
  });
  const chain = list as readonly AnyLayer[];
  let dtype: DType | undefined;
  let dtypeFrom = -1;
  let shape: number[] | undefined;
  let inputShape: readonly number[] | undefined;
  // Open: a layer that changes shapes (a conv) came before any fixed input,
  // so the shapes are known only when an input comes (`run` checks them).
  let open = false;
  chain.forEach((layer, index) => {
    if (layer.dtype !== undefined) {
      if (dtype !== undefined && layer.dtype !== dtype) {
        throw new DTypeError(
          `${describe(chain, index)}: its params are ${layer.dtype}, ` +
            `layer #${dtypeFrom}'s are ${dtype}`,
        );
      }
      dtype ??= layer.dtype;
      if (dtypeFrom < 0) dtypeFrom = index;
    }
    if (shape === undefined) {
      if (open) return;
      if (layer.inputShape === undefined) {
        open = !keepsShape(layer);
        return;
      }
      inputShape = Object.freeze([...layer.inputShape]);
      shape = [...layer.inputShape];
    }
    shape = step(chain, index, shape);
  });
  type P = SequentialParams<Layers>;
  const count = chain.length;
  type St = SequentialState<Layers>;
  /**
   * The layers in turn on `x`. With `states` (updated in place, a copy the
   * caller made), a stateful layer runs `applyWithState` on its entry.
   */
  const run = (
    params: P,
    states: unknown[] | undefined,
    x: AnyTensor,
    context: ApplyContext | undefined,
  ): AnyTensor => {
    const all = params as readonly unknown[];
    if (!Array.isArray(all) || all.length !== count) {
      throw new TypeError(
        `sequential: expected params as an array of ${count} (one per layer), got ${
          Array.isArray(all) ? `an array of ${all.length}` : typeof all
        }`,
      );
    }
    const shape = x.shape as readonly number[];
    if (inputShape !== undefined && !sameShape(shape.slice(1), inputShape)) {
      const first = chain.findIndex((layer) => layer.inputShape !== undefined);
      throw new ShapeError(
        `${describe(chain, first)}: expects ${formatShape(inputShape)}, got ${
          formatShape(shape.slice(1))
        } (input of shape ${formatShape(shape)})`,
      );
    }
    if (open) chain.reduce((current, _, index) => step(chain, index, current), shape.slice(1));
    const key = context?.key;
    let h = x;
    for (let index = 0; index < count; index++) {
      const inner = key === undefined ? context : { ...context, key: foldIn(key, index) };
      const layer = chain[index];
      const input = h as Tensor<[Dim, ...Shape], DType>;
      const stateful = (layer as StatefulPart).applyWithState;
      if (states === undefined || stateful === undefined) {
        h = layer.apply(all[index], input, inner);
      } else {
        const result = stateful.call(layer, all[index], states[index], input, inner);
        h = result.output;
        states[index] = result.state;
      }
    }
    return h;
  };
  const network = {
    name: "sequential" as const,
    layers: Object.freeze([...list]) as unknown as Layers,
    ...(inputShape === undefined ? {} : { inputShape }),
    ...(dtype === undefined ? {} : { dtype }),
    init(key: PRNGKey): P {
      const keys = split(key, count);
      return chain.map((layer, index) => layer.init(keys[index])) as P;
    },
    apply<B extends Dim, D extends DType>(
      params: P,
      x: Tensor<[B, ...Shape], D>,
      context?: ApplyContext,
    ): Tensor<[B, ...Shape], D> {
      return run(params, undefined, x, context) as Tensor<[B, ...Shape], D>;
    },
    initState(): St {
      return chain.map((layer) => (layer as StatefulPart).initState?.() ?? {}) as St;
    },
    applyWithState<B extends Dim, D extends DType>(
      params: P,
      state: St,
      x: Tensor<[B, ...Shape], D>,
      context?: ApplyContext,
    ): WithState<Tensor<[B, ...Shape], D>, St> {
      const given = state as readonly unknown[];
      if (!Array.isArray(given) || given.length !== count) {
        throw new TypeError(
          `sequential: expected the state as an array of ${count} (one per layer, from ` +
            `initState), got ${
              Array.isArray(given) ? `an array of ${given.length}` : typeof given
            }`,
        );
      }
      const next = [...given];
      const output = run(params, next, x, context) as Tensor<[B, ...Shape], D>;
      return { output, state: next as St };
    },
    outputShape(shape: readonly number[]): number[] {
      return chain.reduce((current: number[], _, index) => step(chain, index, current), [
        ...shape,
      ]);
    },
  };
  return Object.freeze(network) as unknown as SequentialNetwork<Layers>;
}
