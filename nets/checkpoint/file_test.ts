import assert from "node:assert/strict";
import { tensor, zeros } from "../../core/create.ts";
import { key } from "../../core/random.ts";
import { loadCheckpoint, saveCheckpoint } from "./file.ts";

const fixture = new URL("./testdata/tiny.safetensors", import.meta.url);

Deno.test("loads a file written by Python's safetensors (testdata/make_tiny.py)", async () => {
  const template = {
    layers: [{ w: zeros([2, 3]), b: zeros([2]) }],
    scale: zeros([], { dtype: "f64" }),
  };
  const loaded = await loadCheckpoint(fixture, template);
  assert.equal(loaded._tag, "Right");
  if (loaded._tag !== "Right") return;
  const { tree, step, key: prngKey, metadata } = loaded.right;
  assert.deepEqual(Array.from(tree.layers[0].w.data), [0, 0.25, 0.5, 0.75, 1, 1.25]);
  assert.deepEqual(Array.from(tree.layers[0].b.data), [0.5, -0.25]);
  assert.equal(tree.scale.data[0], Math.SQRT2);
  assert.equal(step, 42);
  assert.deepEqual(prngKey, key(7));
  assert.deepEqual(metadata, { format: "np", writer: "python safetensors 0.8.0" });
  const flat = await loadCheckpoint(fixture);
  assert.ok(flat._tag === "Right");
  assert.deepEqual(Object.keys(flat.right.tree), ["scale", "layers[0].b", "layers[0].w"]);
});

Deno.test("a missing file rejects the promise", async () => {
  await assert.rejects(
    () => loadCheckpoint(new URL("./testdata/missing.safetensors", import.meta.url)),
    Deno.errors.NotFound,
  );
});

Deno.test({
  name: "saveCheckpoint then loadCheckpoint round-trips (the test task grants --allow-write)",
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const path = `${dir}/model.safetensors`;
      const params = { w: tensor([[1, 2], [3, 4]]), adam: { m: tensor([0.1], { dtype: "f64" }) } };
      await saveCheckpoint(path, params, { step: 7, key: key(3) });
      await saveCheckpoint(path, params, { step: 8, key: key(3) });
      const back = await loadCheckpoint(path, params);
      assert.ok(back._tag === "Right");
      assert.equal(back.right.step, 8);
      assert.deepEqual(back.right.tree.adam.m.data, params.adam.m.data);
      assert.deepEqual([...Deno.readDirSync(dir)].map((entry) => entry.name), [
        "model.safetensors",
      ]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
