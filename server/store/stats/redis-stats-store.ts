import { queueUserBump } from "../people/redis-people-store.ts";
import type { RedisContext } from "../redis-context.ts";
import { exec } from "../redis-replies.ts";
import { runScript } from "../redis-scripts.ts";
import { roomsKey } from "../rooms/redis-room-store.ts";
import type { PostRecord, RoomCounter, RoomMinute, StatsStore } from "./stats-store.ts";
import {
  bucketStart, decisionCounters, HOUR_MS, HOURS_KEEP_MS, managerOf, MINUTE_MS, MINUTES_KEEP_MS, postCounters, setOwn,
  type DashBucket, type DashResolution, type DecisionRecord,
} from "./dashboard-counters.ts";

const STATS_KEEP_MS = 60 * 60_000;
const STATS_TTL_MS = 2 * STATS_KEEP_MS;

/**
 * The shared stats: `T st:<room>` hashes "<minute>:<counter>" -> n (expiring 2 h after the last
 * bump), indexed by `T strooms`. recordPost sends the room's activity (`T rooms`), its minute's
 * counters and the author's counters in one MULTI: one round trip, applied together.
 *
 * The dashboard: `T dm:<minute>:<scope>` and `T dh:<hour>:<scope>` hashes counter -> n, scope
 * "*" for the tenant or "r<room>" for a room, each expiring after its resolution's keep (so there
 * is nothing to prune); `T dmgr` manager id -> name. A post's dashboard counters ride in its MULTI.
 */
export class RedisStatsStore implements StatsStore {
  constructor(private readonly ctx: RedisContext) {}

  bumpRoomStat(tenant: string, room: string, field: RoomCounter, at: number) {
    return this.ctx.guard(async () => {
      if (field !== "flags") return void await runScript(this.ctx.client, "cstStat", ...this.statCall(tenant, room, field, at));
      const m = runScript(this.ctx.client.multi(), "cstStat", ...this.statCall(tenant, room, field, at));
      await exec(runScript(m, "cstDash", ...this.dashCall(tenant, room, at, ["flagged"])));
    });
  }

  recordPost(tenant: string, post: PostRecord) {
    return this.ctx.guard(async () => {
      const fields: ("messages" | "held")[] = post.held ? ["messages", "held"] : ["messages"];
      const m = this.ctx.client.multi().zadd(roomsKey(this.ctx, tenant), post.at, post.room);
      for (const field of fields) runScript(m, "cstStat", ...this.statCall(tenant, post.room, field, post.at));
      runScript(m, "cstDash", ...this.dashCall(tenant, post.room, post.at, postCounters(post)));
      await exec(queueUserBump(this.ctx, m, tenant, post.userId, fields, 1));
    });
  }

  roomStats(tenant: string, since: number) {
    return this.ctx.guard(async () => {
      const { ctx } = this;
      const rooms = await ctx.client.zrangebyscore(`${ctx.t(tenant)}strooms`, `(${since - 60_000}`, "+inf");
      const out = new Map<string, RoomMinute[]>();
      if (!rooms.length) return out;
      const hashes = await exec(rooms.reduce((m, room) => m.hgetall(ctx.key(tenant, "st:", room)), ctx.client.multi()));
      rooms.forEach((room, i) => {
        const buckets = new Map<number, { minute: number; messages: number; held: number; flags: number }>();
        for (const [field, n] of Object.entries(hashes[i] as Record<string, string>)) {
          const [m, counter] = field.split(":");
          const minute = Number(m);
          if (!(minute + 60_000 > since)) continue;
          const b = buckets.get(minute) ?? { minute, messages: 0, held: 0, flags: 0 };
          b[counter as RoomCounter] = Number(n);
          buckets.set(minute, b);
        }
        if (buckets.size) out.set(room, [...buckets.values()].sort((a, b) => a.minute - b.minute));
      });
      return out;
    });
  }

  recordDecision(tenant: string, d: DecisionRecord) {
    return this.ctx.guard(async () => {
      const m = this.ctx.client.multi().hset(`${this.ctx.t(tenant)}dmgr`, d.manager.id, d.manager.name);
      await exec(runScript(m, "cstDash", ...this.dashCall(tenant, d.room, d.at, decisionCounters(d))));
    });
  }

  dashboard(tenant: string, q: { room?: string | undefined; resolution: DashResolution; from: number; to: number }) {
    return this.ctx.guard(async () => {
      const size = q.resolution === "minute" ? MINUTE_MS : HOUR_MS;
      const starts: number[] = [];
      for (let at = bucketStart(q.from, q.resolution); at <= bucketStart(q.to, q.resolution); at += size) starts.push(at);
      const scope = q.room === undefined ? "*" : `r${q.room}`;
      const hashes = starts.length ? await exec(starts.reduce((m, at) => m.hgetall(this.dashKey(tenant, q.resolution, at, scope)), this.ctx.client.multi())) : [];
      const buckets: DashBucket[] = [];
      const ids = new Set<string>();
      hashes.forEach((h, i) => {
        const entries = Object.entries(h as Record<string, string>);
        if (!entries.length) return;
        const counts: Record<string, number> = {};
        for (const [name, n] of entries) {
          setOwn(counts, name, Number(n));
          const id = managerOf(name);
          if (id !== undefined) ids.add(id);
        }
        buckets.push({ at: starts[i]!, counts });
      });
      const managers: Record<string, string> = {};
      if (ids.size) {
        const list = [...ids];
        const names = await this.ctx.client.hmget(`${this.ctx.t(tenant)}dmgr`, ...list);
        list.forEach((id, i) => { const n = names[i]; if (n != null) setOwn(managers, id, n); });
      }
      return { buckets, managers };
    });
  }

  private dashKey(tenant: string, resolution: DashResolution, at: number, scope: string): string {
    return this.ctx.key(tenant, `${resolution === "minute" ? "dm" : "dh"}:${at}:`, scope);
  }

  /** Keys and arguments of the dashboard script for some counters of one room at `at`. */
  private dashCall(tenant: string, room: string, at: number, names: string[]): [string[], (string | number)[]] {
    const m = bucketStart(at, "minute"), h = bucketStart(at, "hour");
    return [
      [this.dashKey(tenant, "minute", m, `r${room}`), this.dashKey(tenant, "minute", m, "*"), this.dashKey(tenant, "hour", h, `r${room}`), this.dashKey(tenant, "hour", h, "*")],
      [MINUTES_KEEP_MS, HOURS_KEEP_MS, ...names],
    ];
  }

  /** Keys and arguments of the stats script for one room counter in `at`'s minute. */
  private statCall(tenant: string, room: string, field: RoomCounter, at: number): [string[], (string | number)[]] {
    const minute = Math.floor(at / 60_000) * 60_000;
    return [[this.ctx.key(tenant, "st:", room), `${this.ctx.t(tenant)}strooms`], [`${minute}:${field}`, minute, room, at - STATS_KEEP_MS, STATS_TTL_MS]];
  }
}
