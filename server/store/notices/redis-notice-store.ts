import type { RedisContext } from "../redis-context.ts";
import { exec } from "../redis-replies.ts";
import { NOTICES_KEPT, type KeptNotice, type NoticeStore } from "./notice-store.ts";

/** The shared notices: `T nt:<user>` list of notice JSON, newest first, trimmed to NOTICES_KEPT in the same transaction. */
export class RedisNoticeStore implements NoticeStore {
  constructor(private readonly ctx: RedisContext) {}

  addNotice(tenant: string, userId: string, notice: KeptNotice) {
    return this.ctx.guard(async () => {
      const key = this.ctx.key(tenant, "nt:", userId);
      await exec(this.ctx.client.multi().lpush(key, JSON.stringify(notice)).ltrim(key, 0, NOTICES_KEPT - 1));
    });
  }

  getNotice(tenant: string, userId: string, noticeId: string) {
    return this.ctx.guard(async () => {
      // At most NOTICES_KEPT short entries: reading them all is cheaper than an index to keep in step.
      const items = await this.ctx.client.lrange(this.ctx.key(tenant, "nt:", userId), 0, NOTICES_KEPT - 1);
      return items.map((j) => JSON.parse(j) as KeptNotice).find((n) => n.id === noticeId) ?? null;
    });
  }

  listNotices(tenant: string, userId: string, limit: number) {
    return this.ctx.guard(async () => {
      if (limit <= 0) return [];
      const items = await this.ctx.client.lrange(this.ctx.key(tenant, "nt:", userId), 0, Math.min(limit, NOTICES_KEPT) - 1);
      return items.map((j) => JSON.parse(j) as KeptNotice);
    });
  }
}
