import type { Appeal, Author, Notice } from "../../client-sdk/src/protocol.ts";
import { toPublic } from "../chat/public-message.ts";
import { CausetteError } from "../errors.ts";
import { newId } from "../ids.ts";
import { decodeCursor, encodeCursor, refuseCursor } from "../opaque-cursor.ts";
import type { TenantRuntime } from "../tenants/tenant-runtime.ts";
import type { ModerationDepsWith } from "./moderation-deps.ts";
import { usersAppeal, usersCopy } from "./notice-service.ts";
import type { ReviewQueue } from "./review-queue.ts";
import type { Sanctions } from "./sanctions.ts";

/**
 * Appeals (SPEC §9.2, DSA Art. 20): a user contests one of their notices once, until its
 * `appealUntil`; a manager upholds or reverses, never the machine. Reversing undoes the
 * restriction: the message is published again, the ban or mute lifted.
 */
export class AppealService {
  constructor(
    private readonly deps: ModerationDepsWith<"appeals" | "notices" | "messages" | "flags">,
    private readonly sanctions: Pick<Sanctions, "unban" | "unmute">,
    private readonly queue: Pick<ReviewQueue, "resolve">,
  ) {}

  /** The user's appeal of their own notice: `not_found` for anyone else's, `forbidden` after the deadline or a second time. */
  async create(tenant: TenantRuntime, user: Author, p: { noticeId: string; text: string }): Promise<{ appeal: Appeal }> {
    const { stores, audit, events } = this.deps;
    const kept = await stores.notices.getNotice(tenant.id, user.id, p.noticeId);
    if (!kept) throw new CausetteError("not_found", "You have no such notice.");
    const notice = usersCopy(kept);
    const now = Date.now();
    if (notice.appealUntil === undefined || now > notice.appealUntil) throw new CausetteError("forbidden", "The time to appeal this decision has passed.");
    const appeal: Appeal = { id: newId("ap_"), noticeId: notice.id, userId: user.id, text: p.text, status: "open", at: now, notice };
    if (kept.by) appeal.restrictedBy = kept.by;
    if (!(await stores.appeals.addAppeal(tenant.id, appeal))) throw new CausetteError("forbidden", "You have already appealed this decision.");
    await audit.record(tenant.id, { ...user }, "appeal.created", { appealId: appeal.id, noticeId: notice.id, userId: user.id, kind: notice.kind });
    await events.emit(tenant.id, "appeal.created", { appeal });
    // Addition: managers' screens list it at once (ban appeals concern no room: the whole feed).
    this.deps.broadcaster.toAdmins(tenant.id, notice.room, "appeal:created", appeal);
    return { appeal: usersAppeal(appeal) };
  }

  async list(tenant: TenantRuntime, p: { status?: "open" | "closed"; limit?: number; cursor?: string }): Promise<{ appeals: Appeal[]; cursor?: string }> {
    const limit = p.limit ?? 50;
    const offset = p.cursor === undefined ? 0 : decodeOffset(p.cursor);
    const appeals = await this.deps.stores.appeals.listAppeals(tenant.id, { ...(p.status ? { status: p.status } : {}), limit, offset });
    return appeals.length === limit ? { appeals, cursor: encodeCursor({ v: CURSOR_TAG, o: offset + limit }) } : { appeals };
  }

  async resolve(tenant: TenantRuntime, actor: Author, p: { appealId: string; decision: "uphold" | "reverse"; note: string }): Promise<{ appeal: Appeal }> {
    const { stores, broadcaster, audit, events } = this.deps;
    const res = await stores.appeals.decideAppeal(tenant.id, p.appealId, {
      status: p.decision === "reverse" ? "reversed" : "upheld", note: p.note, decidedAt: Date.now(), decidedBy: { ...actor },
    });
    if (!res) throw new CausetteError("not_found");
    if (!res.decided) throw new CausetteError("conflict", "This appeal has already been decided.");
    const { appeal } = res;
    if (appeal.status === "reversed") await this.undo(tenant, actor, appeal.userId, appeal.notice);
    broadcaster.toUser(tenant.id, appeal.userId, "appeal:resolved", usersAppeal(appeal));
    broadcaster.toAdmins(tenant.id, appeal.notice.room, "appeal:resolved", appeal);
    await audit.record(tenant.id, actor, "appeal.resolved", { appealId: appeal.id, noticeId: appeal.noticeId, userId: appeal.userId, decision: p.decision }, p.note);
    await events.emit(tenant.id, "appeal.resolved", { appeal });
    return { appeal };
  }

  /** Undoes what a notice told of. A restriction that has ended meanwhile (a ban expired) is left as it is. */
  private async undo(tenant: TenantRuntime, actor: Author, userId: string, notice: Notice): Promise<void> {
    if (notice.kind === "banned") await ended(this.sanctions.unban(tenant, actor, userId));
    else if (notice.kind === "muted") await ended(this.sanctions.unmute(tenant, actor, userId));
    // A rejected message was never stored: the user may simply post it again.
    else if (notice.messageId && notice.kind !== "message_rejected") await this.restore(tenant, actor, notice.messageId);
  }

  /** Publishes a hidden or removed message again: a queued one by approving it (its flaggers are then overturned). */
  private async restore(tenant: TenantRuntime, actor: Author, messageId: string): Promise<void> {
    const { stores, broadcaster } = this.deps;
    const t = tenant.id;
    const m = await stores.messages.getMessage(t, messageId);
    if (!m || m.status === "visible") return;
    if (m.status !== "deleted") {
      const approved = await this.queue.resolve(tenant, actor, { messageId, decision: "approve" }).then(() => true, () => false);
      if (approved) return;
    }
    // Old flags must stop counting, or one more report would hide it again at once.
    await stores.flags.resetFlagCount(t, messageId);
    const after = await stores.messages.setMessageStatus(t, messageId, "visible", ["deleted", "hidden", "held"]);
    if (after) broadcaster.toRoom(t, after.room, "message:restored", toPublic(after));
  }
}

/** `not_found` from an unban or unmute means the restriction is over already: nothing to undo. */
async function ended(p: Promise<void>): Promise<void> {
  await p.catch((err: unknown) => {
    if (!(err instanceof CausetteError && err.code === "not_found")) throw err;
  });
}

const CURSOR_TAG = "ap1";

function decodeOffset(cursor: string): number {
  const v = decodeCursor(cursor);
  if (v.v !== CURSOR_TAG || typeof v.o !== "number" || !Number.isSafeInteger(v.o) || v.o < 0) refuseCursor();
  return v.o;
}
