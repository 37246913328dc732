/**
 * How long `deno check` takes: the whole repository, the LeNet-5 + ResNet stem
 * chain, and an empty file as the baseline (the compiler's start-up). Prints a
 * table of the median of several runs, and the cost above the baseline.
 *
 * Deno caches type-check results, so every run gets a fresh `DENO_DIR` that
 * shares only the npm package cache with the real one: each run checks from
 * scratch, as CI's first run does.
 *
 * Run: `deno task bench`.
 *
 * @module
 */

const runs = Number(Deno.env.get("CHECK_RUNS") ?? "5");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function denoDir(): Promise<string> {
  const { stdout } = await new Deno.Command(Deno.execPath(), { args: ["info", "--json"] }).output();
  return JSON.parse(new TextDecoder().decode(stdout)).denoDir;
}

const sharedDir = await denoDir();

async function timeCheck(args: string[]): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const freshDir = await Deno.makeTempDir();
    await Deno.symlink(`${sharedDir}/npm`, `${freshDir}/npm`);
    const start = performance.now();
    const { code, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["check", "--quiet", ...args],
      env: { DENO_DIR: freshDir },
      stdout: "null",
      stderr: "piped",
    }).output();
    if (code !== 0) {
      throw new Error(`deno check ${args.join(" ")} failed:\n${new TextDecoder().decode(stderr)}`);
    }
    times.push(performance.now() - start);
    await Deno.remove(freshDir, { recursive: true });
  }
  return median(times);
}

const empty = await Deno.makeTempFile({ suffix: ".ts" });
await Deno.writeTextFile(empty, "export const nothing = 0;\n");
const cases: [string, string[]][] = [
  ["empty file (start-up baseline)", [empty]],
  ["examples/lenet5_shapes.ts (LeNet-5 + ResNet stem)", ["examples/lenet5_shapes.ts"]],
  ["core/shapes/rules_types_test.ts (rule type tests)", ["core/shapes/rules_types_test.ts"]],
  [
    "nets/models/models_types_test.ts (AlexNet, VGG-16)",
    ["nets/models/models_types_test.ts"],
  ],
  ["whole repository, with doc examples", ["--doc", "."]],
];
const baseline = await timeCheck(cases[0][1]);
console.log(
  `deno check, median of ${runs} runs (${Deno.version.deno}, TypeScript ${Deno.version.typescript})\n`,
);
console.log(`| what | wall time | above baseline |`);
console.log(`| --- | ---: | ---: |`);
for (const [name, args] of cases) {
  const time = args === cases[0][1] ? baseline : await timeCheck(args);
  console.log(
    `| ${name} | ${(time / 1000).toFixed(2)} s | ${((time - baseline) / 1000).toFixed(2)} s |`,
  );
}
await Deno.remove(empty);
