/**
 * The Worker behind `prefetchAugmented`: it receives an augmentation pipeline
 * once, then batches of images with their keys, and sends each batch back
 * augmented. Buffers travel both ways as transfers, not copies.
 *
 * Messages in: `{ steps }` first, then `{ id, shape, dtype, data, key }`.
 * Messages out: `{ id, shape, data }`, or `{ id, error }` when a step throws.
 *
 * @module
 */
import type { Shape } from "../../core/shape.ts";
import type { DataOf, DType } from "../../core/tensor.ts";
import { Tensor } from "../../core/tensor.ts";
import type { PRNGKey } from "../../core/random.ts";
import { augment } from "../augment/augment.ts";
import type { AugmentStep } from "../augment/augment.ts";

/** The first message: the pipeline every batch goes through. */
export interface WorkerSetup {
  /** The steps, as structured clone delivers them (tensors arrive as plain objects). */
  readonly steps: readonly AugmentStep[];
}

/** A batch to augment. */
export interface WorkerRequest {
  /** The batch's number, echoed in the reply. */
  readonly id: number;
  /** `[batch, height, width, channels]`. */
  readonly shape: readonly number[];
  /** The images' dtype. */
  readonly dtype: DType;
  /** The pixels; the buffer is transferred. */
  readonly data: Float32Array | Float64Array;
  /** The batch's key. */
  readonly key: PRNGKey;
}

/** The reply: the augmented batch, or the message of the error a step threw. */
export type WorkerReply =
  | {
    readonly id: number;
    readonly shape: readonly number[];
    readonly data: Float32Array | Float64Array;
  }
  | { readonly id: number; readonly error: string };

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerSetup | WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer: Transferable[]): void;
}

/** A tensor rebuilt from its structured clone (`shape`, `dtype`, `data`). */
function revive(
  clone: { shape: readonly number[]; dtype: DType; data: DataOf<DType> },
): Tensor<Shape, DType> {
  return new Tensor(clone.shape, clone.dtype, clone.data);
}

function reviveStep(step: AugmentStep): AugmentStep {
  if (step.kind !== "pcaColor") return step;
  const { mean, covariance, values, vectors } = step.pca as unknown as Record<
    string,
    { shape: number[]; dtype: DType; data: DataOf<DType> }
  >;
  return {
    ...step,
    pca: {
      mean: revive(mean),
      covariance: revive(covariance),
      values: revive(values),
      vectors: revive(vectors),
    } as typeof step.pca,
  };
}

const scope = globalThis as unknown as WorkerScope;
let steps: readonly AugmentStep[] = [];
scope.onmessage = (event) => {
  const message = event.data;
  if (!("id" in message)) {
    steps = message.steps.map(reviveStep);
    return;
  }
  try {
    const images = new Tensor<[number, number, number, number], DType>(
      message.shape,
      message.dtype,
      message.data,
    );
    const out = augment(message.key, images, steps);
    const buffer = out.data.buffer as ArrayBuffer; // a tensor of ours owns a plain ArrayBuffer
    scope.postMessage({ id: message.id, shape: out.shape, data: out.data }, [buffer]);
  } catch (error) {
    scope.postMessage({ id: message.id, error: String(error) }, []);
  }
};
