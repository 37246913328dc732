/**
 * `residualBlock`: the course's residual block of two 3×3 convolutions,
 * with the identity or a projection shortcut.
 *
 * @module
 */
import type { DType } from "../../core/tensor.ts";
import { reluLayer } from "../activation.ts";
import type { Conv2dLayer, ConvLayerOptions } from "../conv_layer.ts";
import { conv2dLayer } from "../conv_layer.ts";
import type { SequentialNetwork } from "../sequential.ts";
import { sequential } from "../sequential.ts";
import type { ResidualLayer } from "./residual.ts";
import { residual } from "./residual.ts";

/** Options of {@link residualBlock}. */
export interface ResidualBlockOptions<S extends number, D extends DType> {
  /** The first conv's stride (2 halves the height and width); 1 when absent. */
  readonly stride?: S;
  /** The params' dtype; `"f32"` when absent. */
  readonly dtype?: D;
}

/** The main path of {@link residualBlock}: 3×3 same conv (stride `S`), relu, 3×3 same conv. */
export type ResidualBlockMain<
  CIn extends number,
  COut extends number,
  S extends number,
  D extends DType,
> = SequentialNetwork<
  [
    Conv2dLayer<3, CIn, COut, { readonly stride: S; readonly padding: "same"; readonly dtype: D }>,
    typeof reluLayer,
    Conv2dLayer<3, COut, COut, { readonly padding: "same"; readonly dtype: D }>,
  ]
>;

/**
 * The shortcut of {@link residualBlock}: the identity (`undefined`) when the
 * channels and size stay, else a 1×1 conv with stride `S`.
 */
export type ResidualBlockShortcut<
  CIn extends number,
  COut extends number,
  S extends number,
  D extends DType,
> = { a: CIn; s: S } extends { a: COut; s: 1 } ? undefined
  : Conv2dLayer<1, CIn, COut, { readonly stride: S; readonly dtype: D }>;

/**
 * The residual block of the course: `a[l+2] = relu(z[l+2] + a[l])` with
 * `z[l+2]` from two 3×3 same convolutions (`cIn → cOut` with stride
 * `stride`, relu, `cOut → cOut`). The shortcut is the identity when
 * `cIn = cOut` and the stride is 1; otherwise a 1×1 conv `cIn → cOut` with
 * the stride, so the two shapes meet (ResNet's projection shortcut). The
 * block takes any `[H, W, cIn]`; its output `[⌈H/s⌉, ⌈W/s⌉, cOut]` is
 * inferred. For batch norm, compose your own main path with {@link residual}.
 *
 * @throws {RangeError} when a size or the stride is not a positive integer.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { residualBlock } from "./residual_block.ts";
 * import { key } from "../../core/random.ts";
 * import { zeros } from "../../core/create.ts";
 * import type { Tensor } from "../../core/tensor.ts";
 * const block = residualBlock(4, 8, { stride: 2 });
 * const y: Tensor<[2, 4, 4, 8]> = block.apply(block.init(key(0)), zeros([2, 8, 8, 4]));
 * assert.equal(block.paramCount(), (3 * 3 * 4 * 8 + 8) + (3 * 3 * 8 * 8 + 8) + (4 * 8 + 8));
 * ```
 */
export function residualBlock<
  const CIn extends number,
  const COut extends number,
  const S extends number = 1,
  D extends DType = "f32",
>(
  cIn: CIn,
  cOut: COut,
  options?: ResidualBlockOptions<S, D>,
): ResidualLayer<ResidualBlockMain<CIn, COut, S, D>, ResidualBlockShortcut<CIn, COut, S, D>> {
  const stride: number = options?.stride ?? 1;
  const dtype: DType = options?.dtype ?? "f32";
  // The static types are the signature's; inside, the layers are built loosely.
  const conv = conv2dLayer as (
    f: number,
    cIn: number,
    cOut: number,
    o: ConvLayerOptions,
  ) => unknown;
  const chain = sequential as unknown as (...layers: unknown[]) => unknown;
  const block = residual as unknown as (main: unknown, o?: { shortcut: unknown }) => unknown;
  const main = chain(
    conv(3, cIn, cOut, { stride, padding: "same", dtype }),
    reluLayer,
    conv(3, cOut, cOut, { padding: "same", dtype }),
  );
  const identity = (cIn as number) === cOut && stride === 1;
  const result = identity
    ? block(main)
    : block(main, { shortcut: conv(1, cIn, cOut, { stride, dtype }) });
  return result as ResidualLayer<
    ResidualBlockMain<CIn, COut, S, D>,
    ResidualBlockShortcut<CIn, COut, S, D>
  >;
}
