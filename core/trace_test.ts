import assert from "node:assert/strict";
import { grad, vjp } from "./autodiff.ts";
import { tensor } from "./create.ts";
import type { AnyTensor } from "./tensor.ts";
import { Tensor } from "./tensor.ts";
import { isTraced, record } from "./trace.ts";

/** `a + b` (both `[2]`) recorded with a rule that logs the `needed` flags it gets. */
function loggedAdd(a: AnyTensor, b: AnyTensor, log: boolean[][]): AnyTensor {
  const data = new Float32Array([a.data[0] + b.data[0], a.data[1] + b.data[1]]);
  return record("loggedAdd", new Tensor([2], "f32", data), [a, b], (g, _i, _o, needed) => {
    log.push([...needed]);
    return [needed[0] ? g : null, needed[1] ? g : null];
  });
}

Deno.test("record: a rule learns which inputs the transform differentiates", () => {
  const constant = tensor([10, 20]);
  const log: boolean[][] = [];
  const [y, pullback] = vjp((x: Tensor<[2]>) => loggedAdd(x, constant, log), tensor([1, 2]));
  const back = pullback(tensor([1, 1]) as typeof y);
  assert.deepEqual(log, [[true, false]]);
  assert.deepEqual(Array.from(back.data), [1, 1]);
  // Both operands traced: both needed.
  log.length = 0;
  vjp((x: Tensor<[2]>) => loggedAdd(x, x, log), tensor([1, 2]))[1](tensor([1, 1]));
  assert.deepEqual(log, [[true, true]]);
});

Deno.test("isTraced: true only for tensors an active trace knows", () => {
  const outside = tensor([1, 2]);
  assert.equal(isTraced([outside]), false);
  const seen: boolean[] = [];
  grad((x: Tensor<[2]>) => {
    seen.push(isTraced([x]), isTraced([outside]), isTraced([outside, x]));
    return tensor(0) as Tensor<[]>;
  })(tensor([3, 4]));
  assert.deepEqual(seen, [true, false, true]);
  assert.equal(isTraced([outside]), false);
});
