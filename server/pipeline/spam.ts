import { whenReady } from "../maybe-promise.ts";
import { normalizedText, type Stage } from "./stage.ts";

/** Spam: repeats, raids and floods, in a window shared by every node (SPEC §6.1.4). */
export function createSpamStage(): Stage {
  return {
    name: "spam",
    run(ctx) {
      const { tenant } = ctx;
      const hit = tenant.spam.check({
        room: ctx.room.id, userId: ctx.session.user.id, text: ctx.text, now: ctx.now,
        norm: normalizedText(ctx),
      });
      return whenReady(hit, (h) => (h ? { hits: [h] } : undefined));
    },
  };
}
