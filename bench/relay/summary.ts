import { availableParallelism } from "node:os";
import { fmt, kb, mb, pct } from "./format.ts";
import type { RoundResult } from "./round-result.ts";
import { median, percentile } from "./stats.ts";

/**
 * The phases during which other work on the machine (a neighbour, another side's leftovers) took
 * far more CPU than it usually did during that side's phases: at least twice the side's median and
 * 20 points of a core above it. A burst lands on whichever side is under load, and one such phase
 * can make a side's pooled p99 by itself; the summary names them so a verdict can be read against
 * them. A phase whose figure could not be read (NaN) is never named.
 */
export function busyMachinePhases<R extends Pick<RoundResult, "side" | "otherCpu">>(results: readonly R[]): R[] {
  const typical = new Map<string, number>();
  for (const side of new Set(results.map((r) => r.side))) {
    typical.set(side, median(results.filter((r) => r.side === side && Number.isFinite(r.otherCpu)).map((r) => r.otherCpu)));
  }
  return results.filter((r) => {
    const usual = typical.get(r.side)!;
    return r.otherCpu >= Math.max(2 * usual, usual + 20);
  });
}

/** Prints the summary of a run: pooled figures per side, the targets against bare, the cross-node cost. */
export function summarize(results: RoundResult[], names: string[]): void {
  const by = (name: string) => results.filter((r) => r.side === name);
  const agg = (name: string) => {
    const rs = by(name);
    const med = (f: (r: RoundResult) => number) => median(rs.map(f));
    const pooled = (f: (r: RoundResult) => number[]) => rs.flatMap(f).sort((a, b) => a - b);
    const acks = pooled((r) => r.acks), deliveries = pooled((r) => r.deliveries);
    return {
      ackP50: percentile(acks, 50), ackP99: percentile(acks, 99),
      deliveryP50: percentile(deliveries, 50), deliveryP99: percentile(deliveries, 99),
      ratio: Math.min(...rs.map((r) => r.deliveredRatio)),
      serverCpu: med((r) => r.serverCpu), serverMainCpu: med((r) => r.serverMainCpu), genCpu: med((r) => r.genCpu), genLag: med((r) => r.genLagP99),
      lagMax: med((r) => r.serverLagMax), gcMax: med((r) => r.serverGcMax),
      heap: med((r) => r.heapPerConn), rss: med((r) => r.rssPerConn),
      peakRss: Math.max(...rs.map((r) => r.serverPeakRss)),
    };
  };
  console.log("\nsummary (latencies: every round's samples pooled; cpu, stalls, gen and memory: median over rounds; delivered ratio: worst round; cpu in % of one core)");
  console.log("side          ack p50  ack p99  deliv p50  deliv p99  delivered  srv cpu  (main)  srv lag max  gc max  gen cpu  gen lag p99  heap/conn  rss/conn  peak rss");
  for (const n of names) {
    const a = agg(n);
    console.log(`${n.padEnd(12)} ${fmt(a.ackP50).padStart(8)} ${fmt(a.ackP99).padStart(8)}  ${fmt(a.deliveryP50).padStart(9)}  ${fmt(a.deliveryP99).padStart(9)}  ${a.ratio.toFixed(4).padStart(9)}  ${pct(a.serverCpu).padStart(7)}  ${pct(a.serverMainCpu).padStart(6)}  ${fmt(a.lagMax).padStart(11)}  ${fmt(a.gcMax).padStart(6)}  ${pct(a.genCpu).padStart(7)}  ${fmt(a.genLag).padStart(11)}  ${kb(a.heap).padStart(9)}  ${kb(a.rss).padStart(8)}  ${mb(a.peakRss).padStart(8)}`);
  }
  // A generator that lags measures itself as much as the server. Busy (cpu near a core): the
  // generator is the bottleneck. Lagging at a low cpu: it was waiting for a core (other work).
  for (const n of names) {
    const a = agg(n);
    if (a.genCpu >= 90) console.log(`\nload generator saturated during ${n} (${pct(a.genCpu)} of a core): its latencies are upper bounds (--generators 2 spreads it, which only helps when a core is left idle; else fewer --clients)`);
    else if (a.genLag >= 50) console.log(`\nload generator starved during ${n} (loop lag p99 ${fmt(a.genLag)} ms at ${pct(a.genCpu)} cpu): the cores were busy elsewhere, its latencies are upper bounds`);
  }
  const load = results.map((r) => r.loadAvg);
  console.log(`machine load average during the run: ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} on ${availableParallelism()} cores`);
  const busy = busyMachinePhases(results);
  if (busy.length) {
    console.log(`other work on the machine surged (at least twice its usual share during that side's phases) in: ${busy.map((r) => `round ${r.round} ${r.side} (${pct(r.otherCpu)} of a core; p99 ${fmt(r.ackP99)} ms)`).join(", ")}; a pooled p99 can be that phase's alone`);
  }
  if (names.includes("bare")) {
    const bare = agg("bare");
    for (const n of names.filter((x) => x !== "bare")) {
      const c = agg(n);
      const check = (ok: boolean) => (ok ? "OK " : "MISS");
      const p99 = Math.max(c.ackP99 / bare.ackP99, c.deliveryP99 / bare.deliveryP99);
      const mem = c.heap / bare.heap;
      // Round by round against the bare phase run just before it: how steady the pooled figure is.
      const perRound = (ratio: (side: RoundResult, bareRound: RoundResult) => number) => by(n).map((r) => {
        const b = by("bare").find((x) => x.round === r.round);
        return b ? ratio(r, b) : NaN;
      }).filter(Number.isFinite);
      const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(", ");
      const p99Rounds = perRound((r, b) => Math.max(r.ackP99 / b.ackP99, r.deliveryP99 / b.deliveryP99));
      // Pooled alone can pass on one bad bare round (the tail is whose stall was worst), so the
      // median round must pass too: met means met in a typical round, not on average.
      const p99Median = p99Rounds.length ? median(p99Rounds) : NaN;
      const within = p99Rounds.filter((x) => x <= 1.5).length;
      console.log(`\ntargets for ${n}:`);
      console.log(`  ${check(p99 <= 1.5 && p99Median <= 1.5)} p99 within 1.5x bare, pooled and in the median round: pooled ack ${(c.ackP99 / bare.ackP99).toFixed(2)}x, delivery ${(c.deliveryP99 / bare.deliveryP99).toFixed(2)}x; median round ${p99Median.toFixed(2)}x (${within} of ${p99Rounds.length} rounds within)`);
      console.log(`       p99 ratio round by round: ${list(p99Rounds)}`);
      // The servers' main-thread CPU for the same load: steadier than p99, and what drives it (a
      // main thread busier by x needs longer to drain the same stall, so the tail grows faster than x).
      console.log(`       main-thread cpu ratio round by round: ${list(perRound((r, b) => r.serverMainCpu / b.serverMainCpu))}`);
      console.log(`  ${check(mem <= 1.5)} idle memory per connection within 1.5x bare: heap ${mem.toFixed(2)}x (${kb(c.heap)} vs ${kb(bare.heap)}), rss ${(c.rss / bare.rss).toFixed(2)}x`);
      console.log(`  ${check(c.ratio === 1)} delivered ratio 1.0: ${c.ratio.toFixed(4)}`);
    }
  }
  if (names.includes("causette") && names.includes("causette-x2")) {
    const one = agg("causette"), two = agg("causette-x2");
    const d = (a: number, b: number) => `${b - a >= 0 ? "+" : ""}${fmt(b - a)} ms`;
    console.log("\ncross-node cost (causette-x2 minus causette):");
    console.log(`  ack p50 ${d(one.ackP50, two.ackP50)}, p99 ${d(one.ackP99, two.ackP99)}; delivery p50 ${d(one.deliveryP50, two.deliveryP50)}, p99 ${d(one.deliveryP99, two.deliveryP99)}`);
    console.log(`  delivered ratio ${two.ratio.toFixed(4)} (one node ${one.ratio.toFixed(4)}); server cpu ${pct(two.serverCpu)} for two nodes vs ${pct(one.serverCpu)}`);
  }
}
