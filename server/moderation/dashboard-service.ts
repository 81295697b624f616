import type { Dashboard, DashboardLine, DashboardRange, DashboardSeries, DashboardTiles, Stats } from "../../client-sdk/src/protocol.ts";
import { CausetteError } from "../errors.ts";
import { HOUR_MS, LATENCY_BOUNDS_SEC, MINUTE_MS, bucketStart, type DashBucket, type DashResolution } from "../store/stats/dashboard-counters.ts";
import type { Stores } from "../store/stores.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import type { StatsService } from "./stats-service.ts";

const DAY_MS = 24 * HOUR_MS;

/** Each range: its buckets' resolution and how many of them, the current one last. */
const RANGES: Record<DashboardRange, { resolution: DashResolution; count: number }> = {
  hour: { resolution: "minute", count: 60 },
  day: { resolution: "hour", count: 24 },
  week: { resolution: "hour", count: 7 * 24 },
};

/**
 * The back office's home (an extension of SPEC §5.3): live tiles and charts over the last hour,
 * day or week, for the tenant or one room, read from the stats port's dashboard buckets (shared
 * by every node, so all of them show the same figures). Online counts and messages per minute
 * come from the live stats the feed already computes.
 */
export class DashboardService {
  constructor(private readonly deps: { stores: Pick<Stores, "stats" | "queue">; stats: StatsService }) {}

  async get(tenant: TenantRuntime, p: { room?: string | undefined; range?: DashboardRange | undefined }, now = Date.now()): Promise<Dashboard> {
    if (p.room !== undefined && !tenant.roomPattern.test(p.room)) throw new CausetteError("invalid_room", "Not a room id of this tenant.");
    const range = p.range ?? "hour";
    const { resolution, count } = RANGES[range];
    const size = resolution === "minute" ? MINUTE_MS : HOUR_MS;
    const last = bucketStart(now, resolution), first = last - (count - 1) * size;
    const [stats, read] = await Promise.all([
      this.deps.stats.compute(tenant.id, now),
      this.deps.stores.stats.dashboard(tenant.id, { room: p.room, resolution, from: first, to: now }),
    ]);
    const at = Array.from({ length: count }, (_, i) => first + i * size);
    return {
      at: now, range, ...(p.room !== undefined ? { room: p.room } : {}),
      tiles: await this.tiles(tenant.id, stats, p.room, now),
      series: toSeries(at, read.buckets, read.managers),
    };
  }

  /** The tiles of the tenant (or one room), given the live stats just computed. */
  async tiles(tenant: string, stats: Stats, room: string | undefined, now = Date.now()): Promise<DashboardTiles> {
    const { stores } = this.deps;
    const midnight = Math.floor(now / DAY_MS) * DAY_MS;
    const [today, oldest] = await Promise.all([
      stores.stats.dashboard(tenant, { room, resolution: "hour", from: midnight, to: now }),
      stores.queue.queueOldest(tenant),
    ]);
    const sum = sumCounts(today.buckets);
    const live = room === undefined ? stats : stats.rooms.find((r) => r.room === room) ?? { online: 0, messagesPerMinute: 0 };
    return {
      online: live.online,
      messagesPerMinute: live.messagesPerMinute,
      held: sum.get("held") ?? 0,
      flagged: sum.get("flagged") ?? 0,
      queue: stats.queue,
      oldestQueuedAt: oldest,
      medianDecisionSec: medianLatency(sum),
      decisions: (sum.get("approved") ?? 0) + (sum.get("removed") ?? 0),
    };
  }
}

function sumCounts(buckets: readonly DashBucket[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const b of buckets) for (const [k, n] of Object.entries(b.counts)) out.set(k, (out.get(k) ?? 0) + n);
  return out;
}

/**
 * The median of the `lat:<i>` histogram, interpolated linearly inside the bucket that holds it
 * (the open last bucket answers its lower bound). Seconds, rounded; null without decisions.
 */
export function medianLatency(counts: ReadonlyMap<string, number>): number | null {
  const hist = Array.from({ length: LATENCY_BOUNDS_SEC.length + 1 }, (_, i) => counts.get(`lat:${i}`) ?? 0);
  const total = hist.reduce((a, b) => a + b, 0);
  if (!total) return null;
  const half = total / 2;
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    const n = hist[i]!;
    if (seen + n >= half && n > 0) {
      const lo = i === 0 ? 0 : LATENCY_BOUNDS_SEC[i - 1]!;
      const hi = LATENCY_BOUNDS_SEC[i];
      return hi === undefined ? lo : Math.round(lo + ((hi - lo) * (half - seen)) / n);
    }
    seen += n;
  }
  return null;
}

/** Spreads the stored buckets (empty ones missing) over every bucket of the range. */
function toSeries(at: number[], buckets: readonly DashBucket[], managers: Record<string, string>): DashboardSeries {
  const index = new Map(at.map((t, i) => [t, i]));
  const zeros = () => new Array<number>(at.length).fill(0);
  const plain = { messages: zeros(), held: zeros(), flagged: zeros(), upheld: zeros(), rejected: zeros() };
  const by = { held: new Map<string, number[]>(), removed: new Map<string, number[]>(), dec: new Map<string, { values: number[]; approved: number; removed: number }>() };
  const line = (m: Map<string, number[]>, key: string) => { let v = m.get(key); if (!v) m.set(key, (v = zeros())); return v; };
  for (const b of buckets) {
    const i = index.get(b.at);
    if (i === undefined) continue;
    for (const [name, n] of Object.entries(b.counts)) {
      if (Object.hasOwn(plain, name)) plain[name as keyof typeof plain][i]! += n;
      else if (name.startsWith("held:")) line(by.held, name.slice(5))[i]! += n;
      else if (name.startsWith("removed:")) line(by.removed, name.slice(8))[i]! += n;
      else if (name.startsWith("dec:")) {
        const [, decision] = name.split(":");
        const id = name.slice(5 + (decision?.length ?? 0));
        let d = by.dec.get(id);
        if (!d) by.dec.set(id, (d = { values: zeros(), approved: 0, removed: 0 }));
        d.values[i]! += n;
        if (decision === "approve") d.approved += n; else d.removed += n;
      }
    }
  }
  const lines = (m: Map<string, number[]>): DashboardLine[] => [...m].map(([key, values]) => ({ key, values })).sort((a, b) => total(b.values) - total(a.values));
  return {
    at, messages: plain.messages, held: plain.held, flagged: plain.flagged,
    heldBy: lines(by.held), removedBy: lines(by.removed),
    decisions: [...by.dec].map(([key, d]) => ({ key, name: Object.hasOwn(managers, key) ? managers[key]! : key, ...d }))
      .sort((a, b) => b.approved + b.removed - (a.approved + a.removed)),
    flagsUpheld: plain.upheld, flagsRejected: plain.rejected,
  };
}

function total(v: readonly number[]): number { return v.reduce((a, b) => a + b, 0); }
