import { budgetKeyOf } from "../auth/client-ip.ts";
import type { TenantConfig } from "../config/schema.ts";
import type { LimitStore } from "../store/limits/limit-store.ts";
import type { MaybePromise } from "../maybe-promise.ts";
import type { TokenBucket, TokenBucketOptions } from "../store/limits/token-bucket.ts";

/** A guest's flag on one message counts once per client IP within this window. */
const GUEST_FLAG_WINDOW_SEC = 24 * 3600;

/**
 * A tenant's limits beyond the per-user message bucket, for what costs an anonymous visitor
 * nothing: guest ids, guests' messages, flags. Every bucket lives where the store's state lives,
 * so on Redis one IP has one budget across the cluster. Keys are a client IP as the handshake
 * resolved it, or a user id. A per-IP bucket counts per network (an IPv6 /64, see budgetKeyOf):
 * a sender holding a whole /64 gets one budget, not 2^64.
 */
export interface TenantLimits {
  /** Every user's message bucket: `burst` at once, then `perSecond` sustained, on every node. */
  readonly messages: TokenBucket;
  /** New guest ids minted, per client IP. */
  readonly guestsPerIp: TokenBucket;
  /**
   * A guest's message spends from its own message bucket (`messages`, the same state) and from
   * the bucket of its client IP's network, which the guests of one network share, in one step
   * (one script on Redis): the ms to wait for each, 0 when granted.
   */
  readonly guestMessage: { take(userId: string, ip: string): MaybePromise<readonly [number, number]> };
  /** Flags per user. */
  readonly flagsPerUser: TokenBucket;
  /** Flags per client IP. */
  readonly flagsPerIp: TokenBucket;
  /** One guest flag per message and client IP per day (key: `messageId`, NUL, ip), so guests' flags count networks. */
  readonly guestFlagPerMessageIp: TokenBucket;
  /** SPEC §9.3: reports of illegal content per client IP, whichever door they come through. */
  readonly reportsPerIp: TokenBucket;
}

export function createTenantLimits(config: TenantConfig, store: Pick<LimitStore, "createTokenBucket" | "createTokenBucketPair">): TenantLimits {
  const t = config.id;
  const r = config.rateLimit;
  const perMinute = (b: { burst: number; perMinute: number }) => ({ capacity: b.burst, perSecond: b.perMinute / 60 });
  const perNetwork = (bucket: TokenBucket): TokenBucket => ({ take: (ip) => bucket.take(budgetKeyOf(ip)) });
  const messages: TokenBucketOptions = { keyPrefix: "rl", tenant: t, capacity: r.burst, perSecond: r.perSecond };
  const guestMessage = store.createTokenBucketPair(messages,
    { keyPrefix: "gmip", tenant: t, capacity: r.guestMessagesPerIp.burst, perSecond: r.guestMessagesPerIp.perSecond });
  return {
    messages: store.createTokenBucket(messages),
    guestsPerIp: perNetwork(store.createTokenBucket({ keyPrefix: `gip:${t}`, ...perMinute(r.guestsPerIp) })),
    guestMessage: { take: (userId, ip) => guestMessage.take(userId, budgetKeyOf(ip)) },
    flagsPerUser: store.createTokenBucket({ keyPrefix: `fl:${t}`, ...perMinute(r.flags) }),
    flagsPerIp: perNetwork(store.createTokenBucket({ keyPrefix: `flip:${t}`, ...perMinute(r.flagsPerIp) })),
    guestFlagPerMessageIp: store.createTokenBucket({ keyPrefix: `gfl:${t}`, capacity: 1, perSecond: 1 / GUEST_FLAG_WINDOW_SEC }),
    reportsPerIp: perNetwork(store.createTokenBucket({ keyPrefix: `rpip:${t}`, ...perMinute(r.reportsPerIp) })),
  };
}
