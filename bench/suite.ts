/**
 * shapeflow side by side with TensorFlow.js (cpu and wasm backends) and
 * jax-js (wasm, jit; with its workers and on one thread), in one run: MLP
 * training, the MLP step's GEMMs and square matmuls, LeNet's conv layers
 * forward and backward, and LeNet-5 training. Every library gets the same
 * data, the same initial params and the same recipe; each runs in its own
 * process (`bench/peers/run.ts`), one after another, so that no library's
 * threads or heap weigh on another's timing. Prints a table per workload and
 * writes them to `bench/results/latest.md` and `latest.json` (`quick.*` for
 * `--quick`).
 *
 * Run: `deno task bench`, or
 * `deno run --allow-read --allow-write=bench/results --allow-run --allow-sys=loadavg bench/suite.ts`
 * with any of `--only=mlp,gemm,conv,lenet`, `--peers=shapeflow,tfjs-wasm,…`,
 * `--quick`, `--out=bench/results/name`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { PeerReport } from "./peers/_report.ts";
import type { WorkloadId } from "./peers/_protocol.ts";
import { WORKLOADS } from "./peers/_protocol.ts";
import type { SuiteResults } from "./_table.ts";
import { resultsMarkdown } from "./_table.ts";

const PEERS = ["shapeflow", "shapeflow-reference", "tfjs-wasm", "tfjs-cpu", "jax-js", "jax-js-1t"];

const { values } = parseArgs({
  args: Deno.args,
  options: {
    only: { type: "string", default: WORKLOADS.join(",") },
    peers: { type: "string", default: PEERS.join(",") },
    quick: { type: "boolean", default: false },
    out: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(
    `deno task bench [--only=${WORKLOADS.join(",")}] [--peers=${PEERS.join(",")}] ` +
      "[--quick] [--out=bench/results/latest]",
  );
  Deno.exit(0);
}
const only = values.only.split(",").filter((w) => w !== "") as WorkloadId[];
const unknown = only.filter((w) => !WORKLOADS.includes(w));
if (unknown.length > 0) throw new RangeError(`--only: unknown workloads ${unknown.join(", ")}`);
const peers = values.peers.split(",").filter((p) => p !== "");
const unknownPeers = peers.filter((p) => !PEERS.includes(p));
if (unknownPeers.length > 0) throw new RangeError(`--peers: unknown ${unknownPeers.join(", ")}`);
const out = values.out ?? `bench/results/${values.quick ? "quick" : "latest"}`;

/** The CPU's model name from `lscpu` (Deno reads `/proc` only with --allow-all). */
async function cpuModel(): Promise<string> {
  try {
    const { stdout } = await new Deno.Command("lscpu", { stdout: "piped", stderr: "null" })
      .output();
    return new TextDecoder().decode(stdout).match(/^Model name:\s*(.*)$/m)?.[1].trim() ?? "unknown";
  } catch {
    return "unknown";
  }
}

function load(): string {
  try {
    return Deno.loadavg().map((l) => l.toFixed(2)).join(" ");
  } catch {
    return "unknown";
  }
}

const config = `--config=${new URL("../deno.json", import.meta.url).pathname}`;

/** Runs one peer's process and returns its report (or a report of its failure). */
async function runPeer(id: string): Promise<PeerReport> {
  const args = [
    "run",
    "--allow-read",
    config,
    new URL("./peers/run.ts", import.meta.url).pathname,
    `--peer=${id}`,
    `--only=${only.join(",")}`,
    ...(values.quick ? ["--quick"] : []),
  ];
  const { code, stdout } = await new Deno.Command(Deno.execPath(), {
    args,
    stdout: "piped",
    stderr: "inherit",
    signal: AbortSignal.timeout(600_000),
  }).output();
  const last = new TextDecoder().decode(stdout).trim().split("\n").findLast((l) =>
    l.startsWith("{")
  );
  if (code === 0 && last !== undefined) return JSON.parse(last) as PeerReport;
  const failure = { process: `exited with code ${code}` };
  return { id, library: "", backend: "", threads: 0, failures: failure };
}

const started = performance.now();
const loadBefore = load();
const reports: PeerReport[] = [];
for (const id of peers) {
  const shapeflow = reports.find((r) => r.id === "shapeflow");
  if (id === "shapeflow-reference" && shapeflow?.backend === "reference") {
    console.error("shapeflow's default backend is the reference: no separate reference line");
    continue;
  }
  reports.push(await runPeer(id));
}

const results: SuiteResults = {
  date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
  machine: {
    cpu: await cpuModel(),
    cores: navigator.hardwareConcurrency,
    os: `${Deno.build.os} ${Deno.build.arch}`,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    "load average before": loadBefore,
    "load average after": load(),
    "suite seconds": Math.round((performance.now() - started) / 1000),
  },
  quick: values.quick,
  peers: reports,
};
if (out.includes("/")) await Deno.mkdir(out.slice(0, out.lastIndexOf("/")), { recursive: true });
await Deno.writeTextFile(`${out}.md`, resultsMarkdown(results));
await Deno.writeTextFile(`${out}.json`, JSON.stringify(results, null, 2) + "\n");
// Keep the files as `deno fmt --check` (part of `deno task test`) wants them.
await new Deno.Command(Deno.execPath(), {
  args: ["fmt", "--quiet", config, `${out}.md`, `${out}.json`],
})
  .output();
console.log(`\n${await Deno.readTextFile(`${out}.md`)}`);
console.error(`wrote ${out}.md and ${out}.json`);
