import assert from "node:assert/strict";
import { ModuleBuilder } from "./_module_builder.ts";

type Exports = Record<string, (...args: number[]) => number>;

/** Instantiates `builder` against a fresh one-page memory. */
function instantiate(builder: ModuleBuilder): { exports: Exports; memory: WebAssembly.Memory } {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const module = new WebAssembly.Module(builder.bytes());
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as Exports;
  return { exports, memory };
}

Deno.test("locals of several types, loops and ifs assemble and run", () => {
  const builder = new ModuleBuilder();
  // sum of i for i < n, skipping multiples of 3, in an f32 local between i32 ones.
  builder.function("sum", { params: ["i32"], results: ["f32"] }, (f) => {
    const [n] = f.params;
    const i = f.local("i32");
    const total = f.local("f32");
    const scratch = f.local("i32");
    f.block(() => {
      f.loop(() => {
        f.get(i).get(n).op("i32.ge_u").brIf(1);
        f.get(i).i32(3).op("i32.div_u").i32(3).op("i32.mul").get(i).op("i32.eq").if(() => {
          f.get(scratch).i32(1).op("i32.add").set(scratch);
        }, () => {
          f.get(total).get(i).op("f32.convert_i32_u").op("f32.add").set(total);
        });
        f.get(i).i32(1).op("i32.add").set(i);
        f.br(0);
      });
    });
    f.get(total);
  });
  const { exports } = instantiate(builder);
  // 1 + 2 + 4 + 5 + 7 + 8 = 27
  assert.equal(exports.sum(9), 27);
  assert.equal(exports.sum(0), 0);
});

Deno.test("hoisted constants, shuffles and lane extraction compute what they say", () => {
  const builder = new ModuleBuilder();
  builder.function("lanes", { params: ["i32"] }, (f) => {
    const [at] = f.params;
    const v = f.local("v128");
    f.get(at).memory("v128.load").set(v);
    // [v2, v0, v3, v1]·(2·2) + 1, the constants hoisted (2 used twice, declared once).
    f.get(at).get(v).get(v).shuffle32([2, 0, 7, 5]).splat(2).splat(2).op("f32x4.mul")
      .op("f32x4.mul").splat(1).op("f32x4.add").memory("v128.store", 16);
    f.get(at).get(v).extractLane(3).memory("f32.store", 32);
  });
  const { exports, memory } = instantiate(builder);
  const view = new Float32Array(memory.buffer);
  view.set([1, 2, 3, 4]);
  exports.lanes(0);
  assert.deepEqual([...view.subarray(4, 9)], [13, 5, 17, 9, 4]);
});
