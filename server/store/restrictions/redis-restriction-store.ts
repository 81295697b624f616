import type { RedisContext } from "../redis-context.ts";
import { exec } from "../redis-replies.ts";
import { nextCursor, readPosition } from "./restriction-cursor.ts";
import { RESTRICTIONS_KEPT, RESTRICTIONS_KEPT_MS, type RestrictionRecord, type RestrictionStore } from "./restriction-store.ts";

/**
 * The shared ledger: `T rs` zset of record JSON scored by its time, trimmed by age and count in
 * the transaction that adds (records carry a notice id, so no two members are equal).
 */
export class RedisRestrictionStore implements RestrictionStore {
  constructor(private readonly ctx: RedisContext) {}

  addRestriction(tenant: string, r: RestrictionRecord) {
    return this.ctx.guard(async () => {
      const key = `${this.ctx.t(tenant)}rs`;
      await exec(this.ctx.client.multi()
        .zadd(key, r.at, JSON.stringify(r))
        .zremrangebyscore(key, "-inf", `(${this.ctx.now() - RESTRICTIONS_KEPT_MS}`)
        .zremrangebyrank(key, 0, -(RESTRICTIONS_KEPT + 1)));
    });
  }

  listRestrictions(tenant: string, p: { from: number; to: number; limit: number; cursor?: string }) {
    return this.ctx.guard(async (): Promise<{ records: RestrictionRecord[]; cursor?: string }> => {
      const pos = readPosition(p.cursor, p.from);
      if (p.limit <= 0 || pos.at >= p.to) return { records: [] };
      // One more than asked, to know whether another page follows.
      const rows = await this.ctx.client.zrangebyscore(`${this.ctx.t(tenant)}rs`, pos.at, `(${p.to}`, "LIMIT", pos.seen, p.limit + 1);
      const page = rows.slice(0, p.limit).map((j) => JSON.parse(j) as RestrictionRecord);
      const cursor = nextCursor(pos, page, rows.length > p.limit);
      return cursor ? { records: page, cursor } : { records: page };
    });
  }
}
