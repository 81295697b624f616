import type { Appeal, Author, Notice, NoticeKind, Reason } from "../../client-sdk/src/protocol.ts";
import type { SessionData } from "../contracts/session.ts";
import { newId } from "../ids.ts";
import { NOTICES_KEPT, type KeptNotice } from "../store/notices/notice-store.ts";
import type { RestrictionRecord } from "../store/restrictions/restriction-store.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { categoryOfReasons, type DsaCategory } from "./dsa-category.ts";
import type { ModerationDepsWith } from "./moderation-deps.ts";
import { explain, type NoticeLanguage } from "./notice-wording.ts";

const DAY_MS = 24 * 3600_000;
/** SPEC §9.1: the restricted content shown back to its author, at most this long. */
export const EXCERPT_CHARS = 200;

/** One restriction, as the service that applied it knows it. */
export interface Restriction {
  kind: NoticeKind;
  source: Notice["source"];
  /** The brand's terms unless said otherwise; the law for a removal following a report of illegal content. */
  ground?: Notice["ground"];
  automated: Notice["automated"];
  category: DsaCategory;
  /** The restricted message, for a message's notice (a rejected one was never stored: no id). */
  message?: { id?: string; room: string; text: string; createdAt?: number };
  /** When the report that led to the restriction was received (SPEC §9.3), for the time to action. */
  reportedAt?: number;
  until?: number;
  /** A manager's stated reason. */
  reason?: string;
  /** The user's language when the caller knows it (their session); else their last session's. */
  lang?: NoticeLanguage;
  /** Who decided, when a person did (a manager, a trusted moderator's flag): told to the managers deciding an appeal, never to the user. */
  by?: Author;
  /** A shadow ban's doing: no notice unless `moderation.noticeOnShadow` (SPEC §9.1). */
  silent?: boolean;
}

/**
 * Statements of reasons (SPEC §9.1): every restriction, automatic or human, calls `notify`; the
 * notice is kept for the user (read with `list` on their next connection) and sent to their open
 * sockets on every node as `moderation:notice`. A notice is the restriction's companion, never its
 * condition: one that cannot be kept or sent is logged and the restriction stands.
 */
export class NoticeService {
  constructor(private readonly deps: ModerationDepsWith<"notices" | "people" | "restrictions" | "appeals">) {}

  async notify(tenant: TenantRuntime, userId: string, r: Restriction): Promise<Notice | undefined> {
    const cfg = tenant.config.moderation;
    if (r.silent && !cfg.noticeOnShadow) return undefined;
    try {
      const at = Date.now();
      const lang = r.lang ?? (await this.lastLanguage(tenant.id, userId)) ?? "en";
      const notice: Notice = {
        id: newId("nt_"), at, kind: r.kind, ground: r.ground ?? "terms", category: r.category,
        explanation: explain({
          kind: r.kind, source: r.source, category: r.category,
          ...(r.until !== undefined ? { until: r.until } : {}), ...(r.reason ? { reason: r.reason } : {}), ...(cfg.termsUrl ? { termsUrl: cfg.termsUrl } : {}),
          ...(r.message ? { room: r.message.room } : {}),
        }, lang, cfg.explanations),
        automated: { ...r.automated }, source: r.source,
        appealUntil: at + cfg.appealDays * DAY_MS,
      };
      if (r.message) {
        if (r.message.id) notice.messageId = r.message.id;
        Object.assign(notice, { room: r.message.room, excerpt: excerpt(r.message.text) });
      }
      if (r.until !== undefined) notice.until = r.until;
      const kept: KeptNotice = r.by ? { ...notice, by: { ...r.by } } : notice;
      await this.deps.stores.notices.addNotice(tenant.id, userId, kept);
      this.deps.broadcaster.toUser(tenant.id, userId, "moderation:notice", notice);
      await this.record(tenant.id, notice, r);
      return notice;
    } catch (err) {
      this.deps.logger.warn({ err, tenant: tenant.id, userId, kind: r.kind }, "could not keep or send a notice");
      return undefined;
    }
  }

  /** A filter refused a message outright (onHit "reject"): nothing was stored, the author is told why. */
  async messageRejected(tenant: TenantRuntime, session: SessionData, p: { room: string; text: string; reasons: Reason[] }): Promise<void> {
    await this.notify(tenant, session.user.id, {
      kind: "message_rejected", source: "filter", automated: { detection: true, decision: true },
      category: categoryOfReasons(p.reasons), message: { room: p.room, text: p.text },
      ...(session.device.lang ? { lang: session.device.lang } : {}),
    });
  }

  /**
   * The restriction in the tenant's ledger, for the transparency report and the statements of
   * reasons: what kind, why and how, never who or what was said. After the user was told: a
   * ledger that cannot be written loses a figure, not the user's notice.
   */
  private async record(tenant: string, notice: Notice, r: Restriction): Promise<void> {
    const rec: RestrictionRecord = {
      noticeId: notice.id, at: notice.at, kind: notice.kind, ground: notice.ground, category: notice.category,
      source: notice.source, automated: { ...notice.automated },
    };
    // A message never stored (rejected at posting) was posted at the moment it was refused.
    if (r.message) rec.contentAt = r.message.createdAt ?? notice.at;
    if (r.reportedAt !== undefined) rec.reportedAt = r.reportedAt;
    if (notice.until !== undefined) rec.until = notice.until;
    try {
      await this.deps.stores.restrictions.addRestriction(tenant, rec);
    } catch (err) {
      this.deps.logger.warn({ err, tenant, kind: notice.kind }, "could not record a restriction for the transparency report");
    }
  }

  /**
   * The user's notices, newest first (`notices:list`, `me/notices`), and (an addition) their
   * appeals of them: a decision taken while the user was away, or an appeal made from another
   * device, reaches them on their next visit.
   */
  async list(tenant: TenantRuntime, userId: string): Promise<{ notices: Notice[]; appeals: Appeal[] }> {
    const notices = (await this.deps.stores.notices.listNotices(tenant.id, userId, NOTICES_KEPT)).map(usersCopy);
    const appeals = await this.deps.stores.appeals.appealsOfNotices(tenant.id, notices.map((n) => n.id));
    // Notice ids are the user's own, but an appeal is only ever theirs to read.
    return { notices, appeals: appeals.filter((a) => a.userId === userId).map(usersAppeal) };
  }

  /** The language of the user's most recent device, as its browser announced it. */
  private async lastLanguage(tenant: string, userId: string): Promise<NoticeLanguage | undefined> {
    return (await this.deps.stores.people.getUser(tenant, userId))?.devices[0]?.lang;
  }
}

/** A kept notice as its user reads it: without the name of who decided (SPEC §9.1 gives none). */
export function usersCopy(n: KeptNotice): Notice {
  const { by: _by, ...notice } = n;
  return notice;
}

/** An appeal as its user reads it: who decided the restriction stays with the managers. */
export function usersAppeal(a: Appeal): Appeal {
  const { restrictedBy: _by, ...appeal } = a;
  return appeal;
}

/** The first EXCERPT_CHARS characters (code points, so no surrogate is cut in half). */
function excerpt(text: string): string {
  return [...text].slice(0, EXCERPT_CHARS).join("");
}
