import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { SpamCount, SpamWindow } from "../../filters/types.ts";
import type { MaybePromise } from "../../maybe-promise.ts";
import type { TokenBucket, TokenBucketOptions, TokenBucketPair } from "./token-bucket.ts";

/**
 * Limits whose counters live where the store's state lives (cluster-wide on Redis): the per-IP
 * connection cap, rate limiters, token buckets and the spam stage's sliding windows.
 */
export interface LimitStore extends SpamWindowStore {
  /**
   * Takes a connection slot for `ip` when fewer than `limit` are held; false when full. Not
   * tenant-scoped: the cap protects the service.
   */
  acquireConnection(nodeId: string, ip: string, limit: number): Promise<boolean>;
  releaseConnection(nodeId: string, ip: string): Promise<void>;
  /** A rate-limiter-flexible limiter whose counters live where this store's state lives. */
  createRateLimiter(opts: { keyPrefix: string; points: number; durationSec: number }): RateLimiterAbstract;
  /** A token bucket whose state lives where this store's state lives (cluster-wide on Redis). */
  createTokenBucket(opts: TokenBucketOptions): TokenBucket;
  /** Two buckets of one tenant (both options name it) taken from in one step: one script on Redis. */
  createTokenBucketPair(a: TokenBucketOptions, b: TokenBucketOptions): TokenBucketPair;
}

/** The spam stage's sliding window (see filters/types.ts), keyed per tenant; answers at once on the embedded store. */
export interface SpamWindowStore {
  recordText(tenant: string, key: string, member: string, windowMs: number, now: number): MaybePromise<SpamCount>;
  /** recordText under both keys in one step (one script on Redis: both share the tenant's slot); counts in the keys' order. */
  recordTexts(tenant: string, keys: readonly [string, string], member: string, windowMs: number, now: number): MaybePromise<[SpamCount, SpamCount]>;
  /**
   * SPEC §9.5 erasure: the user's entries leave the tenant's spam windows. (They would leave by
   * themselves within a window's length; an erasure does not wait.)
   */
  forgetSpamOf(tenant: string, userId: string): Promise<void>;
}

/** Adapts the store to the filter engine's tenant-less SpamWindow. */
export function spamWindowFor(store: SpamWindowStore, tenant: string): SpamWindow {
  return {
    record: (key, member, windowMs, now) => store.recordText(tenant, key, member, windowMs, now),
    recordPair: (keys, member, windowMs, now) => store.recordTexts(tenant, keys, member, windowMs, now),
  };
}
