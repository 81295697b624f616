import type { RedisContext } from "../redis-context.ts";
import { exec, scored } from "../redis-replies.ts";
import { runScript } from "../redis-scripts.ts";
import type { RoomState, RoomStore } from "./room-store.ts";

/** The shared rooms: `T room:<room>` hashes of JSON settings, and `T rooms` by last activity. */
export class RedisRoomStore implements RoomStore {
  constructor(private readonly ctx: RedisContext) {}

  getRoomState(tenant: string, room: string) {
    return this.ctx.guard(async () => decodeRoomState(await this.ctx.client.hgetall(this.ctx.key(tenant, "room:", room))));
  }

  updateRoomState(tenant: string, room: string, patch: Partial<RoomState>) {
    return this.ctx.guard(async () => {
      const key = this.ctx.key(tenant, "room:", room);
      const fields: string[] = ["_", "1"];
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) fields.push(k, JSON.stringify(v));
      const [, all] = await exec(this.ctx.client.multi().hset(key, ...fields).hgetall(key));
      return decodeRoomState(all as Record<string, string>) ?? {};
    });
  }

  setPin(tenant: string, room: string, messageId: string | null, opts: { ifPinned?: string } = {}) {
    return this.ctx.guard(async () => {
      const key = this.ctx.key(tenant, "room:", room);
      // Fields hold JSON (see updateRoomState), so the compared value is the id as JSON too.
      if (opts.ifPinned !== undefined) {
        if (messageId !== null) throw new Error("setPin: ifPinned only guards an unpin");
        return Number(await runScript(this.ctx.client, "cstHdelIfSame", [key], ["pinned", JSON.stringify(opts.ifPinned)])) > 0;
      }
      if (messageId === null) return (await this.ctx.client.hdel(key, "pinned")) > 0;
      const json = JSON.stringify(messageId);
      const [before] = await exec(this.ctx.client.multi().hget(key, "pinned").hset(key, "_", "1", "pinned", json));
      return before !== json;
    });
  }

  listRooms(tenant: string, limit: number) {
    return this.ctx.guard(async () => {
      if (limit <= 0) return [];
      const rows = scored(await this.ctx.client.zrevrange(roomsKey(this.ctx, tenant), 0, limit - 1, "WITHSCORES"));
      return rows.map((r) => ({ id: r.member, lastActive: Number(r.score) }));
    });
  }
}

/** The sorted set of a tenant's rooms by last activity (written by the stats port's recordPost, read by listRooms). */
export function roomsKey(ctx: RedisContext, tenant: string): string { return `${ctx.t(tenant)}rooms`; }

function decodeRoomState(h: Record<string, string>): RoomState | null {
  if (!Object.keys(h).length) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(h)) if (k !== "_") out[k] = JSON.parse(v);
  return out as RoomState;
}
