import { RateLimiterRes } from "rate-limiter-flexible";
import { isStaff } from "../contracts/session.ts";
import { CausetteError } from "../errors.ts";
import { whenReady, type MaybePromise } from "../maybe-promise.ts";
import type { SendContext, Stage, Verdict } from "./stage.ts";

/**
 * Per-user token bucket; for guests, also the bucket of their client IP (guest ids cost nothing,
 * so per user alone would bound nothing); then per-room slow mode (staff are exempt from slow
 * mode, as on Twitch).
 */
export function createRateStage(): Stage {
  return {
    name: "rate",
    run(ctx) {
      const { tenant, session } = ctx;
      if (session.user.role !== "guest") return whenReady(tenant.limits.messages.take(session.user.id), (waitMs) => afterBuckets(ctx, waitMs, 0));
      // Both buckets in one step (one script on Redis): a guest's attempt the user bucket
      // refuses still spends from its IP's budget, which guests of one IP share anyway.
      return whenReady(tenant.limits.guestMessage.take(session.user.id, session.ip), ([userWaitMs, ipWaitMs]) => afterBuckets(ctx, userWaitMs, ipWaitMs));
    },
  };
}

/** The buckets' answers, then slow mode for everyone below staff. */
function afterBuckets(ctx: SendContext, userWaitMs: number, ipWaitMs: number): MaybePromise<Verdict | undefined> {
  if (userWaitMs > 0) return { refuse: new CausetteError("rate_limited", undefined, { retryAfterMs: userWaitMs }) };
  if (ipWaitMs > 0) return { refuse: new CausetteError("rate_limited", "Too many guest messages from your network, slow down.", { retryAfterMs: ipWaitMs }) };
  const { room, session } = ctx;
  return room.slowModeSec > 0 && !isStaff(session.user.role) ? slowMode(ctx) : undefined;
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
