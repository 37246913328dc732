import assert from "node:assert/strict";
import { tensor } from "../../core/create.ts";
import { ShapeError } from "../../core/errors.ts";
import type { Tensor } from "../../core/tensor.ts";
import { makeDataset } from "../data/dataset.ts";
import { decisionBoundarySvg } from "./decision_boundary_svg.ts";

const data = makeDataset(tensor([[0, 0], [4, 0], [4, 2], [0, 2]]), [0, 1, 1, 0], { classes: 2 });
const rightHalf = (grid: Tensor<[number, 2], "f32">): number[] =>
  Array.from({ length: grid.shape[0] }, (_, i) => (grid.data[2 * i] > 2 ? 1 : 0));

Deno.test("decisionBoundarySvg: one merged rectangle per colour run, one circle per point", () => {
  const svg = decisionBoundarySvg(data, rightHalf, { resolution: 10, size: 100 });
  // A vertical boundary: every row has two runs.
  assert.equal(svg.match(/<rect x=/g)?.length, 20);
  assert.equal(svg.match(/<circle/g)?.length, 4);
  assert.equal(svg.match(/fill="#f4b6b6"/g)?.length, 10);
  assert.equal(svg.match(/fill="#b6cdf4"/g)?.length, 10);
  // Points in their true class's colour: two of each.
  assert.equal(svg.match(/r="2.5" stroke="#222" stroke-width="0.4" fill="#c62828"/g)?.length, 2);
});

Deno.test("decisionBoundarySvg: grid centres span the widened bounding box, top row first", () => {
  let seen: Float32Array | undefined;
  decisionBoundarySvg(data, (grid) => {
    seen = grid.data;
    return new Array(grid.shape[0]).fill(0);
  }, { resolution: 4 });
  // x from −0.4 to 4.4 (a tenth of 4 on each side), cells 1.2 wide: centres −0.4 + 0.6 + 1.2·k.
  assert(seen !== undefined);
  assert(Math.abs(seen[0] - 0.2) < 1e-6 && Math.abs(seen[6] - 3.8) < 1e-6);
  // y from −0.2 to 2.2, top row first: the first centre is at 2.2 − 0.3.
  assert(Math.abs(seen[1] - 1.9) < 1e-6 && Math.abs(seen[31] - 0.1) < 1e-6);
});

Deno.test("decisionBoundarySvg: errors say expected vs got", () => {
  assert.throws(
    () => decisionBoundarySvg(data, () => [0, 1], { resolution: 3 }),
    /must return 9 classes, one per grid point, got 2/,
  );
  assert.throws(() => decisionBoundarySvg(data, rightHalf, { resolution: 0 }), RangeError);
  const wide = makeDataset(tensor([[0, 0, 0]]), [0], { classes: 1 });
  assert.throws(
    // @ts-expect-error the rows must be 2-D points
    () => decisionBoundarySvg(wide, rightHalf),
    ShapeError,
  );
});
