import { randomUUID } from "node:crypto";
import type { AuditEntry, Author, Notice, UserDataErasure, UserDataExport } from "../../client-sdk/src/protocol.ts";
import { toPublic } from "../chat/public-message.ts";
import type { StoredMessage } from "../store/messages/message-store.ts";
import { CausetteError } from "../errors.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import { SYSTEM } from "./audit-log.ts";
import type { ModerationDepsWith } from "./moderation-deps.ts";
import { usersAppeal, usersCopy } from "./notice-service.ts";
import type { ReviewQueue } from "./review-queue.ts";

/** Queue pages read at a time when looking for a user's queued messages. */
const QUEUE_PAGE = 200;
/** The notices a sanction leaves: kept after erasure (the host must be able to show why it restricted someone). */
const SANCTION_NOTICES: readonly Notice["kind"][] = ["banned", "muted"];
/** Audit target fields that may quote a person's own words. */
const WORDS = ["text", "note", "excerpt"] as const;
/** Audit target fields that name a person (the export names nobody but its subject). */
const PEOPLE = ["userId", "authorId", "linkedUserId", "by"] as const;
/** How the export shows anyone but its subject. */
const SOMEONE = "someone else";

type Deps = ModerationDepsWith<"messages" | "flags" | "queue" | "people" | "sanctions" | "notices" | "appeals" | "alerts" | "newcomers" | "evasion" | "limits" | "bus" | "reports" | "stats">;

/**
 * SPEC §9.5 personal data: one user's export, and their erasure. Erasure forgets the messages
 * everywhere (rooms on every node get `message:deleted`, the review queue drops them) and the
 * profile, and keeps what the law makes the host keep: the sanctions, their notices and appeals,
 * and the audit trail, with the person's words and name taken out of it.
 */
export class PersonalData {
  constructor(private readonly deps: Deps, private readonly queue: Pick<ReviewQueue, "drop">) {}

  async export(tenant: TenantRuntime, userId: string): Promise<UserDataExport> {
    notReserved(userId);
    const { stores, audit } = this.deps;
    const t = tenant.id;
    const now = Date.now();
    const [rec, role, messages, notices, appeals, ban, mute, linked, lineages, trusted, alerts, entries, flags, voted, reports] = await Promise.all([
      stores.people.getUser(t, userId),
      stores.people.getRole(t, userId),
      this.everyMessageOf(t, userId),
      stores.notices.listNotices(t, userId, 1000),
      stores.appeals.userAppeals(t, userId),
      stores.sanctions.getBan(t, userId, now),
      stores.sanctions.getMute(t, userId, now),
      stores.evasion.links(t, userId),
      stores.evasion.lineages(t, userId),
      stores.newcomers.isTrusted(t, userId),
      stores.alerts.listAlerts(t, { limit: 1000 }),
      audit.every(t, (e) => concerns(e, userId)),
      stores.flags.flagsBy(t, userId),
      stores.messages.votedBy(t, userId),
      stores.reports.reportsBy(t, userId),
    ]);
    const c = rec?.counters;
    const doc: UserDataExport = {
      tenant: t, userId, exportedAt: now,
      profile: rec ? { user: rec.user, ips: rec.ips, devices: rec.devices, firstSeen: rec.firstSeen, lastSeen: rec.lastSeen, counters: { ...rec.counters } } : null,
      role,
      messages: messages.map((m) => ({ ...toPublic(m), ...(m.ip ? { ip: m.ip } : {}), ...(m.device ? { device: m.device } : {}) })),
      flags: {
        raised: c?.flagsRaised ?? 0, upheld: c?.flagsUpheld ?? 0, overturned: c?.flagsOverturned ?? 0,
        kept: flags.map(({ messageId, flag }) => ({ messageId, reason: flag.reason, ...(flag.note ? { note: flag.note } : {}), at: flag.at })),
      },
      helpful: { received: c?.helpfulReceived ?? 0, given: voted },
      // The document may be handed to its subject (GDPR Art. 15): it names nobody else, so not who
      // decided their restrictions, who flagged or reported them, nor whom they acted on.
      notices: notices.map(usersCopy), appeals: appeals.map(usersAppeal),
      sanctions: { ...(ban ? { ban: { ...ban, by: SOMEONE } } : {}), ...(mute ? { mute: { ...mute, by: SOMEONE } } : {}) },
      linked, lineages, trusted,
      alerts: alerts.filter((a) => a.by?.id === userId),
      audit: entries.map((e) => othersOut(e, userId)),
      // The reports of illegal content they made from the chat (SPEC §9.3), without the receipt's hash.
      reports: reports.map(({ receiptHash: _h, tenant: _t, ...r }) => r),
    };
    return doc;
  }

  async erase(tenant: TenantRuntime, actor: Author, userId: string): Promise<UserDataErasure> {
    notReserved(userId);
    const { stores, broadcaster, audit, metrics } = this.deps;
    const t = tenant.id;
    // Queued ones leave the managers' queue the usual way (their feeds get queue:resolved).
    const authored = await stores.messages.authoredBy(t, userId);
    for (const m of authored) await this.queue.drop(tenant, actor, m);
    // A message kept only for review (off its room's timeline, and older than the author's
    // recent list) is found through the queue: it leaves the queue, then the store.
    const known = new Set(authored.map((m) => m.id));
    const reviewOnly: StoredMessage[] = [];
    for (const m of await this.queuedBy(t, userId)) {
      if (known.has(m.id)) continue;
      await this.queue.drop(tenant, actor, m);
      await stores.queue.releaseReviewed(t, m.room, m.id);
      reviewOnly.push(m);
    }
    const gone = [...await stores.messages.forgetAuthor(t, userId), ...reviewOnly];
    for (const m of gone) {
      if (m.status === "deleted") continue;
      const event = { room: m.room, messageId: m.id };
      // A held message was only ever shown to its author.
      if (m.status === "held") broadcaster.toUser(t, userId, "message:deleted", event);
      else broadcaster.toRoom(t, m.room, "message:deleted", event);
    }
    const hadRole = (await stores.people.getRole(t, userId)) !== null;
    stores.stats.forgetAuthor(t, userId);
    await Promise.all([
      stores.people.forgetUser(t, userId),
      stores.flags.forgetFlagger(t, userId),
      stores.notices.forgetUser(t, userId, SANCTION_NOTICES),
      stores.appeals.forgetUserTexts(t, userId),
      stores.alerts.forgetRaisedBy(t, userId),
      stores.newcomers.forgetUser(t, userId),
      stores.evasion.forgetUser(t, userId),
      stores.limits.forgetSpamOf(t, userId),
      stores.reports.forgetReporter(t, userId),
      // Their votes still count for the people they helped, under a token that names nobody.
      stores.messages.forgetVoter(t, userId, `erased:${randomUUID()}`),
    ]);
    // Other nodes may still hold the user's last posts' counters (written within pendingMs, and
    // a counter's write recreates a bare record): the record is forgotten again once they are in.
    if (stores.stats.pendingMs > 0) {
      setTimeout(() => { stores.people.forgetUser(t, userId).catch(() => undefined); }, stores.stats.pendingMs).unref();
    }
    // A granted role is profile too: the user's open sessions fall back to their token's role.
    if (hadRole) await stores.bus.publish({ type: "role:changed", tenant: t, userId, role: null });
    const auditScrubbed = await audit.rewrite(t, (e) => (concerns(e, userId) ? withoutWords(e, userId) : undefined));
    const now = Date.now();
    const [ban, mute, notices, appeals] = await Promise.all([
      stores.sanctions.getBan(t, userId, now), stores.sanctions.getMute(t, userId, now),
      stores.notices.listNotices(t, userId, 1000), stores.appeals.userAppeals(t, userId),
    ]);
    const result: UserDataErasure = {
      userId, messages: gone.length, auditScrubbed,
      kept: { ban: ban !== null, mute: mute !== null, notices: notices.length, appeals: appeals.length },
    };
    metrics.moderation.inc({ action: "erase" });
    await audit.record(t, actor, "user.erased", { userId, messages: gone.length, auditScrubbed });
    return result;
  }

  /** Every kept message of the user: those the message store finds, and those only the queue still holds. */
  private async everyMessageOf(t: string, userId: string): Promise<StoredMessage[]> {
    const authored = await this.deps.stores.messages.authoredBy(t, userId);
    const known = new Set(authored.map((m) => m.id));
    return [...authored, ...(await this.queuedBy(t, userId)).filter((m) => !known.has(m.id))];
  }

  /** The user's messages awaiting review, wherever they are kept (the queue holds them after their timeline lets go). */
  private async queuedBy(t: string, userId: string): Promise<StoredMessage[]> {
    const { stores } = this.deps;
    const out: StoredMessage[] = [];
    let cursor: string | undefined;
    do {
      const page = await stores.queue.queueList(t, QUEUE_PAGE, cursor);
      for (const e of page.entries) {
        const m = await stores.messages.getMessage(t, e.messageId);
        if (m?.author.id === userId) out.push(m);
      }
      cursor = page.cursor;
    } while (cursor);
    return out;
  }
}

/**
 * "system" is the automatic actor of the audit trail (filters, raids, flags' thresholds): as a
 * user id it would make every automatic entry "theirs" and an erasure would rewrite the trail.
 */
function notReserved(userId: string): void {
  if (userId === SYSTEM.id) throw new CausetteError("invalid_payload", `"${SYSTEM.id}" is the audit trail's own actor, not a user.`);
}

/** The entry as its subject may read it: other people replaced by "someone else", flaggers' ids dropped. */
function othersOut(e: AuditEntry, userId: string): AuditEntry {
  const target = { ...(e.target as Record<string, unknown>) };
  for (const k of PEOPLE) if (typeof target[k] === "string" && target[k] !== userId) target[k] = SOMEONE;
  if ("flaggers" in target) target.flaggers = Array.isArray(target.flaggers) ? target.flaggers.length : 0;
  const mine = e.actor.id === userId || e.actor.id === SYSTEM.id;
  return { ...e, target, ...(mine ? {} : { actor: { id: SOMEONE, name: SOMEONE, role: "role" in e.actor ? e.actor.role : "manager" } as AuditEntry["actor"] }) };
}

/** An audit entry by the user, or about them (or their message). */
function concerns(e: AuditEntry, userId: string): boolean {
  const target = e.target as Record<string, unknown>;
  return e.actor.id === userId || target.userId === userId || target.authorId === userId;
}

/**
 * The entry with the user's words and name out: message text and notes in its target, the reason
 * when they wrote it (an alert's note), and their name when they acted. Undefined when nothing changes.
 */
function withoutWords(e: AuditEntry, userId: string): AuditEntry | undefined {
  const target = { ...(e.target as Record<string, unknown>) };
  let changed = false;
  for (const k of WORDS) if (k in target) { delete target[k]; changed = true; }
  // A filter's refusal quotes what it matched (a phone number, an e-mail address) in its reasons
  // and its reason line: the user's words too.
  const quoted = Array.isArray(target.reasons);
  if (quoted) target.reasons = (target.reasons as Record<string, unknown>[]).map(({ match: _m, start: _s, end: _e, ...r }) => r);
  changed ||= quoted;
  const out: AuditEntry = { ...e, target };
  if (quoted && e.actor.id === SYSTEM.id && out.reason !== undefined) { delete out.reason; changed = true; }
  if (e.actor.id === userId) {
    if (out.reason !== undefined) { delete out.reason; changed = true; }
    // The id stays (the entry must still say who did it); the name, chosen by the person, goes.
    if (e.actor.name !== undefined && e.actor.name !== userId) { out.actor = { ...e.actor, name: userId } as AuditEntry["actor"]; changed = true; }
  }
  return changed ? out : undefined;
}
