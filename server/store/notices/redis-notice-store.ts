import type { RedisContext } from "../redis-context.ts";
import { exec } from "../redis-replies.ts";
import { NOTICES_KEPT, type KeptNotice, type NoticeStore, withoutExcerpt } from "./notice-store.ts";

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

  forgetUser(tenant: string, userId: string, keep: readonly KeptNotice["kind"][]) {
    return this.ctx.write(tenant, async () => {
      const key = this.ctx.key(tenant, "nt:", userId);
      const items = await this.ctx.client.lrange(key, 0, -1);
      const kept = items.map((j) => JSON.parse(j) as KeptNotice).filter((n) => keep.includes(n.kind)).map((n) => JSON.stringify(withoutExcerpt(n)));
      // The items read are the list's tail (new notices are pushed at the head): only they are
      // replaced, so a notice added meanwhile stays.
      const m = this.ctx.client.multi().ltrim(key, 0, -(items.length + 1));
      if (kept.length) m.rpush(key, ...kept);
      await exec(m);
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
