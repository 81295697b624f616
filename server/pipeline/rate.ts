import { RateLimiterRes } from "rate-limiter-flexible";
import { isStaff } from "../contracts/session.ts";
import { CausetteError } from "../errors.ts";
import { whenReady } from "../maybe-promise.ts";
import type { SendContext, Stage, Verdict } from "./stage.ts";

/** Per-user token bucket, then per-room slow mode (staff are exempt from slow mode, as on Twitch). */
export function createRateStage(): Stage {
  return {
    name: "rate",
    run(ctx) {
      return whenReady(ctx.tenant.rateLimiter.take(ctx.session.user.id), (waitMs) => {
        if (waitMs > 0) return { refuse: new CausetteError("rate_limited", undefined, { retryAfterMs: waitMs }) };
        const { room, session } = ctx;
        return room.slowModeSec > 0 && !isStaff(session.user.role) ? slowMode(ctx) : undefined;
      });
    },
  };
}

/** Slow mode: one message per `slowModeSec` per user and room (rate-limiter-flexible's fixed window). */
async function slowMode(ctx: SendContext): Promise<Verdict | undefined> {
  const { tenant, room, session } = ctx;
  try {
    await tenant.slowLimiter(room.slowModeSec).consume(`${room.id}\u0000${session.user.id}`);
    return undefined;
  } catch (e) {
    if (e instanceof RateLimiterRes) return { refuse: new CausetteError("slow_mode", `Slow mode: one message every ${room.slowModeSec} s.`, { retryAfterMs: e.msBeforeNext }) };
    throw e;
  }
}
