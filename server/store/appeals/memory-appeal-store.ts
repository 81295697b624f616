import type { Appeal } from "../../../client-sdk/src/protocol.ts";
import { PerTenant } from "../per-tenant.ts";
import { copy } from "../plain-copy.ts";
import { type AppealDecision, type AppealStore, withoutWords } from "./appeal-store.ts";

/** The embedded appeals: by id in creation order (a Map keeps it), and each notice's appeal id. */
export class MemoryAppealStore implements AppealStore {
  private readonly data = new PerTenant(() => ({ byId: new Map<string, Appeal>(), byNotice: new Map<string, string>() }));

  async addAppeal(tenant: string, appeal: Appeal) {
    const d = this.data.of(tenant);
    if (d.byNotice.has(appeal.noticeId)) return false;
    d.byNotice.set(appeal.noticeId, appeal.id);
    d.byId.set(appeal.id, copy(appeal));
    return true;
  }

  async getAppeal(tenant: string, appealId: string) {
    const a = this.data.of(tenant).byId.get(appealId);
    return a ? copy(a) : null;
  }

  async appealsOfNotices(tenant: string, noticeIds: readonly string[]) {
    const d = this.data.of(tenant);
    return noticeIds.flatMap((n) => { const a = d.byId.get(d.byNotice.get(n) ?? ""); return a ? [copy(a)] : []; });
  }

  async listAppeals(tenant: string, opts: { status?: "open" | "closed"; limit: number; offset: number }) {
    const all = [...this.data.of(tenant).byId.values()];
    const picked = opts.status === "open" ? all.filter((a) => a.status === "open")
      : opts.status === "closed" ? all.filter((a) => a.status !== "open").sort((a, b) => (b.decidedAt ?? 0) - (a.decidedAt ?? 0))
      : all.reverse();
    return picked.slice(opts.offset, opts.offset + Math.max(0, opts.limit)).map(copy);
  }

  async userAppeals(tenant: string, userId: string) {
    return [...this.data.of(tenant).byId.values()].filter((a) => a.userId === userId).reverse().map(copy);
  }

  async forgetUserTexts(tenant: string, userId: string) {
    let n = 0;
    const byId = this.data.of(tenant).byId;
    for (const [id, a] of byId) if (a.userId === userId) { byId.set(id, withoutWords(a)); n++; }
    return n;
  }

  async decideAppeal(tenant: string, appealId: string, d: AppealDecision) {
    const a = this.data.of(tenant).byId.get(appealId);
    if (!a) return null;
    if (a.status !== "open") return { appeal: copy(a), decided: false };
    Object.assign(a, { status: d.status, note: d.note, decidedAt: d.decidedAt, decidedBy: copy(d.decidedBy) });
    return { appeal: copy(a), decided: true };
  }
}
