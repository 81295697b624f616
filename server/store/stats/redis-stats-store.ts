import { queueUserBump } from "../people/redis-people-store.ts";
import type { RedisContext } from "../redis-context.ts";
import { exec } from "../redis-replies.ts";
import { runScript } from "../redis-scripts.ts";
import { roomsKey } from "../rooms/redis-room-store.ts";
import type { RoomCounter, RoomMinute, StatsStore } from "./stats-store.ts";

const STATS_KEEP_MS = 60 * 60_000;
const STATS_TTL_MS = 2 * STATS_KEEP_MS;

/**
 * The shared stats: `T st:<room>` hashes "<minute>:<counter>" -> n (expiring 2 h after the last
 * bump), indexed by `T strooms`. recordPost sends the room's activity (`T rooms`), its minute's
 * counters and the author's counters in one MULTI: one round trip, applied together.
 */
export class RedisStatsStore implements StatsStore {
  constructor(private readonly ctx: RedisContext) {}

  bumpRoomStat(tenant: string, room: string, field: RoomCounter, at: number) {
    return this.ctx.guard(async () => { await runScript(this.ctx.client, "cstStat", ...this.statCall(tenant, room, field, at)); });
  }

  recordPost(tenant: string, post: { room: string; userId: string; at: number; held: boolean }) {
    return this.ctx.guard(async () => {
      const fields: ("messages" | "held")[] = post.held ? ["messages", "held"] : ["messages"];
      const m = this.ctx.client.multi().zadd(roomsKey(this.ctx, tenant), post.at, post.room);
      for (const field of fields) runScript(m, "cstStat", ...this.statCall(tenant, post.room, field, post.at));
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

  /** Keys and arguments of the stats script for one room counter in `at`'s minute. */
  private statCall(tenant: string, room: string, field: RoomCounter, at: number): [string[], (string | number)[]] {
    const minute = Math.floor(at / 60_000) * 60_000;
    return [[this.ctx.key(tenant, "st:", room), `${this.ctx.t(tenant)}strooms`], [`${minute}:${field}`, minute, room, at - STATS_KEEP_MS, STATS_TTL_MS]];
  }
}
