/**
 * `augment`: a pipeline of augmentations described as data, so that it can
 * run anywhere, a Worker included, and give the same batch for the same key.
 *
 * @module
 */
import type { Dim } from "../../core/shape.ts";
import type { PRNGKey } from "../../core/random.ts";
import { foldIn } from "../../core/random.ts";
import type { DType, Tensor } from "../../core/tensor.ts";
import { randomFlip } from "./random_flip.ts";
import { randomCrop } from "./random_crop.ts";
import { colorShift } from "./color_shift.ts";
import { pcaColor } from "./pca_color.ts";
import type { PcaColor } from "./fit_pca_color.ts";

/** {@link randomFlip} as a pipeline step. */
export interface FlipStep {
  /** The step's kind. */
  readonly kind: "flip";
  /** Mirror left–right with probability ½; `true` when absent. */
  readonly horizontal?: boolean;
  /** Mirror top–bottom with probability ½; `false` when absent. */
  readonly vertical?: boolean;
}

/** {@link randomCrop} as a pipeline step. */
export interface CropStep {
  /** The step's kind. */
  readonly kind: "crop";
  /** The window, `[height, width]`. */
  readonly size: readonly [number, number];
  /** Zeros added on every side first; 0 when absent. */
  readonly padding?: number;
}

/** {@link colorShift} as a pipeline step. */
export interface ColorShiftStep {
  /** The step's kind. */
  readonly kind: "colorShift";
  /** The largest shift per channel. */
  readonly maxShift: number;
}

/** {@link pcaColor} as a pipeline step. */
export interface PcaColorStep {
  /** The step's kind. */
  readonly kind: "pcaColor";
  /** The colour statistics from `fitPcaColor`. */
  readonly pca: PcaColor<number>;
  /** σ of the weights; 0.1 when absent. */
  readonly std?: number;
}

/** One step of an {@link augment} pipeline. */
export type AugmentStep = FlipStep | CropStep | ColorShiftStep | PcaColorStep;

/**
 * The shape after a pipeline: `[B, H, W, C]` with the size of the last crop,
 * if any, as height and width.
 */
export type AugmentedShape<S extends readonly [Dim, Dim, Dim, Dim], Steps> = Steps extends
  readonly [infer First, ...infer Rest] ? AugmentedShape<
    First extends
      { readonly kind: "crop"; readonly size: readonly [infer H extends Dim, infer W extends Dim] }
      ? [S[0], H, W, S[3]]
      : S,
    Rest
  >
  : Steps extends readonly [] ? S
  : [S[0], number, number, S[3]];

/**
 * Runs `steps` in order on an NHWC batch; step `i` draws from
 * `foldIn(key, i)`. Each step is the function it names (`"flip"`:
 * {@link randomFlip}, `"crop"`: {@link randomCrop}, `"colorShift"`:
 * {@link colorShift}, `"pcaColor"`: {@link pcaColor}) with the step's fields
 * as its options. The pipeline is plain data (a Worker can receive it, see
 * `prefetchAugmented`), and the same key gives the same batch wherever it
 * runs. The result's type carries the size of the last crop.
 *
 * @throws {ShapeError} or {RangeError} from the steps.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { augment } from "./augment.ts";
 * import { key } from "../../core/random.ts";
 * import { ones } from "../../core/create.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * const cifar = [
 *   { kind: "crop", size: [32, 32], padding: 4 },
 *   { kind: "flip" },
 *   { kind: "colorShift", maxShift: 0.05 },
 * ] as const;
 * const out: Tensor<[16, 32, 32, 3]> = augment(key(0), ones([16, 32, 32, 3]), cifar);
 * assert.deepEqual(augment(key(0), ones([16, 32, 32, 3]), cifar).data, out.data);
 * ```
 */
export function augment<
  B extends Dim,
  H extends Dim,
  W extends Dim,
  C extends Dim,
  D extends DType,
  const Steps extends readonly AugmentStep[],
>(
  key: PRNGKey,
  images: Tensor<[B, H, W, C], D>,
  steps: Steps,
): Tensor<AugmentedShape<[B, H, W, C], Steps>, D> {
  type Batch = Tensor<[Dim, Dim, Dim, Dim], D>;
  let out = images as Batch;
  steps.forEach((step, index) => {
    const k = foldIn(key, index);
    switch (step.kind) {
      case "flip":
        out = randomFlip(k, out, withoutKind(step));
        break;
      case "crop":
        out = randomCrop(k, out, withoutKind(step));
        break;
      case "colorShift":
        out = colorShift(k, out, step);
        break;
      case "pcaColor":
        out = pcaColor(k, out, step.pca, withoutKind(step));
        break;
      default:
        throw new TypeError(
          `augment: step ${index} must have kind "flip", "crop", "colorShift" or "pcaColor", got ${
            JSON.stringify((step as { kind?: unknown }).kind)
          }`,
        );
    }
  });
  return out as unknown as Tensor<AugmentedShape<[B, H, W, C], Steps>, D>;
}

function withoutKind<T extends { readonly kind: string }>(step: T): Omit<T, "kind"> {
  const { kind: _kind, ...rest } = step;
  return rest;
}
