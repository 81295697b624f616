import { runRelayBench } from "../relay/run-relay-bench.ts";
import type { RoundResult } from "../relay/round-result.ts";
import type { RelaySide } from "../relay/sides.ts";

/** The latency a step must keep: a side whose delivery p99 passes it has reached its capacity. */
export const P99_LIMIT_MS = 100;

export interface StepRow {
  /** Messages per client per second asked of the generator. */
  rate: number;
  side: string;
  /** Messages sent per second (all clients), deliveries p99 and ack p99 (ms), share delivered, server CPU (% of one core). */
  sent: number; deliveryP99: number; ackP99: number; delivered: number; cpu: number;
  refused: number;
  sustained: boolean;
}

/** Whether a side carried a step: every message delivered, nothing refused, delivery p99 within the limit. */
export function sustained(r: Pick<RoundResult, "deliveryP99" | "deliveredRatio" | "refused">): boolean {
  const refused = Object.values(r.refused).reduce((a, b) => a + b, 0);
  return r.deliveryP99 <= P99_LIMIT_MS && r.deliveredRatio >= 1 && refused === 0;
}

/**
 * The rising-rate search: at each rate, every side still in the race gets one load phase in the
 * same run (the relay bench's servers, generators and probes, `rounds` phases each), and leaves
 * the race at its first step past the p99 limit or with a message lost. Resolves with every row
 * and each side's highest sustained rate (messages per second, all clients together).
 */
export async function stepRates(opts: {
  sides: RelaySide[]; clients: number; roomSize: number; rates: number[]; seconds: number; rounds: number;
  log: (line: string) => void;
}): Promise<{ rows: StepRow[]; best: Map<string, number> }> {
  const rows: StepRow[] = [];
  const best = new Map<string, number>(opts.sides.map((s) => [s.name, 0]));
  let racing = [...opts.sides];
  for (const rate of opts.rates) {
    if (!racing.length) break;
    const results = await runRelayBench({
      clients: opts.clients, rooms: Math.max(1, Math.round(opts.clients / opts.roomSize)), rate,
      seconds: opts.seconds, rounds: opts.rounds, sides: racing, print: false,
    });
    const still: RelaySide[] = [];
    for (const side of racing) {
      const mine = results.filter((r) => r.side === side.name);
      // A step is carried only if every one of its phases was.
      const ok = mine.length > 0 && mine.every(sustained);
      const worst = mine.reduce((a, r) => (r.deliveryP99 > a.deliveryP99 ? r : a), mine[0]!);
      const row: StepRow = {
        rate, side: side.name, sent: avg(mine.map((r) => r.msgPerSec)), deliveryP99: worst.deliveryP99, ackP99: worst.ackP99,
        delivered: Math.min(...mine.map((r) => r.deliveredRatio)), cpu: avg(mine.map((r) => r.serverCpu)),
        refused: mine.reduce((a, r) => a + Object.values(r.refused).reduce((x, y) => x + y, 0), 0), sustained: ok,
      };
      rows.push(row);
      opts.log(formatStep(row));
      if (ok) {
        best.set(side.name, Math.max(best.get(side.name)!, row.sent));
        still.push(side);
      }
    }
    racing = still;
  }
  return { rows, best };
}

export function formatStep(r: StepRow): string {
  const pad = (s: string, n: number) => s.padStart(n);
  return `  ${pad(String(r.rate), 5)}/s/client  ${r.side.padEnd(20)} ${pad(r.sent.toFixed(0), 6)} msg/s  delivery p99 ${pad(r.deliveryP99.toFixed(1), 7)} ms  ack p99 ${pad(r.ackP99.toFixed(1), 7)} ms  delivered ${(100 * r.delivered).toFixed(2)}%  refused ${r.refused}  server CPU ${r.cpu.toFixed(0)}%  ${r.sustained ? "ok" : "LIMIT"}`;
}

const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
