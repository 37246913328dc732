import assert from "node:assert/strict";
import { historySvg } from "./history.ts";

Deno.test("historySvg draws one line per series, skips non-finite points, and escapes names", () => {
  const svg = historySvg(
    { "train <loss>": [[0, 2], [1, 1], [2, NaN], [3, 0.5]], dev: [[0, 2.2], [3, 0.9]] },
    { title: "cost", xLabel: "epoch" },
  );
  assert.equal(svg.match(/<polyline/g)?.length, 2);
  const first = svg.match(/points="([^"]*)"/)![1].split(" ");
  assert.equal(first.length, 3);
  assert.ok(svg.includes("train &lt;loss&gt;"));
  assert.ok(svg.includes(">epoch</text>"));
});

Deno.test("historySvg maps the smallest y to the bottom of the plot", () => {
  const svg = historySvg({ loss: [[0, 1], [1, 0]] }, { width: 400, height: 300 });
  const [start, end] = svg.match(/points="([^"]*)"/)![1].split(" ").map((p) =>
    p.split(",").map(Number)
  );
  assert.ok(start[1] < end[1], "a falling loss goes down the page");
  assert.ok(start[0] < end[0]);
});

Deno.test("historySvg refuses a history without finite points", () => {
  assert.throws(() => historySvg({ loss: [[0, NaN]] }), RangeError);
});
