/**
 * Builds every WebAssembly module from this repository's TypeScript and
 * writes them with their digests to a folder (`out/wasm` by default), so they
 * can be inspected with any wasm tool (`wasm-objdump -d`, `wasm2wat`). With
 * `--update` it rewrites the checked-in manifest
 * `core/kernels/wasm/modules.sha256`, which the provenance test compares
 * against; run it after changing a generator and commit the new digests.
 *
 * Run: `npx -y deno@2.9.6 task wasm:build` (or `… task wasm:build --update`).
 *
 * @module
 */
import { manifest, wasmModules } from "../core/kernels/wasm/_provenance.ts";

const update = Deno.args.includes("--update");
const outDir = Deno.args.find((arg) => !arg.startsWith("--")) ?? "out/wasm";
const modules = wasmModules();
const text = await manifest(modules);
await Deno.mkdir(outDir, { recursive: true });
for (const { name, bytes } of modules) await Deno.writeFile(`${outDir}/${name}`, bytes);
await Deno.writeTextFile(`${outDir}/modules.sha256`, text);
console.log(text.trimEnd());
console.log(`wrote ${modules.length} modules and modules.sha256 to ${outDir}`);
if (update) {
  const path = new URL("../core/kernels/wasm/modules.sha256", import.meta.url);
  await Deno.writeTextFile(path, text);
  console.log(`updated ${path.pathname}`);
}
