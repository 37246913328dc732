import assert from "node:assert/strict";
import { zeros } from "../core/create.ts";
import { key } from "../core/random.ts";
import { countParams } from "./count_params.ts";
import { sequential } from "./sequential.ts";
import { dense } from "./dense.ts";
import { reluLayer } from "./activation.ts";

Deno.test("countParams sums leaf sizes; layers without params count 0", () => {
  const net = sequential(dense(784, 128), reluLayer, dense(128, 10, { bias: false }));
  assert.equal(countParams(net.init(key(0))), 784 * 128 + 128 + 128 * 10);
  assert.equal(countParams({}), 0);
  assert.equal(countParams({ a: [zeros([2, 3]), zeros([])] }), 7);
});
