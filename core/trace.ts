/**
 * The tape behind reverse mode. While a transform (`grad`, `vjp`, …) runs,
 * a trace is active; every op that has a traced input records a node: its
 * inputs, its output and its vector–Jacobian product rule. Traces nest: an op
 * records into every active trace that knows one of its inputs, so the
 * backward pass of an inner `grad` — written with ops — is itself recorded by
 * the outer one, and grad of grad needs nothing more.
 *
 * Outside every transform there is no trace, and `record` returns at once.
 *
 * @module
 */
import type { AnyTensor } from "./tensor.ts";

/**
 * A vector–Jacobian product rule: given the cotangent of the output, the
 * cotangents of the inputs (`null` where an input gets none, such as an index
 * or a mask). Written with differentiable ops. A cotangent may keep the
 * output's broadcast shape: the backward pass sums it back to its input's
 * shape in one place.
 *
 * `needed[k]` says whether the transform differentiates with respect to
 * input `k` (whether its trace knows it); a rule may return `null` where it
 * is `false` and skip that work (a matmul against a data batch needs no
 * cotangent for the batch). Rules that ignore it stay correct.
 */
export type VJPRule = (
  cotangent: AnyTensor,
  inputs: readonly AnyTensor[],
  output: AnyTensor,
  needed: readonly boolean[],
) => readonly (AnyTensor | null)[];

/** One recorded op. */
export interface Node {
  /** The op's name, for messages. */
  readonly op: string;
  readonly inputs: readonly AnyTensor[];
  readonly output: AnyTensor;
  readonly vjp: VJPRule;
}

/** The record of one transform: its nodes in the order they ran. */
export class Trace {
  /** Recorded nodes, in execution (topological) order. */
  readonly nodes: Node[] = [];
  /** The tensors this trace depends on: its leaves and every recorded output. */
  readonly known: WeakSet<AnyTensor> = new WeakSet();
}

const active: Trace[] = [];

/** Whether any transform is running (ops may skip recording work when not). */
export function isTracing(): boolean {
  return active.length > 0;
}

/**
 * Whether an active trace knows one of `tensors`: then work on them must be
 * done with recording ops. A rule or op may take an unrecorded fast path
 * when this is `false`.
 */
export function isTraced(tensors: readonly AnyTensor[]): boolean {
  for (let level = 0; level < active.length; level++) {
    const known = active[level].known;
    for (let k = 0; k < tensors.length; k++) if (known.has(tensors[k])) return true;
  }
  return false;
}

/** Runs `body` with `trace` active, and deactivates it afterwards, even on a throw. */
export function withTrace<T>(trace: Trace, body: () => T): T {
  active.push(trace);
  try {
    return body();
  } finally {
    // Transforms nest strictly, so the top of the stack is always `trace` here.
    active.pop();
  }
}

/**
 * Records `output = op(inputs)` with its rule into every active trace that
 * knows one of the inputs, and returns `output`. Every differentiable op ends
 * with a call to it.
 */
export function record<T extends AnyTensor>(
  op: string,
  output: T,
  inputs: readonly AnyTensor[],
  vjp: VJPRule,
): T {
  for (let level = 0; level < active.length; level++) {
    const trace = active[level];
    const known = trace.known;
    for (let k = 0; k < inputs.length; k++) {
      if (known.has(inputs[k])) {
        trace.nodes.push({ op, inputs, output, vjp });
        known.add(output);
        break;
      }
    }
  }
  return output;
}
