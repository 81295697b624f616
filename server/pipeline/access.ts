import type { Ban, EvasionLink, IpBlock, Mute } from "../../client-sdk/src/protocol.ts";
import { isStaff } from "../contracts/session.ts";
import { CausetteError } from "../errors.ts";
import { allReady, type MaybePromise } from "../maybe-promise.ts";
import type { EvasionStore } from "../store/evasion/evasion-store.ts";
import type { MessageStore } from "../store/messages/message-store.ts";
import type { UserSanctions } from "../store/sanctions/sanction-store.ts";
import type { SendContext, Stage, Verdict } from "./stage.ts";

const NO_LINKS: readonly EvasionLink[] = [];

/**
 * Who may post here at all: IP block, ban, mute, frozen room, restricted answers, bots (SPEC
 * §6.1.2); and what holds whatever the filters say (SPEC §10): a shielded room (guests refused,
 * members held) and an account linked to a banned one (`moderation.evasion.action: "hold"`).
 */
export function createAccessStage(stores: { messages: MessageStore; evasion: Pick<EvasionStore, "links"> }): Stage {
  const { messages, evasion } = stores;
  return {
    name: "access",
    run(ctx) {
      const { session, tenant, now } = ctx;
      const watchEvasion = tenant.config.moderation.evasion.action === "hold" && !isStaff(session.user.role);
      // The embedded store answers at once; a shared one is asked all of them together.
      return allReady<[IpBlock | undefined, UserSanctions, readonly EvasionLink[]], Verdict | undefined>([
        () => tenant.ipBlock(session.ip, now),
        () => tenant.sanctionsOf(session.user.id, now),
        () => (watchEvasion ? evasion.links(tenant.id, session.user.id) : NO_LINKS),
      ], (block, { ban, mute }, links) => judge(messages, ctx, block, ban, mute, links));
    },
  };
}

function judge(messages: MessageStore, ctx: SendContext, block: IpBlock | undefined, ban: Ban | null, mute: Mute | null, links: readonly EvasionLink[]): MaybePromise<Verdict | undefined> {
  const { session, room, now } = ctx;
  if (block) return { refuse: new CausetteError("ip_blocked", undefined, block.until ? { until: block.until } : undefined) };
  if (ban && !ban.shadow) return { refuse: new CausetteError("banned", ban.reason ? `You are banned: ${ban.reason}` : undefined, ban.until ? { until: ban.until } : undefined) };
  if (ban?.shadow) ctx.shadowBan = ban;
  if (mute) return { refuse: new CausetteError("muted", undefined, { until: mute.until, retryAfterMs: mute.until - now }) };
  const role = session.user.role;
  if (room.frozen && role !== "manager") return { refuse: new CausetteError("room_frozen") };
  if (room.shield && !isStaff(role)) {
    if (role === "guest") return { refuse: new CausetteError("shielded") };
    (ctx.holds ??= []).push({ kind: "shield", detail: "shield" });
  }
  for (const l of links) if (l.side === "evades") { (ctx.holds ??= []).push({ kind: "evasion", detail: l.userId }); break; }
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
