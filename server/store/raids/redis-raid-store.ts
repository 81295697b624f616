import type { RedisContext } from "../redis-context.ts";
import { exec } from "../redis-replies.ts";
import { SLOT_MS, SLOTS, type RaidStore, type RoomRates } from "./raid-store.ts";

/**
 * The shared rates: `T rr:<room>` hash "m<slot>" / "j<slot>" -> count (slot = epoch / 5 s), read
 * back twelve slots at a time in the same transaction that counts; the slots before are dropped
 * as it goes, and the hash expires after a quiet minute and a half. Claims: `T raid:<room>` (SET NX PX).
 */
export class RedisRaidStore implements RaidStore {
  constructor(private readonly ctx: RedisContext) {}

  count(tenant: string, room: string, kind: "message" | "join", now: number) {
    return this.ctx.guard(async (): Promise<RoomRates> => {
      const key = this.ctx.key(tenant, "rr:", room);
      const cur = Math.floor(now / SLOT_MS);
      const recent: string[] = [];
      const stale: string[] = [];
      for (let s = cur - SLOTS + 1; s <= cur; s++) recent.push(`m${s}`, `j${s}`);
      for (let s = cur - 2 * SLOTS; s <= cur - SLOTS; s++) stale.push(`m${s}`, `j${s}`);
      const [, counts] = await exec(this.ctx.client.multi()
        .hincrby(key, `${kind === "message" ? "m" : "j"}${cur}`, 1)
        .hmget(key, ...recent)
        .hdel(key, ...stale)
        .pexpire(key, SLOTS * SLOT_MS + 30_000));
      let messages = 0, joins = 0;
      (counts as (string | null)[]).forEach((v, i) => { if (i % 2 === 0) messages += Number(v ?? 0); else joins += Number(v ?? 0); });
      return { messages, joins };
    });
  }

  claim(tenant: string, room: string, ms: number, _now: number) {
    return this.ctx.guard(async () => (await this.ctx.client.set(this.ctx.key(tenant, "raid:", room), "1", "PX", Math.max(1, Math.round(ms)), "NX")) === "OK");
  }

  release(tenant: string, room: string) {
    return this.ctx.guard(async () => { await this.ctx.client.del(this.ctx.key(tenant, "raid:", room)); });
  }
}
