/**
 * Window bookkeeping shared by the reference convolution and pooling
 * kernels: for each output position, the input offsets its window covers.
 *
 * @module
 */
import { sizeOf, stridesOf } from "../shape.ts";

/**
 * Calls `visit(outSpatialIndex, inputSpatialIndex, windowIndex)` for every
 * output position and every window cell that lands inside the input (padded
 * cells are skipped). Indices count spatial positions row-major.
 */
export function forEachWindowCell(
  inSpatial: readonly number[],
  outSpatial: readonly number[],
  window: readonly number[],
  stride: number,
  padBefore: readonly number[],
  visit: (outIndex: number, inIndex: number, windowIndex: number) => void,
): void {
  const rank = inSpatial.length;
  const inStrides = stridesOf(inSpatial);
  const outStrides = stridesOf(outSpatial);
  const windowStrides = stridesOf(window);
  const outSize = sizeOf(outSpatial);
  const windowSize = sizeOf(window);
  for (let o = 0; o < outSize; o++) {
    for (let k = 0; k < windowSize; k++) {
      let inIndex = 0;
      let inside = true;
      for (let axis = 0; axis < rank; axis++) {
        const outCoord = Math.floor(o / outStrides[axis]) % outSpatial[axis];
        const windowCoord = Math.floor(k / windowStrides[axis]) % window[axis];
        const coord = outCoord * stride + windowCoord - padBefore[axis];
        if (coord < 0 || coord >= inSpatial[axis]) {
          inside = false;
          break;
        }
        inIndex += coord * inStrides[axis];
      }
      if (inside) visit(o, inIndex, k);
    }
  }
}
