import type { MaybePromise } from "../../maybe-promise.ts";

/**
 * A per-key token bucket: `capacity` tokens at most, refilled continuously at `perSecond`.
 *
 * Why not rate-limiter-flexible here: its limiters are fixed windows, and its documented
 * "bursty" recipe sums two windows, which let a user post burst + 1 messages at once and then
 * close to twice the sustained rate. Shoppers are promised "a burst of N, then one every 1/r s",
 * so the bucket is exact. rate-limiter-flexible still serves the fixed-window limits (slow mode).
 */
export interface TokenBucketOptions {
  keyPrefix: string;
  capacity: number;
  perSecond: number;
  /**
   * The tenant whose buckets these are: on Redis their keys then share the tenant's hash tag (one
   * Redis Cluster slot), so two of its buckets can be taken from in one step (TokenBucketPair).
   */
  tenant?: string;
}

export interface TokenBucket {
  /** Takes one token for `key`: 0 when granted, else the ms until one is back (at once in memory). */
  take(key: string): MaybePromise<number>;
}

/**
 * Two buckets taken from together, each with its own key: what a guest's message spends (its
 * own bucket and its network's). Both always spend, as two separate `take`s would.
 */
export interface TokenBucketPair {
  /** The ms to wait for each bucket (0: granted), in the buckets' order. */
  take(keyA: string, keyB: string): MaybePromise<readonly [number, number]>;
}

/** Bucket state: tokens left (fractional) at time `at` (ms). */
export interface BucketState { tokens: number; at: number }

/**
 * The bucket arithmetic, shared by the in-memory bucket (and mirrored by the Redis Lua script):
 * refill for the time elapsed, then take one token or say how long until one is back.
 */
export function takeToken(state: BucketState | undefined, now: number, capacity: number, perMs: number): { state: BucketState; waitMs: number } {
  let tokens = state ? state.tokens : capacity;
  const at = state ? state.at : now;
  // A clock that went backwards refills nothing rather than draining the bucket.
  if (now > at) tokens = Math.min(capacity, tokens + (now - at) * perMs);
  if (tokens >= 1) return { state: { tokens: tokens - 1, at: Math.max(now, at) }, waitMs: 0 };
  return { state: { tokens, at: Math.max(now, at) }, waitMs: Math.max(1, Math.ceil((1 - tokens) / perMs)) };
}

/** A bucket in this process: it answers at once. */
export interface MemoryTokenBucket extends TokenBucket {
  take(key: string): number;
}

/** Forget buckets that have refilled completely (they equal a missing key) at most this often. */
const SWEEP_EVERY_MS = 60_000;

/** One process's buckets; also the insurance bucket a Redis-backed node falls back to during an outage. */
export function createMemoryTokenBucket(opts: TokenBucketOptions, now: () => number = Date.now): MemoryTokenBucket {
  const buckets = new Map<string, BucketState>();
  const perMs = opts.perSecond / 1000;
  const fullAfterMs = opts.capacity / perMs;
  let lastSweep = now();
  return {
    take(key) {
      const t = now();
      if (t - lastSweep > SWEEP_EVERY_MS) {
        lastSweep = t;
        for (const [k, s] of buckets) if (t - s.at >= fullAfterMs) buckets.delete(k);
      }
      const kept = buckets.get(key);
      const { state, waitMs } = takeToken(kept, t, opts.capacity, perMs);
      // Updated in place: a new state per message lived until its user's next one (half a second
      // at the bench's rate), long enough for the young-generation GC to copy it, every time.
      if (kept) {
        kept.tokens = state.tokens;
        kept.at = state.at;
      } else {
        buckets.set(key, state);
      }
      return waitMs;
    },
  };
}
