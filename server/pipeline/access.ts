import type { Ban, IpBlock, Mute } from "../../client-sdk/src/protocol.ts";
import { isStaff } from "../contracts/session.ts";
import { CausetteError } from "../errors.ts";
import { allReady, type MaybePromise } from "../maybe-promise.ts";
import type { MessageStore } from "../store/messages/message-store.ts";
import type { SanctionStore } from "../store/sanctions/sanction-store.ts";
import type { SendContext, Stage, Verdict } from "./stage.ts";

/** Who may post here at all: IP block, ban, mute, frozen room, restricted answers, bots (SPEC §6.1.2). */
export function createAccessStage(stores: { sanctions: SanctionStore; messages: MessageStore }): Stage {
  const { sanctions, messages } = stores;
  return {
    name: "access",
    run(ctx) {
      const { session, tenant, now } = ctx;
      // The embedded store answers at once; a shared one is asked all three together.
      return allReady<[IpBlock | undefined, Ban | null, Mute | null], Verdict | undefined>([
        () => tenant.ipBlock(session.ip, now),
        () => sanctions.getBan(tenant.id, session.user.id, now),
        () => sanctions.getMute(tenant.id, session.user.id, now),
      ], (block, ban, mute) => judge(messages, ctx, block, ban, mute));
    },
  };
}

function judge(messages: MessageStore, ctx: SendContext, block: IpBlock | undefined, ban: Ban | null, mute: Mute | null): MaybePromise<Verdict | undefined> {
  const { session, room, now } = ctx;
  if (block) return { refuse: new CausetteError("ip_blocked", undefined, block.until ? { until: block.until } : undefined) };
  if (ban && !ban.shadow) return { refuse: new CausetteError("banned", ban.reason ? `You are banned: ${ban.reason}` : undefined, ban.until ? { until: ban.until } : undefined) };
  if (ban?.shadow) ctx.shadowBan = ban;
  if (mute) return { refuse: new CausetteError("muted", undefined, { until: mute.until, retryAfterMs: mute.until - now }) };
  const role = session.user.role;
  if (room.frozen && role !== "manager") return { refuse: new CausetteError("room_frozen") };
  if (ctx.replyTo !== undefined) {
    if (room.contribution === "restricted" && !isStaff(role)) return { refuse: new CausetteError("answers_restricted") };
    return checkParent(messages, ctx, ctx.replyTo);
  }
  return refuseBots(ctx);
}

/**
 * Only a message the sender can see may be answered: a published one, or their own held (or
 * shadow-held) one. Anything else answers as missing: another code would tell the sender that a
 * message they cannot see exists.
 */
async function checkParent(messages: MessageStore, ctx: SendContext, replyTo: string): Promise<Verdict | undefined> {
  const { tenant, session, room } = ctx;
  const parent = await messages.getMessage(tenant.id, replyTo);
  const seen = parent?.status === "visible" || (parent?.status === "held" && parent.author.id === session.user.id);
  if (!parent || parent.room !== room.id || !seen) return { refuse: new CausetteError("not_found", "The message you reply to does not exist.") };
  return refuseBots(ctx);
}

function refuseBots(ctx: SendContext): Verdict | undefined {
  return ctx.session.device.bot ? { refuse: new CausetteError("forbidden", "Automated clients may read but not post.") } : undefined;
}
