/**
 * One peer's benchmark process, started by `bench/suite.ts` once per
 * library so that no library's threads, heap or global backend choice
 * touches another's: `--peer=ID --only=mlp,gemm,conv,lenet [--quick]`.
 * Logs progress to stderr and prints its report as one JSON line on stdout.
 *
 * Run by hand: `deno run --allow-read bench/peers/run.ts --peer=tfjs-wasm --only=gemm --quick`.
 *
 * @module
 */
import type { Peer, WorkloadId } from "./_protocol.ts";
import { WORKLOADS } from "./_protocol.ts";
import { runPeer } from "./_report.ts";

const args = new Map(
  Deno.args.map((arg) => {
    const [name, value] = arg.replace(/^--/, "").split("=");
    return [name, value ?? "true"] as const;
  }),
);
const id = args.get("peer") ?? "shapeflow";
const only = (args.get("only")?.split(",") ?? WORKLOADS) as WorkloadId[];

async function createPeer(id: string): Promise<Peer> {
  switch (id) {
    case "shapeflow":
    case "shapeflow-reference": {
      const { createShapeflowPeer } = await import("./shapeflow.ts");
      return createShapeflowPeer(id === "shapeflow" ? "default" : "reference");
    }
    case "tfjs-wasm":
    case "tfjs-cpu": {
      const { createTfjsPeer } = await import("./tfjs.ts");
      return await createTfjsPeer(id === "tfjs-wasm" ? "wasm" : "cpu");
    }
    case "jax-js":
    case "jax-js-1t": {
      // jax-js builds its device when first evaluated; without Worker it computes on one thread.
      if (id === "jax-js-1t") Reflect.set(globalThis, "Worker", undefined);
      const { createJaxPeer } = await import("./jax.ts");
      return await createJaxPeer();
    }
    default:
      throw new RangeError(`unknown peer ${JSON.stringify(id)}`);
  }
}

const peer = await createPeer(id);
const report = await runPeer(peer, only, {
  quick: args.has("quick"),
  log: (line) => console.error(line),
});
console.log(JSON.stringify(report));
// jax-js's worker pool would keep the process alive.
Deno.exit(0);
