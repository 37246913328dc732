import assert from "node:assert/strict";
import { manifest, wasmModules } from "./_provenance.ts";

Deno.test("wasm provenance: every module rebuilds byte for byte and validates", () => {
  const [first, second] = [wasmModules(), wasmModules()];
  assert.deepEqual(first.map(({ name }) => name), second.map(({ name }) => name));
  first.forEach(({ name, bytes }, index) => {
    assert.deepEqual(bytes, second[index].bytes, `${name} differs between two builds`);
    assert(WebAssembly.validate(bytes), `${name} does not validate`);
  });
});

Deno.test("wasm provenance: the digests equal the checked-in modules.sha256", async () => {
  const expected = await Deno.readTextFile(new URL("./modules.sha256", import.meta.url));
  assert.equal(
    await manifest(wasmModules()),
    expected,
    "the generated WebAssembly changed: review it, then run `deno task wasm:build --update` " +
      "and commit core/kernels/wasm/modules.sha256",
  );
});
