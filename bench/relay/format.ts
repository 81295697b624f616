import type { RoundResult } from "./round-result.ts";
import type { StallCount } from "./stall-watch.ts";

/** How the relay bench prints its figures. */

export const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : "n/a");
export const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(x)}%` : "n/a");
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number) => (Number.isFinite(bytes) && bytes > 0 ? `${Math.round(bytes / 1048576)} MB` : "n/a");

/**
 * "3 (62 ms, 9 in GC pauses: 20 on CPU, 30 waiting for a core, 12 asleep)", or the lower bound
 * alone without schedstat. A GC pause's time is on the CPU or asleep (waiting for its helper).
 */
export function formatStalls(s: StallCount): string {
  const r = Math.round;
  const gc = s.gcMs === undefined ? "" : `, ${r(s.gcMs)} in GC pauses`;
  if (s.waitCoreMs === undefined) return `${s.count} (${r(s.ms)} ms${gc}, at least ${r(s.offCpuMs)} off-CPU)`;
  return `${s.count} (${r(s.ms)} ms${gc}: ${r(s.ms - s.offCpuMs)} on CPU, ${r(s.waitCoreMs)} waiting for a core, ${r(Math.max(0, s.offCpuMs - s.waitCoreMs))} asleep)`;
}

/** One side's round, on one line. */
export function formatRound(res: RoundResult): string {
  const stalls = res.serverStalls ? ` | stalls ${formatStalls(res.serverStalls)}` : "";
  return `  round ${res.round} ${res.side.padEnd(11)} ack p50 ${fmt(res.ackP50)} p99 ${fmt(res.ackP99)} ms | delivery p50 ${fmt(res.deliveryP50)} p99 ${fmt(res.deliveryP99)} ms | delivered ${res.deliveredRatio.toFixed(4)} | ${Math.round(res.msgPerSec)} msg/s sent, ${res.visible}/${res.sent} visible${Object.keys(res.refused).length ? ` (other: ${JSON.stringify(res.refused)})` : ""} | cpu server ${pct(res.serverCpu)} (main thread ${pct(res.serverMainCpu)}; lag p99 ${fmt(res.serverLagP99)} max ${fmt(res.serverLagMax)} ms; gc max ${fmt(res.serverGcMax)} total ${Math.round(res.serverGcTotal)} ms) gen ${pct(res.genCpu)} (lag p99 ${fmt(res.genLagP99)} ms), rest of machine ${pct(res.otherCpu)} (steal ${pct(res.stealCpu)}), load avg ${res.loadAvg.toFixed(1)}${stalls}`;
}
