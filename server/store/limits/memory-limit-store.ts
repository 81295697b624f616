import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createMemorySpamWindow } from "../../filters/memory-spam-window.ts";
import type { SpamCount } from "../../filters/types.ts";
import type { MaybePromise } from "../../maybe-promise.ts";
import { PerTenant } from "../per-tenant.ts";
import type { LimitStore } from "./limit-store.ts";
import { createMemoryTokenBucket, type MemoryTokenBucket, type TokenBucket, type TokenBucketOptions, type TokenBucketPair } from "./token-bucket.ts";

/** The embedded limits: one process's connection counts, limiters, buckets and spam windows (these answer at once). */
export class MemoryLimitStore implements LimitStore {
  private readonly connections = new Map<string, number>();
  private readonly spam = new PerTenant(createMemorySpamWindow);
  private readonly tenantBuckets = new Map<string, MemoryTokenBucket>();

  constructor(private readonly now: () => number = Date.now) {}

  async acquireConnection(_nodeId: string, ip: string, limit: number) {
    const n = this.connections.get(ip) ?? 0;
    if (n >= limit) return false;
    this.connections.set(ip, n + 1);
    return true;
  }

  async releaseConnection(_nodeId: string, ip: string) {
    const n = (this.connections.get(ip) ?? 0) - 1;
    if (n <= 0) this.connections.delete(ip); else this.connections.set(ip, n);
  }

  createRateLimiter(opts: { keyPrefix: string; points: number; durationSec: number }): RateLimiterAbstract {
    return new RateLimiterMemory({ keyPrefix: opts.keyPrefix, points: opts.points, duration: opts.durationSec });
  }

  createTokenBucket(opts: TokenBucketOptions): TokenBucket {
    return this.bucket(opts);
  }

  createTokenBucketPair(a: TokenBucketOptions, b: TokenBucketOptions): TokenBucketPair {
    // As on Redis, where one script needs both buckets in the tenant's slot.
    if (a.tenant === undefined || a.tenant !== b.tenant) throw new Error("a token bucket pair needs both buckets of one tenant");
    const first = this.bucket(a), second = this.bucket(b);
    return { take: (ka, kb) => [first.take(ka), second.take(kb)] };
  }

  /**
   * A tenant's bucket is one state however many times it is asked for, as its Redis keys are one
   * state (`T tb:<prefix>:<key>`): a single bucket and a pair over the same options count together.
   */
  private bucket(opts: TokenBucketOptions): MemoryTokenBucket {
    if (opts.tenant === undefined) return createMemoryTokenBucket(opts, this.now);
    const name = `${opts.tenant}\u0000${opts.keyPrefix}`;
    let b = this.tenantBuckets.get(name);
    if (b === undefined) this.tenantBuckets.set(name, b = createMemoryTokenBucket(opts, this.now));
    return b;
  }

  recordText(tenant: string, key: string, member: string, windowMs: number, now: number): MaybePromise<SpamCount> {
    return this.spam.of(tenant).record(key, member, windowMs, now);
  }

  recordTexts(tenant: string, keys: readonly [string, string], member: string, windowMs: number, now: number): MaybePromise<[SpamCount, SpamCount]> {
    return this.spam.of(tenant).recordPair(keys, member, windowMs, now);
  }

  /**
   * The embedded window keeps hashes in a ring with no way to pick one member's records out, so
   * the tenant's window starts afresh: what it forgets of others costs at most one more repeat
   * let through within a window's length.
   */
  async forgetSpamOf(tenant: string, _userId: string) {
    this.spam.drop(tenant);
  }
}
