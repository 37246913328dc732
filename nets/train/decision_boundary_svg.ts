/**
 * `decisionBoundarySvg`: a 2-D classifier's regions under a scatter of its
 * data, the course's `plot_decision_boundary`, as a small standalone SVG.
 *
 * @module
 */
import type { DType } from "../../core/tensor.ts";
import { Tensor } from "../../core/tensor.ts";
import { ShapeError } from "../../core/errors.ts";
import { formatShape } from "../../core/shape.ts";
import type { Dataset } from "../data/dataset.ts";

/** Options of {@link decisionBoundarySvg}. */
export interface DecisionBoundaryOptions {
  /** The chart's title, drawn above the plot. */
  readonly title?: string;
  /** Width and height of the plot in pixels; 320 when absent. */
  readonly size?: number;
  /** Grid cells per side on which `classify` is evaluated; 60 when absent. */
  readonly resolution?: number;
}

const regionColors = ["#f4b6b6", "#b6cdf4", "#c8ebc0", "#f6dcb0", "#dcc8f0"];
const pointColors = ["#c62828", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a"];

function escape(text: string): string {
  return text.replace(
    /[<>&"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!,
  );
}

/**
 * Draws the class `classify` gives each cell of a `resolution × resolution`
 * grid over the data's bounding box (widened by a tenth on each side) as a
 * light background, and each point of `data` on top in its true class's
 * colour. `classify` gets all grid centres at once as a `[resolution², 2]`
 * f32 tensor and returns one class per row. Cells of one colour in a row are
 * merged into one rectangle, so a smooth boundary stays a few kilobytes.
 *
 * @throws {ShapeError} when the data's rows are not 2-D points or `classify`
 * returns the wrong number of classes.
 * @throws {RangeError} when `size` or `resolution` is not a positive integer.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decisionBoundarySvg } from "./decision_boundary_svg.ts";
 * import { makeDataset } from "../data/dataset.ts";
 * import { tensor } from "../../core/create.ts";
 * const data = makeDataset(tensor([[-1, 0], [1, 0], [2, 1]]), [0, 1, 1], { classes: 2 });
 * const svg = decisionBoundarySvg(data, (grid) => {
 *   const rows = grid.shape[0];
 *   return Array.from({ length: rows }, (_, i) => (grid.data[2 * i] > 0 ? 1 : 0));
 * }, { title: "x > 0" });
 * assert(svg.startsWith("<svg") && svg.includes("x &gt; 0"));
 * assert.equal(svg.match(/<circle/g)?.length, 3);
 * ```
 */
export function decisionBoundarySvg(
  data: Dataset<[2], number, DType>,
  classify: (points: Tensor<[number, 2], "f32">) => ArrayLike<number>,
  options?: DecisionBoundaryOptions,
): string {
  const shape = data.images.shape as readonly number[];
  if (shape.length !== 2 || shape[1] !== 2) {
    throw new ShapeError(
      `decisionBoundarySvg: expected points of shape [n, 2], got ${formatShape(shape)}`,
    );
  }
  const size = options?.size ?? 320;
  const resolution = options?.resolution ?? 60;
  for (const [name, value] of [["size", size], ["resolution", resolution]] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`decisionBoundarySvg: ${name} must be a positive integer, got ${value}`);
    }
  }
  const xy = data.images.data;
  let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < data.size; i++) {
    [xMin, xMax] = [Math.min(xMin, xy[2 * i]), Math.max(xMax, xy[2 * i])];
    [yMin, yMax] = [Math.min(yMin, xy[2 * i + 1]), Math.max(yMax, xy[2 * i + 1])];
  }
  if (data.size === 0) [xMin, xMax, yMin, yMax] = [-1, 1, -1, 1];
  const padX = (xMax - xMin) / 10 || 1;
  const padY = (yMax - yMin) / 10 || 1;
  [xMin, xMax, yMin, yMax] = [xMin - padX, xMax + padX, yMin - padY, yMax + padY];
  const cellW = (xMax - xMin) / resolution;
  const cellH = (yMax - yMin) / resolution;
  const grid = new Float32Array(2 * resolution * resolution);
  for (let row = 0; row < resolution; row++) {
    for (let col = 0; col < resolution; col++) {
      const i = row * resolution + col; // row 0 is the top of the picture
      grid[2 * i] = xMin + (col + 0.5) * cellW;
      grid[2 * i + 1] = yMax - (row + 0.5) * cellH;
    }
  }
  const classes = classify(new Tensor<[number, 2], "f32">([resolution ** 2, 2], "f32", grid));
  if (classes.length !== resolution ** 2) {
    throw new ShapeError(
      `decisionBoundarySvg: classify must return ${resolution ** 2} classes, one per grid ` +
        `point, got ${classes.length}`,
    );
  }
  const top = options?.title ? 28 : 4;
  const pixel = size / resolution;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size + 8}" height="${size + top + 4}" ` +
    `font-family="sans-serif" font-size="13">`,
    `<rect width="${size + 8}" height="${size + top + 4}" fill="white"/>`,
  ];
  if (options?.title) {
    parts.push(
      `<text x="${size / 2 + 4}" y="18" text-anchor="middle">${escape(options.title)}</text>`,
    );
  }
  for (let row = 0; row < resolution; row++) {
    let start = 0;
    for (let col = 1; col <= resolution; col++) {
      const here = classes[row * resolution + start];
      if (col < resolution && classes[row * resolution + col] === here) continue;
      parts.push(
        `<rect x="${(4 + start * pixel).toFixed(1)}" y="${(top + row * pixel).toFixed(1)}" ` +
          `width="${((col - start) * pixel + 0.5).toFixed(1)}" height="${
            (pixel + 0.5).toFixed(1)
          }" ` +
          `fill="${regionColors[Math.abs(here) % regionColors.length]}"/>`,
      );
      start = col;
    }
  }
  const px = (x: number) => (4 + ((x - xMin) / (xMax - xMin)) * size).toFixed(1);
  const py = (y: number) => (top + ((yMax - y) / (yMax - yMin)) * size).toFixed(1);
  for (let i = 0; i < data.size; i++) {
    parts.push(
      `<circle cx="${px(xy[2 * i])}" cy="${py(xy[2 * i + 1])}" r="2.5" stroke="#222" ` +
        `stroke-width="0.4" fill="${pointColors[data.labels[i] % pointColors.length]}"/>`,
    );
  }
  parts.push("</svg>");
  return parts.join("\n");
}
