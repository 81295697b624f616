import type { MaybePromise } from "../../maybe-promise.ts";
import type { MemoryPeopleStore } from "../people/memory-people-store.ts";
import { PerTenant } from "../per-tenant.ts";
import type { MemoryRoomStore } from "../rooms/memory-room-store.ts";
import type { PostRecord, RoomCounter, RoomMinute, StatsStore } from "./stats-store.ts";
import {
  bucketStart, decisionCounters, HOURS_KEEP_MS, managerOf, MINUTES_KEEP_MS, postCounters, setOwn, type DashBucket, type DashResolution, type DecisionRecord,
} from "./dashboard-counters.ts";

const STATS_KEEP_MS = 60 * 60_000;

type Bucket = { messages: number; held: number; flags: number };

/**
 * The embedded stats: per-room, per-minute buckets. recordPost also marks the room active and
 * counts the author's post, through the memory rooms and people halves, in one synchronous step
 * (it answers at once: a post costs no promise).
 */
export class MemoryStatsStore implements StatsStore {
  private readonly buckets = new PerTenant(() => new Map<string, Map<number, Bucket>>());
  /** Dashboard buckets by scope ("m|" or "h|" then "*" for the tenant, "r" + room for a room), then by start. */
  private readonly dash = new PerTenant(() => new Map<string, Map<number, Map<string, number>>>());
  private readonly managers = new PerTenant(() => new Map<string, string>());

  constructor(private readonly rooms: MemoryRoomStore, private readonly people: MemoryPeopleStore) {}

  async bumpRoomStat(tenant: string, room: string, field: RoomCounter, at: number) {
    this.count(tenant, room, field, at);
    if (field === "flags") this.countDash(tenant, room, at, ["flagged"]);
  }

  /** The embedded store counts at once: nothing waits. */
  readonly pendingMs = 0;
  forgetAuthor(): void {}

  recordPost(tenant: string, post: PostRecord): MaybePromise<void> {
    this.rooms.markActive(tenant, post.room, post.at);
    this.countDash(tenant, post.room, post.at, postCounters(post));
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

  async recordDecision(tenant: string, d: DecisionRecord) {
    this.managers.of(tenant).set(d.manager.id, d.manager.name);
    this.countDash(tenant, d.room, d.at, decisionCounters(d));
  }

  async dashboard(tenant: string, q: { room?: string | undefined; resolution: DashResolution; from: number; to: number }) {
    const scope = this.dash.of(tenant).get(`${q.resolution === "minute" ? "m" : "h"}|${q.room === undefined ? "*" : `r${q.room}`}`);
    const first = bucketStart(q.from, q.resolution), last = bucketStart(q.to, q.resolution);
    const buckets: DashBucket[] = [];
    const managers: Record<string, string> = {};
    for (const [at, counts] of scope ?? []) {
      if (at < first || at > last) continue;
      buckets.push({ at, counts: Object.fromEntries(counts) });
      for (const name of counts.keys()) {
        const id = managerOf(name);
        const known = id === undefined ? undefined : this.managers.of(tenant).get(id);
        if (id !== undefined && known !== undefined) setOwn(managers, id, known);
      }
    }
    return { buckets: buckets.sort((a, b) => a.at - b.at), managers };
  }

  /** Counts each name once (a name listed twice counts two) in the room's and the tenant's minute and hour buckets. */
  private countDash(tenant: string, room: string, at: number, names: readonly string[]) {
    const dash = this.dash.of(tenant);
    for (const resolution of ["minute", "hour"] as const) {
      const start = bucketStart(at, resolution);
      const keep = resolution === "minute" ? MINUTES_KEEP_MS : HOURS_KEEP_MS;
      for (const scope of ["*", `r${room}`]) {
        const key = `${resolution === "minute" ? "m" : "h"}|${scope}`;
        let byStart = dash.get(key);
        if (!byStart) dash.set(key, (byStart = new Map()));
        let counts = byStart.get(start);
        if (!counts) {
          byStart.set(start, (counts = new Map()));
          for (const k of byStart.keys()) if (k < at - keep) byStart.delete(k);
        }
        for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
      }
    }
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

