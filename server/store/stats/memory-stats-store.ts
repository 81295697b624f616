import type { MaybePromise } from "../../maybe-promise.ts";
import type { MemoryPeopleStore } from "../people/memory-people-store.ts";
import { PerTenant } from "../per-tenant.ts";
import type { MemoryRoomStore } from "../rooms/memory-room-store.ts";
import type { RoomCounter, RoomMinute, StatsStore } from "./stats-store.ts";

const STATS_KEEP_MS = 60 * 60_000;

type Bucket = { messages: number; held: number; flags: number };

/**
 * The embedded stats: per-room, per-minute buckets. recordPost also marks the room active and
 * counts the author's post, through the memory rooms and people halves, in one synchronous step
 * (it answers at once: a post costs no promise).
 */
export class MemoryStatsStore implements StatsStore {
  private readonly buckets = new PerTenant(() => new Map<string, Map<number, Bucket>>());

  constructor(private readonly rooms: MemoryRoomStore, private readonly people: MemoryPeopleStore) {}

  async bumpRoomStat(tenant: string, room: string, field: RoomCounter, at: number) { this.count(tenant, room, field, at); }

  recordPost(tenant: string, post: { room: string; userId: string; at: number; held: boolean }): MaybePromise<void> {
    this.rooms.markActive(tenant, post.room, post.at);
    this.count(tenant, post.room, "messages", post.at);
    this.people.count(tenant, post.userId, "messages", 1);
    if (post.held) {
      this.count(tenant, post.room, "held", post.at);
      this.people.count(tenant, post.userId, "held", 1);
    }
  }

  async roomStats(tenant: string, since: number) {
    const out = new Map<string, RoomMinute[]>();
    for (const [room, buckets] of this.buckets.of(tenant)) {
      const rows = [...buckets.entries()].filter(([m]) => m + 60_000 > since).map(([minute, b]) => ({ minute, ...b }));
      if (rows.length) out.set(room, rows.sort((a, b) => a.minute - b.minute));
    }
    return out;
  }

  private count(tenant: string, room: string, field: RoomCounter, at: number) {
    const stats = this.buckets.of(tenant);
    let buckets = stats.get(room);
    if (!buckets) { buckets = new Map(); stats.set(room, buckets); }
    const minute = Math.floor(at / 60_000) * 60_000;
    const b = buckets.get(minute) ?? { messages: 0, held: 0, flags: 0 };
    b[field] += 1;
    buckets.set(minute, b);
    if (buckets.size > 70) for (const k of buckets.keys()) if (k < at - STATS_KEEP_MS) buckets.delete(k);
  }
}
