import type { RoomStats, Stats } from "../../client-sdk/src/protocol.ts";
import type { Metrics } from "../contracts/metrics.ts";
import type { Stores } from "../store/stores.ts";
import type { OnlineCounts } from "./moderation-deps.ts";

const MINUTE = 60_000;
/** Sparkline length: one point per minute. */
export const SERIES_MINUTES = 15;

/**
 * The live figures of the back office (SPEC §5.3 `stats`), per room and for the tenant:
 * - `online`: sockets in the room across the cluster;
 * - `messagesPerMinute`: messages over the last 60 s, estimated from per-minute buckets
 *   (the current minute plus the overlapping share of the previous one);
 * - `held`, `flags`: totals over the last 15 minutes;
 * - `series`: messages per minute over the last 15 minutes, oldest first.
 */
export class StatsService {
  constructor(private readonly deps: { stores: Pick<Stores, "stats" | "presence" | "queue">; metrics: Metrics; presence?: OnlineCounts }) {}

  async compute(tenant: string, now = Date.now()): Promise<Stats> {
    const { stores, presence } = this.deps;
    const thisMinute = Math.floor(now / MINUTE) * MINUTE;
    const first = thisMinute - (SERIES_MINUTES - 1) * MINUTE;
    const [buckets, reported, queue] = await Promise.all([stores.stats.roomStats(tenant, first), stores.presence.presence(tenant), stores.queue.queueSize(tenant)]);
    const ids = new Set([...buckets.keys(), ...reported.keys(), ...(presence?.localCounts(tenant).keys() ?? [])]);
    // Share of the previous minute that still lies within the last 60 s.
    const prevWeight = 1 - (now - thisMinute) / MINUTE;
    const rooms: RoomStats[] = [];
    for (const room of ids) {
      const series = new Array<number>(SERIES_MINUTES).fill(0);
      let held = 0, flags = 0;
      for (const b of buckets.get(room) ?? []) {
        const i = (b.minute - first) / MINUTE;
        if (i < 0 || i >= SERIES_MINUTES) continue;
        series[i] = b.messages;
        held += b.held;
        flags += b.flags;
      }
      const mpm = series[SERIES_MINUTES - 1]! + series[SERIES_MINUTES - 2]! * prevWeight;
      rooms.push({
        room,
        online: presence ? presence.online(tenant, room) : reported.get(room) ?? 0,
        messagesPerMinute: Math.round(mpm * 10) / 10,
        held,
        flags,
        series,
      });
    }
    rooms.sort((a, b) => b.online - a.online || b.messagesPerMinute - a.messagesPerMinute || (a.room < b.room ? -1 : 1));
    const stats: Stats = {
      at: now,
      online: rooms.reduce((n, r) => n + r.online, 0),
      queue,
      messagesPerMinute: Math.round(rooms.reduce((n, r) => n + r.messagesPerMinute, 0) * 10) / 10,
      rooms,
    };
    this.record(tenant, stats);
    return stats;
  }

  /** The same figures for Prometheus, per tenant (per-room labels would explode cardinality). */
  private record(tenant: string, s: Stats): void {
    const m = this.deps.metrics;
    m.queueSize.set({ tenant }, s.queue);
    m.onlineUsers.set({ tenant }, s.online);
    m.messagesPerMinute.set({ tenant }, s.messagesPerMinute);
    m.heldRecent.set({ tenant }, s.rooms.reduce((n, r) => n + r.held, 0));
    m.flagsRecent.set({ tenant }, s.rooms.reduce((n, r) => n + r.flags, 0));
  }
}
