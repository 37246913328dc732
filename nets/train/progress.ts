/**
 * A progress display for training: a bar redrawn in place on a terminal, one
 * plain line per report when the output is piped (CI logs stay readable).
 *
 * @module
 */

/** What a progress report shows. */
export interface ProgressReport {
  /** The epoch, from 1. */
  readonly epoch: number;
  /** How many epochs in all. */
  readonly epochs: number;
  /** The step within the epoch, from 1. */
  readonly step: number;
  /** How many steps the epoch has. */
  readonly steps: number;
  /** Named values to show, such as `{ loss: 0.31 }`. */
  readonly values: Readonly<Record<string, number>>;
}

/** Options of {@link progressSink}. */
export interface ProgressOptions {
  /** Draw a bar in place (a terminal) or print plain lines (piped); detected when absent. */
  readonly interactive?: boolean;
  /** Where text goes; standard output when absent. */
  readonly write?: (text: string) => void;
  /** In plain mode, print every this many steps (and the last of each epoch); 50 when absent. */
  readonly every?: number;
}

const encoder = new TextEncoder();

function format(values: Readonly<Record<string, number>>): string {
  return Object.entries(values).map(([name, value]) => `${name} ${value.toFixed(4)}`).join("  ");
}

/**
 * A function that shows progress reports: on a terminal a bar redrawn in
 * place, when piped one line every `every` steps and at the end of each
 * epoch.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { progressSink } from "./progress.ts";
 * const lines: string[] = [];
 * const show = progressSink({ interactive: false, write: (t) => lines.push(t), every: 2 });
 * for (let step = 1; step <= 3; step++) {
 *   show({ epoch: 1, epochs: 1, step, steps: 3, values: { loss: 1 / step } });
 * }
 * assert.equal(lines.length, 2);
 * assert.ok(lines[1].includes("epoch 1/1") && lines[1].includes("loss 0.3333"));
 * ```
 */
export function progressSink(options?: ProgressOptions): (report: ProgressReport) => void {
  const interactive = options?.interactive ?? Deno.stdout.isTerminal();
  const write = options?.write ?? ((text: string) => Deno.stdout.writeSync(encoder.encode(text)));
  const every = options?.every ?? 50;
  return (report: ProgressReport): void => {
    const { epoch, epochs, step, steps, values } = report;
    const label = `epoch ${epoch}/${epochs} step ${
      String(step).padStart(String(steps).length)
    }/${steps}`;
    if (interactive) {
      const width = 30;
      const filled = Math.round((step / steps) * width);
      const bar = "█".repeat(filled) + "░".repeat(width - filled);
      write(`\r${label} ${bar} ${format(values)}${step === steps ? "\n" : ""}`);
    } else if (step % every === 0 || step === steps) {
      write(`${label}  ${format(values)}\n`);
    }
  };
}
