import { isStaff } from "../chat/session.ts";
import { CausetteError } from "../errors.ts";
import type { Store } from "../store/store.ts";
import type { Stage } from "./stage.ts";

/** Who may post here at all: IP block, ban, mute, frozen room, restricted answers, bots (SPEC §6.1.2). */
export function createAccessStage(store: Store): Stage {
  return {
    name: "access",
    async run(ctx) {
      const { session, tenant, room, now } = ctx;
      const [block, ban, mute] = await Promise.all([
        tenant.ipBlock(session.ip, now),
        store.getBan(tenant.id, session.user.id, now),
        store.getMute(tenant.id, session.user.id, now),
      ]);
      if (block) return { refuse: new CausetteError("ip_blocked", undefined, block.until ? { until: block.until } : undefined) };
      if (ban && !ban.shadow) return { refuse: new CausetteError("banned", ban.reason ? `You are banned: ${ban.reason}` : undefined, ban.until ? { until: ban.until } : undefined) };
      if (ban?.shadow) ctx.shadowBan = ban;
      if (mute) return { refuse: new CausetteError("muted", undefined, { until: mute.until, retryAfterMs: mute.until - now }) };
      const role = session.user.role;
      if (room.frozen && role !== "manager") return { refuse: new CausetteError("room_frozen") };
      if (ctx.replyTo !== undefined) {
        if (room.contribution === "restricted" && !isStaff(role)) return { refuse: new CausetteError("answers_restricted") };
        const parent = await store.getMessage(tenant.id, ctx.replyTo);
        // Only a message the sender can see may be answered: a published one, or their own held (or
        // shadow-held) one. Anything else answers as missing: another code would tell the sender
        // that a message they cannot see exists.
        const seen = parent?.status === "visible" || (parent?.status === "held" && parent.author.id === session.user.id);
        if (!parent || parent.room !== room.id || !seen) return { refuse: new CausetteError("not_found", "The message you reply to does not exist.") };
      }
      if (session.device.bot) return { refuse: new CausetteError("forbidden", "Automated clients may read but not post.") };
      return undefined;
    },
  };
}
