import type { Notice, NoticeKind, Reason } from "../../client-sdk/src/protocol.ts";
import type { SessionData } from "../contracts/session.ts";
import { newId } from "../ids.ts";
import { NOTICES_KEPT } from "../store/notices/notice-store.ts";
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
  automated: Notice["automated"];
  category: DsaCategory;
  /** The restricted message, for a message's notice (a rejected one was never stored: no id). */
  message?: { id?: string; room: string; text: string };
  until?: number;
  /** A manager's stated reason. */
  reason?: string;
  /** The user's language when the caller knows it (their session); else their last session's. */
  lang?: NoticeLanguage;
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
  constructor(private readonly deps: ModerationDepsWith<"notices" | "people">) {}

  async notify(tenant: TenantRuntime, userId: string, r: Restriction): Promise<Notice | undefined> {
    const cfg = tenant.config.moderation;
    if (r.silent && !cfg.noticeOnShadow) return undefined;
    try {
      const at = Date.now();
      const lang = r.lang ?? (await this.lastLanguage(tenant.id, userId)) ?? "en";
      const notice: Notice = {
        id: newId("nt_"), at, kind: r.kind, ground: "terms", category: r.category,
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
      await this.deps.stores.notices.addNotice(tenant.id, userId, notice);
      this.deps.broadcaster.toUser(tenant.id, userId, "moderation:notice", notice);
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

  /** The user's notices, newest first (`notices:list`). */
  async list(tenant: TenantRuntime, userId: string): Promise<{ notices: Notice[] }> {
    return { notices: await this.deps.stores.notices.listNotices(tenant.id, userId, NOTICES_KEPT) };
  }

  /** The language of the user's most recent device, as its browser announced it. */
  private async lastLanguage(tenant: string, userId: string): Promise<NoticeLanguage | undefined> {
    return (await this.deps.stores.people.getUser(tenant, userId))?.devices[0]?.lang;
  }
}

/** The first EXCERPT_CHARS characters (code points, so no surrogate is cut in half). */
function excerpt(text: string): string {
  return [...text].slice(0, EXCERPT_CHARS).join("");
}
