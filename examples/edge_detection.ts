/**
 * Edge detection with convolutions (the course's first look at conv nets):
 * vertical, horizontal and Sobel filters run over an MNIST digit with
 * `conv2d` and drawn in the terminal as shaded characters (and written as
 * PGM images to the output folder, `out/` or the first argument). Then a
 * 3 × 3 filter starts from random numbers and learns, by gradient descent on
 * the mean squared error against the vertical-edge picture, to be the
 * vertical edge detector `[[1, 0, −1], [1, 0, −1], [1, 0, −1]]`.
 *
 * Run: `deno run --allow-read=out --allow-write=out examples/edge_detection.ts`
 * (about a second or two).
 *
 * @module
 */
import { key } from "../core/random.ts";
import { randomNormal } from "../core/sample.ts";
import { valueAndGrad } from "../core/autodiff.ts";
import { scalar, tensor } from "../core/create.ts";
import type { Tensor } from "../core/tensor.ts";
import { conv2d } from "../ops/conv2d.ts";
import { reshape } from "../ops/reshape.ts";
import { add } from "../ops/add.ts";
import { sub } from "../ops/sub.ts";
import { mul } from "../ops/mul.ts";
import { square } from "../ops/square.ts";
import { sqrt } from "../ops/sqrt.ts";
import { meanSquaredError } from "../ops/mean_squared_error.ts";
import { loadMnist } from "../nets/data/mnist.ts";
import { takeRows } from "../nets/data/take_rows.ts";

const outDir = Deno.args[0] ?? "out";
const started = performance.now();

type Filter = Tensor<[3, 3, 1, 1]>;
/** A 3 × 3 kernel as a conv2d filter (HWIO: height, width, 1 channel in, 1 out). */
const filter = (rows: number[][]): Filter => reshape(tensor(rows), [3, 3, 1, 1]);
const filters: [string, Filter][] = [
  ["vertical", filter([[1, 0, -1], [1, 0, -1], [1, 0, -1]])],
  ["horizontal", filter([[1, 1, 1], [0, 0, 0], [-1, -1, -1]])],
  ["Sobel x", filter([[1, 0, -1], [2, 0, -2], [1, 0, -1]])],
  ["Sobel y", filter([[1, 2, 1], [0, 0, 0], [-1, -2, -1]])],
];

// One test digit 4 (vertical and horizontal strokes), as a batch of one 28 × 28 × 1 image.
const { train, test } = await loadMnist();
const four = test.labels.indexOf(4);
const digit = reshape(takeRows(test, [four]).images, [1, 28, 28, 1]);

const SHADES = " .:-=+*#%@";
/** An image as lines of shaded characters, darkest for the largest |value|, two per pixel. */
function shaded(image: Tensor<[1, number, number, 1]>): string[] {
  const [, height, width] = image.shape;
  const largest = Math.max(...image.data.map(Math.abs)) || 1;
  return Array.from({ length: height }, (_, y) => {
    let line = "";
    for (let x = 0; x < width; x++) {
      const level = Math.abs(image.data[y * width + x]) / largest;
      const shade = SHADES[Math.min(SHADES.length - 1, Math.round(level * (SHADES.length - 1)))];
      line += shade + shade;
    }
    return line;
  });
}

/** Prints pictures side by side under their titles. */
function show(pictures: [string, Tensor<[1, number, number, 1]>][]): void {
  const drawn = pictures.map(([, image]) => shaded(image));
  const width = Math.max(...drawn.map((lines) => lines[0].length)) + 2;
  console.log(pictures.map(([title]) => title.padEnd(width)).join(""));
  for (let y = 0; y < Math.max(...drawn.map((lines) => lines.length)); y++) {
    console.log(drawn.map((lines) => (lines[y] ?? "").padEnd(width)).join(""));
  }
}

/** A binary PGM: 0 is mid grey, ±largest |value| black and white. */
function pgm(image: Tensor<[1, number, number, 1]>, signed: boolean): Uint8Array {
  const [, height, width] = image.shape;
  const largest = Math.max(...image.data.map(Math.abs)) || 1;
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const out = new Uint8Array(header.length + width * height);
  out.set(header);
  image.data.forEach((v, i) => {
    const level = signed ? 0.5 + v / (2 * largest) : v / largest;
    out[header.length + i] = Math.round(255 * level);
  });
  return out;
}

const edges = filters.map((
  [name, f],
): [string, Tensor<[1, 26, 26, 1]>] => [name, conv2d(digit, f)]);
// The Sobel gradient's length, √(gx² + gy²): edges in every direction.
const sobel: Tensor<[1, 26, 26, 1]> = sqrt(add(square(edges[2][1]), square(edges[3][1])));
console.log(
  `A test digit 4 and its edges (|value| shaded; a valid 3 × 3 ` +
    `convolution leaves 26 × 26):\n`,
);
show([["digit", digit], edges[0]]);
show([edges[1], ["Sobel magnitude", sobel]]);

await Deno.mkdir(outDir, { recursive: true });
await Deno.writeFile(`${outDir}/edge_digit.pgm`, pgm(digit, false));
for (const [name, image] of edges) {
  await Deno.writeFile(
    `${outDir}/edge_${name.replace(" ", "_").toLowerCase()}.pgm`,
    pgm(image, true),
  );
}

// Learning the vertical filter: 32 training digits, their vertical-edge pictures as the
// target, and a random 3 × 3 filter moved down the gradient of the mean squared error,
// w ← w − α·∂mse/∂w. The loss is a quadratic in w whose curvature is set by how MNIST's
// 3 × 3 patches vary; α = 1 is about as large as it stays stable (α = 2 diverges).
const images = reshape(
  takeRows(train, Array.from({ length: 32 }, (_, i) => i * 250)).images,
  [32, 28, 28, 1],
);
const target = conv2d(images, filters[0][1]);
const lossAndGrad = valueAndGrad((w: Filter) => meanSquaredError(conv2d(images, w), target));
const learningRate = scalar(1);
let w: Filter = randomNormal(key(0), [3, 3, 1, 1], { std: 0.1 });
const rows = (f: Filter) =>
  [0, 1, 2].map((y) =>
    [0, 1, 2].map((x) => {
      const v = f.data[3 * y + x];
      return (Math.abs(v) < 0.005 ? 0 : v).toFixed(2).padStart(6);
    }).join(" ")
  );
console.log(`\nLearning a 3 × 3 filter, from random numbers:\n${rows(w).join("\n")}\n`);
const steps = 300;
for (let step = 0; step <= steps; step++) {
  const [loss, dw] = lossAndGrad(w);
  if (step % 50 === 0) {
    console.log(`step ${String(step).padStart(3)}: mse ${loss.data[0].toExponential(2)}`);
  }
  if (step < steps) w = sub(w, mul(learningRate, dw));
}
const error = Math.max(...w.data.map((v, i) => Math.abs(v - filters[0][1].data[i])));
console.log(
  `\nThe learned filter (largest difference from [[1, 0, -1], [1, 0, -1], [1, 0, -1]]: ` +
    `${error.toFixed(3)}):\n${rows(w).join("\n")}`,
);
console.log(
  `\nwrote ${outDir}/edge_*.pgm; ${((performance.now() - started) / 1000).toFixed(1)} s in all`,
);
