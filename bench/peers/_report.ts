/**
 * Runs the selected workloads on one peer and reports what it measured, as
 * plain data (JSON between the benchmark's processes). A workload or case
 * that throws is recorded as a failure; the others still run.
 *
 * @module
 */
import type { Budget, Timing } from "./_harness.ts";
import { budgetFor, gemmError, measure } from "./_harness.ts";
import type { Peer, Runner, Trainer, WorkloadId } from "./_protocol.ts";
import { ADAM, CONVS, GEMMS } from "./_protocol.ts";
import { convData, gemmOperands, lenetInit, mlpInit, mnistBatches } from "./_data.ts";

/** A training workload's result. */
export interface TrainReport {
  /** The timed steps. */
  readonly timing: Timing;
  /** Training samples per second. */
  readonly samplesPerSecond: number;
  /** Loss on the evaluation batch at the initial params (the same for every library). */
  readonly lossBefore: number;
  /** Loss on the evaluation batch after all steps. */
  readonly lossAfter: number;
  /** Steps taken in all, warm-up included. */
  readonly steps: number;
  /** Tensors left alive per step, where the library counts them (tfjs); 0 is right. */
  readonly leakPerRun?: number;
}

/** One GEMM or conv case's result. */
export interface CaseReport {
  /** The spec's name. */
  readonly name: string;
  /** The timed runs. */
  readonly timing: Timing;
  /** GEMM: GFLOP/s (2mnk per run). */
  readonly gflops?: number;
  /** GEMM: the spot check's worst relative error. */
  readonly error?: number;
  /** Conv: Σy, Σdx, Σdw of the last run. */
  readonly sums?: readonly number[];
  /** Tensors left alive per run, where the library counts them (tfjs); 0 is right. */
  readonly leakPerRun?: number;
}

/** Everything one peer measured. */
export interface PeerReport {
  /** The peer's id. */
  readonly id: string;
  /** Library and version. */
  readonly library: string;
  /** Backend, as the library names it. */
  readonly backend: string;
  /** Threads it computes on. */
  readonly threads: number;
  /** MLP training. */
  mlp?: TrainReport;
  /** GEMMs, in `GEMMS` order. */
  gemm?: CaseReport[];
  /** Convolutions, in `CONVS` order. */
  conv?: CaseReport[];
  /** LeNet-5 training. */
  lenet?: TrainReport;
  /** Workload or case → error message, for whatever threw. */
  readonly failures: Record<string, string>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0] : String(error);
}

/** Tensors one more run leaves alive, where the peer counts them. */
async function leakPerRun(peer: Peer, runner: Runner): Promise<{ leakPerRun?: number }> {
  if (peer.liveTensors === undefined) return {};
  const before = peer.liveTensors();
  runner.run();
  await runner.sync();
  return { leakPerRun: peer.liveTensors() - before };
}

async function train(peer: Peer, trainer: Trainer, budget: Budget): Promise<TrainReport> {
  const lossBefore = await trainer.evalLoss();
  const timing = await measure(trainer, budget);
  const leak = await leakPerRun(peer, trainer);
  const lossAfter = await trainer.evalLoss();
  trainer.dispose();
  return {
    timing,
    samplesPerSecond: (64 * timing.runs) / timing.seconds,
    lossBefore,
    lossAfter,
    steps: timing.warmup + timing.runs + (leak.leakPerRun === undefined ? 0 : 1),
    ...leak,
  };
}

async function timeCase<R extends Runner>(
  peer: Peer,
  runner: R,
  budget: Budget,
  check: (runner: R) => Promise<Partial<CaseReport>>,
): Promise<Omit<CaseReport, "name">> {
  const timing = await measure(runner, budget);
  const leak = await leakPerRun(peer, runner);
  const extra = await check(runner);
  runner.dispose();
  return { timing, ...extra, ...leak };
}

/**
 * Runs `workloads` on `peer` with the full or quick budgets; logs a line per
 * result to stderr (`log`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createShapeflowPeer } from "./shapeflow.ts";
 * import { runPeer } from "./_report.ts";
 * const report = await runPeer(createShapeflowPeer("default"), [], { quick: true, log: () => {} });
 * assert.equal(report.id, "shapeflow");
 * assert.deepEqual(report.failures, {});
 * ```
 */
export async function runPeer(
  peer: Peer,
  workloads: readonly WorkloadId[],
  options: { quick: boolean; log: (line: string) => void },
): Promise<PeerReport> {
  const { id, library, backend, threads } = peer;
  const report: PeerReport = { id, library, backend, threads, failures: {} };
  const log = (what: string, text: string) =>
    options.log(`${id.padEnd(20)} ${what.padEnd(28)} ${text}`);
  const needsData = workloads.includes("mlp") || workloads.includes("lenet");
  const data = needsData ? await mnistBatches() : undefined;
  for (const workload of workloads) {
    const budget = budgetFor(workload, options.quick);
    try {
      if (workload === "mlp" || workload === "lenet") {
        const setup = { ...data!, adam: ADAM };
        const result = workload === "mlp"
          ? await train(peer, peer.mlp({ ...setup, params: mlpInit() }), budget)
          : await train(peer, peer.lenet({ ...setup, params: lenetInit() }), budget);
        report[workload] = result;
        log(
          workload,
          `${result.samplesPerSecond.toFixed(0)} samples/s, loss ${
            result.lossBefore.toFixed(3)
          } → ${result.lossAfter.toFixed(3)}`,
        );
      } else if (workload === "gemm") {
        report.gemm = [];
        for (const [index, spec] of GEMMS.entries()) {
          try {
            const [a, b] = gemmOperands(spec, index);
            const result = await timeCase(peer, peer.gemm(spec, a, b), budget, async (r) => ({
              error: gemmError(spec, a, b, await r.product()),
            }));
            const gflops = (2 * spec.m * spec.n * spec.k) / (result.timing.msPerRun * 1e6);
            report.gemm.push({ name: spec.name, ...result, gflops });
            log(spec.name, `${result.timing.msPerRun.toFixed(3)} ms, ${gflops.toFixed(1)} GFLOP/s`);
          } catch (error) {
            report.failures[`gemm ${spec.name}`] = message(error);
          }
        }
      } else {
        report.conv = [];
        for (const [index, spec] of CONVS.entries()) {
          try {
            const runner = peer.conv(spec, convData(spec, index));
            const result = await timeCase(
              peer,
              runner,
              budget,
              async (r) => ({ sums: await r.sums() }),
            );
            report.conv.push({ name: spec.name, ...result });
            log(spec.name, `${result.timing.msPerRun.toFixed(2)} ms per forward + backward`);
          } catch (error) {
            report.failures[`conv ${spec.name}`] = message(error);
          }
        }
      }
    } catch (error) {
      report.failures[workload] = message(error);
      log(workload, `failed: ${message(error)}`);
    }
  }
  return report;
}
