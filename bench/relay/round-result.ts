import type { LoadResult } from "./load-generator.ts";
import type { CpuSample } from "./server-control.ts";
import type { StallCount } from "./stall-watch.ts";
import { percentile } from "./stats.ts";

export interface RoundResult {
  side: string;
  round: number;
  sent: number;
  acked: number;
  visible: number;
  refused: Record<string, number>;
  ackP50: number; ackP99: number;
  deliveryP50: number; deliveryP99: number;
  /** Every measured latency of the round, sorted (ms): the summary pools rounds before taking percentiles. */
  acks: number[]; deliveries: number[];
  deliveredRatio: number;
  heapPerConn: number; rssPerConn: number;
  msgPerSec: number;
  /** Server processes' CPU over the measured window, in % of one core. */
  serverCpu: number;
  /** The part of serverCpu spent on the servers' main threads (their event loops). */
  serverMainCpu: number;
  /** The worst server's event-loop delay over the measured window, p99 and max (ms). */
  serverLagP99: number; serverLagMax: number;
  /** The longest GC pause of any server process in the window, and the most GC time one spent (ms). */
  serverGcMax: number; serverGcTotal: number;
  /** Peak resident memory of the side's server processes so far, summed (bytes). */
  serverPeakRss: number;
  /** With --stall-watch: the side's servers' event-loop stalls over the window, summed. */
  serverStalls?: StallCount;
  /** The busiest generator's CPU over the measured window, in % of one core. */
  genCpu: number;
  /** All of this side's generators' CPU over the window, in % of one core. */
  genCpuSum: number;
  /**
   * The rest of the machine over the window (% of one core): every core's busy time minus this
   * side's server and generators. Other sides' processes, the bench itself, neighbours.
   */
  otherCpu: number;
  /** Time the hypervisor gave this machine's cores to another guest over the window (% of one core). */
  stealCpu: number;
  /** The worst generator event-loop delay p99 over the measured window, ms. */
  genLagP99: number;
  /** The machine's 1-minute load average when the round ended: other work competing for the cores. */
  loadAvg: number;
}

/** The largest figure among the server processes' readings (NaN when there are none). */
export function worst(samples: CpuSample[], f: (c: CpuSample) => number): number {
  return samples.length ? Math.max(...samples.map(f)) : NaN;
}

/** CPU of the server processes between two readings, summed over processes, in % of one core. */
export function cpuPercent(from: CpuSample[], to: CpuSample[], micros: (c: CpuSample) => number): number {
  if (!from.length) return NaN;
  return from.reduce((sum, a, i) => sum + (100 * (micros(to[i]!) - micros(a))) / 1000 / (to[i]!.at - a.at), 0);
}

export function mergeLoads(parts: LoadResult[]): Omit<RoundResult, "side" | "round" | "heapPerConn" | "rssPerConn" | "serverCpu" | "serverMainCpu" | "serverLagP99" | "serverLagMax" | "serverGcMax" | "serverGcTotal" | "serverPeakRss" | "serverStalls" | "loadAvg" | "otherCpu" | "stealCpu"> {
  const ack = parts.flatMap((p) => p.ack).sort((a, b) => a - b);
  const delivery = parts.flatMap((p) => p.delivery).sort((a, b) => a - b);
  const refused: Record<string, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p.refused)) refused[k] = (refused[k] ?? 0) + v;
  const sum = (f: (p: LoadResult) => number) => parts.reduce((a, p) => a + f(p), 0);
  const expected = sum((p) => p.expected);
  return {
    sent: sum((p) => p.sent), acked: sum((p) => p.acked), visible: sum((p) => p.visible), refused,
    ackP50: percentile(ack, 50), ackP99: percentile(ack, 99),
    deliveryP50: percentile(delivery, 50), deliveryP99: percentile(delivery, 99),
    acks: ack, deliveries: delivery,
    deliveredRatio: expected ? sum((p) => p.got) / expected : NaN,
    msgPerSec: sum((p) => p.msgPerSec),
    genCpu: Math.max(...parts.map((p) => p.cpu)),
    genCpuSum: sum((p) => p.cpu),
    genLagP99: Math.max(...parts.map((p) => p.lagP99)),
  };
}

/** Stalls of a side's servers over a window, summed; undefined when no server watched (no --stall-watch, or an older baseline). */
export function sumStalls(samples: CpuSample[]): StallCount | undefined {
  const watched = samples.filter((c) => c.stalls);
  if (!watched.length) return undefined;
  const sum = (key: keyof StallCount) => watched.reduce((a, c) => a + (c.stalls![key] ?? NaN), 0);
  const waitCoreMs = sum("waitCoreMs"), gcMs = sum("gcMs");
  return {
    count: sum("count"), ms: sum("ms"), offCpuMs: sum("offCpuMs"),
    ...(Number.isNaN(waitCoreMs) ? {} : { waitCoreMs }), ...(Number.isNaN(gcMs) ? {} : { gcMs }),
  };
}
