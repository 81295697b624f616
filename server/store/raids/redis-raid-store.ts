import type { RedisContext } from "../redis-context.ts";
import { runScript } from "../redis-scripts.ts";
import { SLOT_MS, SLOTS, type RaidStore, type RoomRates } from "./raid-store.ts";

/**
 * The shared rates: `T rr:<room>` hash "m<slot>" / "j<slot>" -> count (slot = epoch / 5 s), read
 * back twelve slots at a time by the script that counts (cstRaidCount); the slots before are dropped
 * as it goes, and the hash expires after a quiet minute and a half. Claims: `T raid:<room>` (SET NX PX).
 */
export class RedisRaidStore implements RaidStore {
  constructor(private readonly ctx: RedisContext) {}

  count(tenant: string, room: string, kind: "message" | "join", now: number) {
    return this.ctx.guard(async (): Promise<RoomRates> => {
      // One script, not a MULTI of four commands: it runs on every message.
      const [messages, joins] = (await runScript(
        this.ctx.client, "cstRaidCount", [this.ctx.key(tenant, "rr:", room)],
        [kind === "message" ? "m" : "j", Math.floor(now / SLOT_MS), SLOTS, SLOTS * SLOT_MS + 30_000],
      )) as [number, number];
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
