/**
 * The peer benchmark's tables, as markdown (aligned, so they read in a
 * terminal too): one per workload, each library's numbers side by side and
 * the ratios "shapeflow ÷ peer" as speeds, so > 1 means shapeflow is faster.
 *
 * @module
 */
import type { CaseReport, PeerReport, TrainReport } from "./peers/_report.ts";
import { GEMMS } from "./peers/_protocol.ts";

/** WebAssembly SIMD128's peak on one core here, GFLOP/s (4 lanes × 2 FMA ports × 3.3 GHz). */
export const SIMD_CEILING_GFLOPS = 53;

/** Where and how a suite ran, and everything it measured. */
export interface SuiteResults {
  /** ISO date and time of the run. */
  readonly date: string;
  /** The machine and runtime. */
  readonly machine: Record<string, string | number>;
  /** Whether the short budgets were used. */
  readonly quick: boolean;
  /** One report per library, in run order. */
  readonly peers: PeerReport[];
}

/**
 * A markdown table with columns padded to one width. Columns whose index is
 * in `left` (the first, when absent) are left-aligned, the others (numbers)
 * right-aligned.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { markdownTable } from "./_table.ts";
 * assert.equal(markdownTable(["a", "b"], [["x", "1.5"]]), "| a   |   b |\n| --- | --: |\n| x   | 1.5 |");
 * ```
 */
export function markdownTable(header: string[], rows: string[][], left: number[] = [0]): string {
  const widths = header.map((h, c) =>
    Math.max(3, ...[h, ...rows.map((r) => r[c] ?? "")].map((s) => [...s].length))
  );
  const pad = (s: string, c: number) => {
    const fill = " ".repeat(widths[c] - [...s].length);
    return left.includes(c) ? s + fill : fill + s;
  };
  const line = (cells: string[]) => `| ${cells.map(pad).join(" | ")} |`;
  const rule = widths.map((w, c) => left.includes(c) ? "-".repeat(w) : `${"-".repeat(w - 1)}:`);
  return [line(header), `| ${rule.join(" | ")} |`, ...rows.map(line)].join("\n");
}

/**
 * A speed ratio as `1.23×` (two significant digits below 10).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatRatio } from "./_table.ts";
 * assert.deepEqual([formatRatio(0.0456), formatRatio(1.234), formatRatio(31.7)], ["0.046×", "1.2×", "32×"]);
 * ```
 */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return "—";
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toPrecision(2)}×`;
}

function fixed(value: number, digits: number): string {
  return value >= 100 ? value.toFixed(0) : value.toPrecision(digits);
}

const ours = (peers: PeerReport[]) => peers.find((p) => p.id === "shapeflow");
const others = (peers: PeerReport[]) => peers.filter((p) => p.id !== "shapeflow");

function trainingTable(
  peers: PeerReport[],
  pick: (p: PeerReport) => TrainReport | undefined,
): string {
  const base = ours(peers);
  const rows = peers.flatMap((p) => {
    const r = pick(p);
    if (r === undefined) return [];
    const baseRate = base && pick(base)?.samplesPerSecond;
    const leak = r.leakPerRun ? ` ⚠ ${r.leakPerRun} tensors leaked per step` : "";
    return [[
      p.id,
      `${p.library}, ${p.backend}`,
      String(p.threads),
      r.timing.msPerRun.toFixed(2),
      r.samplesPerSecond.toFixed(0),
      p === base || !baseRate ? "" : formatRatio(baseRate / r.samplesPerSecond),
      `${r.lossBefore.toFixed(3)} → ${r.lossAfter.toFixed(3)} (${r.steps} steps)${leak}`,
    ]];
  });
  const header = ["library", "version, backend", "threads", "ms/step", "samples/s"];
  return markdownTable([...header, "shapeflow ÷ this", "eval loss: start → end"], rows, [0, 1, 6]);
}

/** What a table of GEMM or conv cases shows. */
interface CaseTableOptions {
  /** Which workload's cases. */
  readonly kind: "gemm" | "conv";
  /** The case names, one row each. */
  readonly cases: readonly string[];
  /** A row's label, such as the name with the shape. */
  readonly label: (name: string) => string;
  /** A library's cell for a case. */
  readonly cell: (c: CaseReport) => string;
  /** A last column (header, and the cell from each library's case) when present. */
  readonly check?: readonly [string, (found: (CaseReport | undefined)[]) => string];
  /** Add the columns shapeflow ÷ each other library (time ratios); true when absent. */
  readonly ratios?: boolean;
}

function caseTable(peers: PeerReport[], options: CaseTableOptions): string {
  const { kind, label, cell, check } = options;
  const base = options.ratios === false ? undefined : ours(peers);
  const find = (p: PeerReport, name: string) => p[kind]?.find((c) => c.name === name);
  const rows = options.cases.map((name) => {
    const mine = base && find(base, name);
    const ratios = base === undefined ? [] : others(peers).map((p) => {
      const theirs = find(p, name);
      return mine && theirs ? formatRatio(theirs.timing.msPerRun / mine.timing.msPerRun) : "";
    });
    const cells = peers.map((p) => {
      const c = find(p, name);
      return c ? cell(c) : p.failures[`${kind} ${name}`] ? "failed" : "";
    });
    const last = check ? [check[1](peers.map((p) => find(p, name)))] : [];
    return [label(name), ...cells, ...ratios, ...last];
  });
  const ratioHeader = base ? others(peers).map((p) => `÷ ${p.id}`) : [];
  const header = ["", ...peers.map((p) => p.id), ...ratioHeader, ...(check ? [check[0]] : [])];
  return markdownTable(header, rows);
}

function gemmTables(peers: PeerReport[]): string {
  const cases = GEMMS.map((g) => g.name);
  const shapes = new Map(GEMMS.map((g) => [g.name, `${g.m}·${g.k}·${g.n}`]));
  const label = (name: string) => `${name} (${shapes.get(name)})`;
  const spotCheck = (found: (CaseReport | undefined)[]) => {
    const worst = Math.max(...found.map((c) => c?.error ?? 0));
    return worst < 1e-4 ? `✓ ${worst.toExponential(0)}` : `✗ ${worst.toExponential(1)}`;
  };
  const time = caseTable(peers, {
    kind: "gemm",
    cases,
    label,
    cell: (c) => c.timing.msPerRun.toFixed(3),
    check: ["spot check", spotCheck],
  });
  const speed = caseTable(peers, {
    kind: "gemm",
    cases,
    label,
    cell: (c) => {
      const gflops = c.gflops ?? 0;
      return `${fixed(gflops, 3)} (${((100 * gflops) / SIMD_CEILING_GFLOPS).toFixed(0)} %)`;
    },
    ratios: false,
  });
  return `Time per GEMM, ms (m·k·n in brackets; the spot check compares 64 entries with float64 ` +
    `dot products):\n\n${time}\n\nGFLOP/s (% of the ${SIMD_CEILING_GFLOPS} GFLOP/s one-core SIMD ` +
    `ceiling; a multi-threaded library can pass 100 %):\n\n${speed}`;
}

function convTable(peers: PeerReport[]): string {
  const cases = [...new Set(peers.flatMap((p) => p.conv?.map((c) => c.name) ?? []))];
  const agree = (found: (CaseReport | undefined)[]) => {
    const sums = found.flatMap((c) => c?.sums === undefined ? [] : [c.sums]);
    const spread = Math.max(
      0,
      ...sums.flatMap((s) => s.map((v, i) => Math.abs(v - sums[0][i]) / Math.abs(sums[0][i]))),
    );
    return spread < 1e-3 ? `✓ ${spread.toExponential(0)}` : `✗ ${spread.toExponential(1)}`;
  };
  return caseTable(peers, {
    kind: "conv",
    cases,
    label: (name) => name,
    cell: (c) => c.timing.msPerRun.toFixed(2),
    check: ["Σy, Σdx, Σdw agree", agree],
  });
}

/**
 * The whole report as markdown: the machine, then a section per workload
 * that ran, then any failures.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resultsMarkdown } from "./_table.ts";
 * const md = resultsMarkdown({ date: "2025-01-01", machine: { cpu: "x" }, quick: true, peers: [] });
 * assert.match(md, /cpu: x/);
 * ```
 */
export function resultsMarkdown(results: SuiteResults): string {
  const { peers } = results;
  const machine = Object.entries(results.machine).map(([k, v]) => `${k}: ${v}`).join("; ");
  const parts = [
    `# shapeflow and its peers${results.quick ? " (quick run)" : ""}`,
    `${results.date}. ${machine}.`,
    "Ratios are speeds, shapeflow ÷ that library: above 1, shapeflow is faster.",
  ];
  const cores = Number(results.machine.cores);
  const load = Math.max(
    ...["load average before", "load average after"].map((k) =>
      Number(String(results.machine[k] ?? "0").split(" ")[0])
    ),
  );
  if (load > 0.75 * cores) {
    parts.push(
      `⚠ Other work shared the machine (load average up to ${load} on ${cores} cores): ` +
        "the numbers are noisy, multi-threaded lines most of all; compare lines of one run.",
    );
  }
  if (peers.some((p) => p.mlp)) {
    parts.push(
      "## MLP training: 784-128-64-10, ReLU, softmax cross-entropy, Adam 1e-3, batch 64, MNIST",
    );
    parts.push(trainingTable(peers, (p) => p.mlp));
  }
  if (peers.some((p) => p.gemm)) {
    parts.push("## GEMMs: the MLP step's eight, then square", gemmTables(peers));
  }
  if (peers.some((p) => p.conv)) {
    parts.push(
      "## conv2d forward + input and filter gradients, batch 64, ms per run",
      convTable(peers),
    );
  }
  if (peers.some((p) => p.lenet)) {
    parts.push(
      "## LeNet-5 training: conv-relu-pool ×2, dense 120-84-10, Adam 1e-3, batch 64, MNIST",
    );
    parts.push(trainingTable(peers, (p) => p.lenet));
  }
  const failures = peers.flatMap((p) =>
    Object.entries(p.failures).map(([w, m]) => `- ${p.id}, ${w}: ${m}`)
  );
  if (failures.length > 0) parts.push("## Failures", failures.join("\n"));
  return parts.join("\n\n") + "\n";
}
