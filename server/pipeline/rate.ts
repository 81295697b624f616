import { RateLimiterRes } from "rate-limiter-flexible";
import { isStaff } from "../chat/session.ts";
import { CausetteError } from "../errors.ts";
import type { Stage } from "./stage.ts";

/** Per-user token bucket, then per-room slow mode (staff are exempt from slow mode, as on Twitch). */
export function createRateStage(): Stage {
  return {
    name: "rate",
    async run(ctx) {
      const { tenant, session, room } = ctx;
      const waitMs = await tenant.rateLimiter.take(session.user.id);
      if (waitMs > 0) return { refuse: new CausetteError("rate_limited", undefined, { retryAfterMs: waitMs }) };
      if (room.slowModeSec > 0 && !isStaff(session.user.role)) {
        try {
          await tenant.slowLimiter(room.slowModeSec).consume(`${room.id}\u0000${session.user.id}`);
        } catch (e) {
          if (e instanceof RateLimiterRes) return { refuse: new CausetteError("slow_mode", `Slow mode: one message every ${room.slowModeSec} s.`, { retryAfterMs: e.msBeforeNext }) };
          throw e;
        }
      }
      return undefined;
    },
  };
}
