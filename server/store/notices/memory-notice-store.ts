import { PerTenant } from "../per-tenant.ts";
import { copy } from "../plain-copy.ts";
import { NOTICES_KEPT, type KeptNotice, type NoticeStore, withoutExcerpt } from "./notice-store.ts";

/** The embedded notices: each user's newest first, cut at NOTICES_KEPT. */
export class MemoryNoticeStore implements NoticeStore {
  private readonly data = new PerTenant(() => new Map<string, KeptNotice[]>());

  async addNotice(tenant: string, userId: string, notice: KeptNotice) {
    const byUser = this.data.of(tenant);
    byUser.set(userId, [copy(notice), ...(byUser.get(userId) ?? [])].slice(0, NOTICES_KEPT));
  }

  async getNotice(tenant: string, userId: string, noticeId: string) {
    const n = (this.data.of(tenant).get(userId) ?? []).find((x) => x.id === noticeId);
    return n ? copy(n) : null;
  }

  async forgetUser(tenant: string, userId: string, keep: readonly KeptNotice["kind"][]) {
    const byUser = this.data.of(tenant);
    const kept = (byUser.get(userId) ?? []).filter((n) => keep.includes(n.kind)).map(withoutExcerpt);
    if (kept.length) byUser.set(userId, kept); else byUser.delete(userId);
  }

  async listNotices(tenant: string, userId: string, limit: number) {
    return (this.data.of(tenant).get(userId) ?? []).slice(0, Math.max(0, limit)).map(copy);
  }
}
