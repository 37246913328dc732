/**
 * Registry entries of convolution and pooling, over stride × padding × size
 * combinations from {@link convConfigArbitrary} and
 * {@link poolConfigArbitrary}.
 *
 * @module
 */
import fc from "fast-check";
import { conv1d } from "../ops/conv1d.ts";
import { conv2d } from "../ops/conv2d.ts";
import { conv3d } from "../ops/conv3d.ts";
import { maxPool2d } from "../ops/max_pool2d.ts";
import { avgPool2d } from "../ops/avg_pool2d.ts";
import type { ConvConfig, PoolConfig } from "./window_arbitraries.ts";
import { tensorArbitrary } from "./arbitraries.ts";
import { convConfigArbitrary, poolConfigArbitrary } from "./window_arbitraries.ts";
import type { ErrorInput, OpInfo } from "./registry.ts";
import type { Loose, Output } from "./_registry_common.ts";
import {
  FIRST_ORDER_TOLERANCE,
  rejects,
  sample,
  shapeText,
  smooth,
  zeroSecondOrder,
  zerosOf,
} from "./_registry_common.ts";

type ConvOptions = { stride: number; padding: ConvConfig["padding"] };
type ConvCall = (x: Loose, w: Loose, options: ConvOptions) => Output;
type PoolCall = (
  x: Loose,
  options: { size: number; stride: number; padding: PoolConfig["padding"] },
) => Output;

/**
 * The conv and pool ops reject tensors of unknown rank at compile time (their
 * rules need the rank), so the registry calls them through these loose views.
 */
const loose = {
  conv1d: conv1d as unknown as (x: Loose, w: Loose, options?: ConvOptions) => Output,
  conv2d: conv2d as unknown as (x: Loose, w: Loose, options?: ConvOptions) => Output,
  conv3d: conv3d as unknown as (x: Loose, w: Loose, options?: ConvOptions) => Output,
  maxPool2d: maxPool2d as unknown as PoolCall,
  avgPool2d: avgPool2d as unknown as PoolCall,
};

function convText(config: { stride: number; padding: unknown }): string {
  return `{stride: ${config.stride}, padding: ${JSON.stringify(config.padding)}}`;
}

function convEntry(
  name: string,
  rank: 1 | 2 | 3,
  op: ConvCall,
  errorInputs: readonly ErrorInput[],
): OpInfo {
  const limits = rank === 3
    ? { maxSpatial: 3, maxWindow: 2, maxChannels: 2, maxBatch: 1 }
    : { maxSpatial: 4, maxWindow: 3, maxChannels: 2, maxBatch: 2 };
  const calls = convConfigArbitrary({ ranks: [rank], ...limits }).chain((config) =>
    fc.tuple(
      fc.constant(config),
      tensorArbitrary(config.inputShape),
      tensorArbitrary(config.filterShape),
    )
  );
  return {
    name,
    sample: calls.map(([config, x, w]) => {
      const options = { stride: config.stride, padding: config.padding };
      return sample(
        `${name}(${shapeText(x)}, ${shapeText(w)}, ${convText(options)})`,
        [x, w],
        ([input, filter]) => op(input, filter, options),
      );
    }),
    domain: { description: "all reals; every window fits its padded input", inputs: [{}, {}] },
    tolerance: FIRST_ORDER_TOLERANCE,
    secondOrder: smooth,
    errorInputs,
  };
}

function poolEntry(name: string, op: PoolCall, max: boolean): OpInfo {
  const domain = max ? { distinct: true } : {};
  const calls = poolConfigArbitrary({ maxSpatial: 4, maxWindow: 3, maxChannels: 2 }).chain((
    config,
  ) => fc.tuple(fc.constant(config), tensorArbitrary(config.inputShape, domain)));
  return {
    name,
    sample: calls.map(([config, x]) => {
      const options = { size: config.size, stride: config.stride, padding: config.padding };
      return sample(
        `${name}(${shapeText(x)}, {size: ${config.size}, ${convText(options).slice(1)})`,
        [x],
        ([input]) => op(input, options),
      );
    }),
    domain: {
      description: max
        ? "pairwise distinct values (ties within a window are the kinks)"
        : "all reals",
      inputs: [domain],
    },
    tolerance: FIRST_ORDER_TOLERANCE,
    secondOrder: zeroSecondOrder(
      max
        ? "piecewise linear: the Hessian is zero away from ties and undefined at them"
        : "linear: the Hessian is zero, and grad of grad must give exactly 0",
    ),
    errorInputs: [
      rejects(
        "an input of rank 3",
        () => op(zerosOf(1, 5, 2), { size: 2, stride: 2, padding: "valid" }),
        /pool2d.*\[1, 5, 2\].*\[batch, height, width, channels\]/i,
      ),
      rejects(
        "a window larger than the input",
        () => op(zerosOf(1, 1, 5, 2), { size: 2, stride: 2, padding: "valid" }),
        /pool2d.*window 2 is larger than the padded input 1/i,
      ),
    ],
  };
}

/** Convolution and pooling. */
export const windowOps: readonly OpInfo[] = [
  convEntry("conv1d", 1, (x, w, options) => loose.conv1d(x, w, options), [
    rejects(
      "channels that differ",
      () => loose.conv1d(zerosOf(1, 5, 2), zerosOf(3, 3, 4)),
      /conv1d.*\[1, 5, 2\].*\[3, 3, 4\].*2 channels.*expects 3.*axis 1/,
    ),
    rejects(
      "a filter of the wrong rank",
      () => loose.conv1d(zerosOf(1, 5, 2), zerosOf(3, 2)),
      /conv1d.*\[1, 5, 2\].*\[3, 2\].*rank 3/,
    ),
    rejects(
      "a window larger than the input",
      () => loose.conv1d(zerosOf(1, 2, 2), zerosOf(3, 2, 4)),
      /conv1d.*window 3 is larger than the padded input 2/,
    ),
  ]),
  convEntry("conv2d", 2, (x, w, options) => loose.conv2d(x, w, options), [
    rejects(
      "channels that differ",
      () => loose.conv2d(zerosOf(1, 5, 5, 2), zerosOf(3, 3, 3, 4)),
      /conv2d.*\[1, 5, 5, 2\].*\[3, 3, 3, 4\].*2 channels.*expects 3.*axis 2/,
    ),
    rejects(
      "an input of rank 3",
      () => loose.conv2d(zerosOf(1, 5, 2), zerosOf(3, 2, 4)),
      /conv2d.*\[1, 5, 2\].*rank 4/,
    ),
  ]),
  convEntry("conv3d", 3, (x, w, options) => loose.conv3d(x, w, options), [
    rejects(
      "channels that differ",
      () => loose.conv3d(zerosOf(1, 5, 5, 5, 2), zerosOf(3, 3, 3, 1, 4)),
      /conv3d.*\[1, 5, 5, 5, 2\].*\[3, 3, 3, 1, 4\].*2 channels.*expects 1.*axis 3/,
    ),
  ]),
  poolEntry("maxPool2d", (x, options) => loose.maxPool2d(x, options), true),
  poolEntry("avgPool2d", (x, options) => loose.avgPool2d(x, options), false),
];
