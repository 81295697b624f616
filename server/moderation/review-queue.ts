import type { Author, Flag, Message, QueueItem } from "../../client-sdk/src/protocol.ts";
import { toPublic } from "../chat/public-message.ts";
import { CausetteError } from "../errors.ts";
import type { StoredMessage } from "../store/messages/message-store.ts";
import type { QueueEntry } from "../store/queue/review-queue-store.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import type { ModerationDepsWith } from "./moderation-deps.ts";
import { decodeCursor, encodeCursor, refuseCursor } from "../opaque-cursor.ts";
import { toQueueItem } from "./queue-item.ts";
import type { Sanctions } from "./sanctions.ts";
import { categoryOfReasons } from "./dsa-category.ts";
import type { NoticeService } from "./notice-service.ts";
import type { BrandVoice } from "./brand-voice.ts";
import type { ReportService } from "./report-service.ts";

export type Decision = "approve" | "remove";
/** What a manager asks of `resolve`. */
interface Resolution { messageId: string; decision: Decision; ban?: { durationSec?: number; reason: string }; trust?: boolean }

/**
 * The review queue (SPEC §1, §6.3): every held and every flagged message waits here until one
 * manager decides. `ReviewQueueStore.queueTake` is the arbiter when two managers decide at once.
 */
export class ReviewQueue {
  constructor(
    private readonly deps: ModerationDepsWith<"queue" | "messages" | "flags" | "people" | "newcomers" | "stats">, private readonly sanctions: Sanctions,
    private readonly notices?: Pick<NoticeService, "notify">,
    /** Unpins a removed message (brand voice); absent in unit wiring. */
    private readonly pins?: Pick<BrandVoice, "removed">,
    private readonly reports?: Pick<ReportService, "decide" | "wasReported">,
  ) {}

  /**
   * The one way onto the queue, for a filter's hold, a flag and a report alike: stores the entry (or
   * merges it into the message's entry) and shows the managers watching its room the item.
   */
  async enqueue(tenant: string, entry: QueueEntry, message: StoredMessage): Promise<void> {
    const { stores, broadcaster } = this.deps;
    const merged = await stores.queue.queuePut(tenant, entry);
    broadcaster.toAdmins(tenant, message.room, "queue:added", await toQueueItem(stores.flags, tenant, merged, message));
  }

  async list(tenant: TenantRuntime, p: { limit?: number; cursor?: string }): Promise<{ items: QueueItem[]; cursor?: string }> {
    const { stores } = this.deps;
    const page = await stores.queue.queueList(tenant.id, p.limit ?? 50, p.cursor === undefined ? undefined : decodeQueueCursor(p.cursor));
    const items: QueueItem[] = [];
    for (const entry of page.entries) {
      const message = await stores.messages.getMessage(tenant.id, entry.messageId);
      if (message) items.push(await toQueueItem(stores.flags, tenant.id, entry, message));
      // Its message was forgotten between a flag and its queuing (it fell off its timeline, or a
      // review released it): nobody can resolve it, and ids never come back, so it goes; whoever
      // reported it is told it is gone (SPEC §9.3).
      else if (await stores.queue.queueTake(tenant.id, entry.messageId)) await this.decideReports(tenant.id, entry.messageId, "removed");
    }
    return page.cursor ? { items, cursor: encodeQueueCursor(page.cursor) } : { items };
  }

  /**
   * Approve (held/hidden → visible, `message:restored`) or remove (→ deleted, `message:deleted`),
   * optionally banning the author in the same action. Flaggers are scored: upheld on removal,
   * overturned on approval.
   */
  async resolve(tenant: TenantRuntime, actor: Author, p: Resolution): Promise<{ message: Message }> {
    const { stores } = this.deps;
    const t = tenant.id;
    const before = await stores.messages.getMessage(t, p.messageId);
    if (!before) throw new CausetteError("not_found");
    if (p.trust && p.decision !== "approve") throw new CausetteError("invalid_payload", "trust: only with decision approve.");
    // Refuse an impossible ban before touching anything, so the action is all or nothing.
    if (p.ban) await this.sanctions.assertBannable(tenant, actor, before.author.id);
    const entry = await stores.queue.queueTake(t, p.messageId);
    if (!entry) {
      // The store answers "not queued" both for a message that never was and for one another
      // manager took a moment ago; the message itself tells them apart, because everything that
      // enters the queue keeps a trace: a filter hold leaves its reasons, a flag or a report stays on record.
      const wasQueued = (before.reasons?.length ?? 0) > 0 || (await stores.flags.getFlags(t, before.id)).length > 0
        || (await this.reports?.wasReported(t, before.id)) === true;
      if (!wasQueued) throw new CausetteError("not_found", "This message is not in the review queue.");
      throw new CausetteError("conflict", "This message is not in the review queue: another manager has already resolved it.");
    }
    let out: { message: Message };
    try {
      out = await this.decide(tenant, actor, p, before, entry);
    } finally {
      // Even when the decision failed half-way: the entry is taken, nothing else would let it go.
      await this.release(tenant, before);
    }
    if (p.trust) await this.trust(tenant, actor, before.author.id);
    return out;
  }

  /**
   * "Approve and trust" (SPEC §10.1): the newcomer hold ends for the author, and their other
   * messages held only because they were new are approved with this one: the manager approved
   * the person, not each message.
   */
  private async trust(tenant: TenantRuntime, actor: Author, userId: string): Promise<void> {
    const { stores, audit } = this.deps;
    await stores.newcomers.trust(tenant.id, userId);
    await audit.record(tenant.id, actor, "user.trusted", { userId });
    for (const m of await stores.messages.userMessages(tenant.id, userId, 50)) {
      if (m.status !== "held" || !m.reasons?.length || !m.reasons.every((r) => r.kind === "newcomer")) continue;
      await this.resolve(tenant, actor, { messageId: m.id, decision: "approve" }).catch(() => undefined);
    }
  }

  /** The part of `resolve` after the queue entry was taken. */
  private async decide(tenant: TenantRuntime, actor: Author, p: Resolution, before: StoredMessage, entry: QueueEntry): Promise<{ message: Message }> {
    const { stores, broadcaster, audit, metrics } = this.deps;
    const t = tenant.id;
    let after: StoredMessage | null;
    let judged: Flag[] | undefined;
    if (p.decision === "approve") {
      // Approval overturns the flags so far: they must stop counting towards `reportsToHide`
      // before the message is visible again, or a single new report would hide it at once.
      judged = await stores.flags.resetFlagCount(t, before.id);
      after = await stores.messages.setMessageStatus(t, before.id, "visible", ["held", "hidden", "visible"]);
    } else {
      after = await stores.messages.setMessageStatus(t, before.id, "deleted", ["held", "hidden", "visible"]);
    }
    // Deleted meanwhile (message:delete, room:clear): nothing left to decide.
    if (!after) throw new CausetteError("conflict", "This message was deleted meanwhile.");

    const wasHeld = before.status === "held";
    if (p.decision === "approve") {
      if (before.status !== "visible") broadcaster.toRoom(t, after.room, "message:restored", toPublic(after));
    } else {
      // A held message was only ever seen by its author; everyone in the room saw the others.
      if (wasHeld) broadcaster.toUser(t, after.author.id, "message:deleted", { room: after.room, messageId: after.id });
      else broadcaster.toRoom(t, after.room, "message:deleted", { room: after.room, messageId: after.id });
      await this.pins?.removed(tenant, actor, after.room, [after.id]);
    }

    const [flaggers] = await Promise.all([
      this.scoreFlaggers(t, before.id, p.decision, judged),
      p.decision === "remove" ? stores.people.bumpUser(t, after.author.id, "removed") : undefined,
    ]);

    const by: Author = { ...actor };
    // The dashboard's figures only: a failure must not fail a decision already applied.
    await stores.stats.recordDecision(t, {
      room: after.room, at: Date.now(), manager: { id: actor.id, name: actor.name }, decision: p.decision,
      queuedAt: entry.queuedAt, category: categoryOfReasons(entry.reasons), flaggers: flaggers.length,
    }).catch((err: unknown) => this.deps.logger.warn({ err, tenant: t }, "could not count a decision"));
    broadcaster.toAdmins(t, after.room, "queue:resolved", { messageId: after.id, decision: p.decision, by });
    metrics.moderation.inc({ action: p.decision === "approve" ? "queue_approve" : "queue_remove" });
    await audit.record(t, actor, p.decision === "approve" ? "queue.approved" : "queue.removed", {
      messageId: after.id, room: after.room, authorId: after.author.id, kind: entry.kind, flaggers,
    }, p.ban?.reason, after.room);
    const decided = await this.decideReports(t, after.id, p.decision === "approve" ? "kept" : "removed");
    if (p.decision === "remove") {
      await this.deps.events.emit(t, "message.removed", { message: toPublic(after), by, ...(p.ban ? { reason: p.ban.reason } : {}) });
      // A filter (or a flag) raised it, a person decided. A message held silently (a shadow ban,
      // onHit "shadow") looked published to its author: telling them would give the silence away.
      // A removal following a report of illegal content is on the ground of the law (SPEC §9.3),
      // in the category the reporter named.
      const report = entry.kind === "report" ? entry.reasons.find((r) => r.kind === "report") : undefined;
      await this.notices?.notify(tenant, after.author.id, {
        kind: "message_removed", source: report ? "report" : "manager", automated: { detection: entry.kind === "filter", decision: false },
        category: categoryOfReasons(report ? [report] : entry.reasons), message: after, silent: after.shadow === true, by,
        ...(report ? { ground: "illegal" as const } : {}), ...(p.ban ? { reason: p.ban.reason } : {}),
        // The time to action of a removal following reports runs from the first one (SPEC §9.4).
        ...(decided.length ? { reportedAt: Math.min(...decided.map((r) => r.at)) } : {}),
      });
    }

    if (p.ban) {
      await this.sanctions.ban(tenant, actor, { userId: after.author.id, reason: p.ban.reason, ...(p.ban.durationSec ? { durationSec: p.ban.durationSec } : {}) });
    }
    return { message: toPublic(after) };
  }

  /**
   * Takes a message out of the queue because it was deleted some other way (room:clear), telling
   * the feed so other managers' screens drop it. Returns whether it was queued. Nothing is
   * released: a cleared message was on its timeline, which is where clearing found it.
   */
  async drop(tenant: TenantRuntime, actor: Author, message: StoredMessage): Promise<boolean> {
    if (!(await this.deps.stores.queue.queueTake(tenant.id, message.id))) return false;
    this.deps.broadcaster.toAdmins(tenant.id, message.room, "queue:resolved", { messageId: message.id, decision: "remove", by: { ...actor } });
    await this.decideReports(tenant.id, message.id, "removed");
    return true;
  }

  /**
   * SPEC §9.3: the decision on a message is the decision on the reports open on it. The message's
   * fate is settled already: a failure here is logged, never thrown over it.
   */
  private async decideReports(tenant: string, messageId: string, decision: "removed" | "kept"): Promise<readonly { at: number }[]> {
    return (await this.reports?.decide(tenant, messageId, decision).catch((err: unknown) => {
      this.deps.logger.warn({ err, tenant, messageId }, "could not decide the reports on a message");
      return [];
    })) ?? [];
  }

  /**
   * message:delete of a message that awaits review is that review's decision: takes it out of
   * the queue as `drop` does, upholds its flaggers exactly as queue:resolve "remove" does, then
   * releases it (after the scoring, which reads its flags; even if the scoring failed, as in
   * `resolve`). Returns the flaggers upheld, or undefined when it was not queued.
   */
  async removeDeleted(tenant: TenantRuntime, actor: Author, message: StoredMessage): Promise<string[] | undefined> {
    if (!(await this.drop(tenant, actor, message))) return undefined;
    try {
      return await this.scoreFlaggers(tenant.id, message.id, "remove");
    } finally {
      await this.release(tenant, message);
    }
  }

  /**
   * The review of a message taken from the queue is over: one kept only for it, having fallen
   * off its room's timeline meanwhile, is forgotten now (ReviewQueueStore.releaseReviewed). Clean-up only:
   * a failure is logged, never thrown over the decision that was already applied.
   */
  private async release(tenant: TenantRuntime, message: StoredMessage): Promise<void> {
    await this.deps.stores.queue.releaseReviewed(tenant.id, message.room, message.id).catch((err: unknown) => {
      this.deps.logger.warn({ err, tenant: tenant.id, messageId: message.id }, "could not release a reviewed message");
    });
  }

  /**
   * SPEC §6.3: a manager's decision scores everyone who flagged the message, upheld on removal
   * and overturned on approval (members:candidates and user:inspect read these counters).
   * Only the flags this decision judges count: those an earlier approval spent were scored then.
   * `flags` are those flags when the caller already has them. Returns the distinct flaggers.
   */
  private async scoreFlaggers(t: string, messageId: string, decision: Decision, flags?: Flag[]): Promise<string[]> {
    const { stores } = this.deps;
    const judged = flags ?? await stores.flags.getFlags(t, messageId, { sinceReset: true });
    const flaggers = [...new Set(judged.map((f) => f.by.id))];
    await Promise.all(flaggers.map((id) => stores.people.bumpUser(t, id, decision === "remove" ? "flagsUpheld" : "flagsOverturned")));
    return flaggers;
  }
}

/**
 * Wrapping the store's cursor lets this service tell its own cursors apart and refuse anything
 * else, as `audit:list` does; the store then refuses a well-wrapped cursor whose inside it did not
 * issue (same `invalid_payload`), so a mangled cursor never restarts at page one.
 */
const CURSOR_TAG = "q1";

function encodeQueueCursor(storeCursor: string): string {
  return encodeCursor({ v: CURSOR_TAG, c: storeCursor });
}

function decodeQueueCursor(cursor: string): string {
  const v = decodeCursor(cursor);
  if (v.v !== CURSOR_TAG || typeof v.c !== "string" || !v.c) refuseCursor();
  return v.c;
}
