import { startNodeFlags } from "../../test/shared/start-flags.ts";
import { forkRole, nextMessage, stopChild } from "./children.ts";
import type { CpuSample, Memory } from "./server-control.ts";

/** Which server a child runs: the bare relay or a Causette node. */
export type ServerKind = "bare" | "causette";

let cpuReads = 0;

/**
 * One server child of `kind`; it answers memory, CPU and stop requests over IPC (server-control.ts).
 * `script` is this checkout's bench/relay.ts by default, or another checkout's (see --baseline).
 */
export async function startServerChild(kind: ServerKind, extra: Record<string, unknown>, execArgv: string[], nodeFlags = startNodeFlags(), script?: string) {
  // A REDIS_URL inherited from the shell must never reach a bench server: the Redis side passes its own.
  const { REDIS_URL: _ignored, ...env } = process.env;
  const child = forkRole(`server-${kind}`, [...nodeFlags, "--import", "tsx", "--expose-gc", ...execArgv], { ...env, RELAY_BENCH_EXTRA: JSON.stringify(extra) }, script);
  try {
    const { port } = await nextMessage<{ port: number }>(child, "listening", 30_000);
    return {
      url: `http://127.0.0.1:${port}`,
      memory: async (): Promise<Memory> => {
        child.send({ cmd: "memory" });
        return nextMessage<Memory & { type: string }>(child, "memory", 10_000);
      },
      cpu: async (): Promise<CpuSample> => {
        // Tagged: two reads may overlap when a loaded server answers slowly.
        const id = ++cpuReads;
        const reply = nextMessage<CpuSample>(child, "cpu", 30_000, (m) => m.id === id);
        child.send({ cmd: "cpu", id });
        const { micros, at, mainMicros, lagP99, lagMax, gcMax, gcTotal, peakRss, stalls } = await reply;
        return { micros, at, mainMicros, lagP99, lagMax, gcMax, gcTotal, peakRss, ...(stalls ? { stalls } : {}) };
      },
      stop: () => stopChild(child),
    };
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
}
