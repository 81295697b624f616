import { beforeEach, describe, expect, it } from "vitest";
import { RateLimiterRes } from "rate-limiter-flexible";
import type { Stores } from "../../../server/store/stores.ts";
import { until } from "../../support/wait.ts";
import { A, B, T0 } from "./fixtures.ts";

/** The limit port: the per-IP connection cap, spam windows, rate limiters and token buckets. */
export function limitContract(current: () => Stores): void {
  let stores: Stores;
  beforeEach(() => { stores = current(); });

  describe("connections, spam window, rate limits", () => {
    it("caps connections per IP across node ids", async () => {
      expect(await stores.limits.acquireConnection("n1", "10.0.0.1", 2)).toBe(true);
      expect(await stores.limits.acquireConnection("n2", "10.0.0.1", 2)).toBe(true);
      expect(await stores.limits.acquireConnection("n1", "10.0.0.1", 2)).toBe(false);
      expect(await stores.limits.acquireConnection("n1", "10.0.0.2", 2)).toBe(true);
      await stores.limits.releaseConnection("n2", "10.0.0.1");
      expect(await stores.limits.acquireConnection("n1", "10.0.0.1", 2)).toBe(true);
      expect(await stores.limits.acquireConnection("n2", "10.0.0.1", 2)).toBe(false);
    });

    it("grants exactly the limit to racing connections", async () => {
      const res = await Promise.all(Array.from({ length: 20 }, (_, i) => stores.limits.acquireConnection(`n${i % 3}`, "2001:db8::7", 5)));
      expect(res.filter(Boolean)).toHaveLength(5);
    });

    it("counts records and distinct members inside a sliding window", async () => {
      const w = 10_000;
      expect(await stores.limits.recordText(A, "repeat:u1", "hello", w, T0)).toStrictEqual({ count: 1, distinct: 1 });
      expect(await stores.limits.recordText(A, "repeat:u1", "hello", w, T0 + 1)).toStrictEqual({ count: 2, distinct: 1 });
      expect(await stores.limits.recordText(A, "repeat:u1", "other\nline", w, T0 + 2)).toStrictEqual({ count: 3, distinct: 2 });
      expect(await stores.limits.recordText(A, "repeat:u2", "hello", w, T0 + 3)).toStrictEqual({ count: 1, distinct: 1 });
      expect(await stores.limits.recordText(B, "repeat:u1", "hello", w, T0 + 3)).toStrictEqual({ count: 1, distinct: 1 });
      // T0 and T0 + 1 fall out: the window keeps records strictly newer than now - windowMs.
      expect(await stores.limits.recordText(A, "repeat:u1", "hello", w, T0 + 1 + w)).toStrictEqual({ count: 2, distinct: 2 });
      const raced = await Promise.all(Array.from({ length: 10 }, (_, i) => stores.limits.recordText(A, "raid:faq", `u${i % 4}`, w, T0)));
      expect(raced.map((r) => r.count).sort((a, b) => a - b)).toStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(Math.max(...raced.map((r) => r.distinct))).toBe(4);
    });

    it("recordTexts records under both keys in one step, each counted as recordText counts it", async () => {
      const w = 10_000;
      await stores.limits.recordText(A, "raid:faq", "u2", w, T0);
      expect(await stores.limits.recordTexts(A, ["repeat:u1", "raid:faq"], "u1", w, T0 + 1)).toStrictEqual([{ count: 1, distinct: 1 }, { count: 2, distinct: 2 }]);
      expect(await stores.limits.recordTexts(A, ["repeat:u1", "raid:faq"], "u1", w, T0 + 2)).toStrictEqual([{ count: 2, distinct: 1 }, { count: 3, distinct: 2 }]);
      expect(await stores.limits.recordText(A, "repeat:u1", "u1", w, T0 + 3)).toStrictEqual({ count: 3, distinct: 1 });
      // Another tenant's windows of the same names are its own.
      expect(await stores.limits.recordTexts(B, ["repeat:u1", "raid:faq"], "u1", w, T0 + 3)).toStrictEqual([{ count: 1, distinct: 1 }, { count: 1, distinct: 1 }]);
    });

    it("creates rate limiters that consume and then reject", async () => {
      const limiter = stores.limits.createRateLimiter({ keyPrefix: "send", points: 3, durationSec: 10 });
      for (let i = 0; i < 3; i++) expect((await limiter.consume("acme:u1")).remainingPoints).toBe(2 - i);
      const rejected = await limiter.consume("acme:u1").then(() => null, (e: unknown) => e);
      expect(rejected).toBeInstanceOf(RateLimiterRes);
      expect((rejected as RateLimiterRes).msBeforeNext).toBeGreaterThan(0);
      expect((await limiter.consume("acme:u2")).remainingPoints).toBe(2);
    });
  });

  describe("token buckets", () => {
    it("grant exactly the capacity at once, refill at the sustained rate, per key", async () => {
      // 20 tokens/s: one token back every 50 ms, so the refill is observed quickly.
      const bucket = stores.limits.createTokenBucket({ keyPrefix: "send", capacity: 3, perSecond: 20 });
      const first = await Promise.all([0, 1, 2, 3, 4].map(() => bucket.take("acme:u1")));
      expect(first.filter((w) => w === 0)).toHaveLength(3);
      const waits = first.filter((w) => w > 0);
      expect(waits).toHaveLength(2);
      for (const w of waits) expect(w).toBeLessThanOrEqual(50);
      // Another key has its own full bucket.
      expect(await bucket.take("acme:u2")).toBe(0);
      // A token comes back after about 1/20 s; then the bucket is dry again at once.
      await until(async () => (await bucket.take("acme:u1")) === 0, 2000, 10);
      expect(await bucket.take("acme:u1")).toBeGreaterThan(0);
    });

    it("a pair of one tenant's buckets spends from both in one step, each by its own key and capacity", async () => {
      const own = { keyPrefix: "own", tenant: "acme", capacity: 2, perSecond: 0.001 };
      const net = { keyPrefix: "net", tenant: "acme", capacity: 3, perSecond: 0.001 };
      const pair = stores.limits.createTokenBucketPair(own, net);
      expect(await pair.take("g1", "net-a")).toEqual([0, 0]);
      expect(await pair.take("g1", "net-a")).toEqual([0, 0]);
      // g1's own bucket is dry; the network's still had a token, and spends it all the same.
      const [ownWait, netWait] = await pair.take("g1", "net-a");
      expect(ownWait).toBeGreaterThan(0);
      expect(netWait).toBe(0);
      // Another guest of the same network: its own bucket is full, the network's is now dry.
      const [g2Own, g2Net] = await pair.take("g2", "net-a");
      expect(g2Own).toBe(0);
      expect(g2Net).toBeGreaterThan(0);
      // Another network is untouched.
      expect(await pair.take("g3", "net-b")).toEqual([0, 0]);
    });

    it("a single bucket and a pair over the same options are one state (a member's bucket and a guest's pair share `rl`)", async () => {
      const own = { keyPrefix: "own1", tenant: "acme", capacity: 2, perSecond: 0.001 };
      const single = stores.limits.createTokenBucket(own);
      const pair = stores.limits.createTokenBucketPair(own, { keyPrefix: "net1", tenant: "acme", capacity: 10, perSecond: 0.001 });
      expect(await single.take("u1")).toBe(0);
      expect((await pair.take("u1", "n1"))[0]).toBe(0);
      expect(await single.take("u1")).toBeGreaterThan(0);
    });

    it("keeps one tenant's buckets apart from another's with the same keys", async () => {
      const opts = (tenant: string) => ({ keyPrefix: "own", tenant, capacity: 1, perSecond: 0.001 });
      const acme = stores.limits.createTokenBucketPair(opts("acme"), { ...opts("acme"), keyPrefix: "net" });
      const other = stores.limits.createTokenBucketPair(opts("other"), { ...opts("other"), keyPrefix: "net" });
      expect(await acme.take("u1", "n1")).toEqual([0, 0]);
      expect((await acme.take("u1", "n1"))[0]).toBeGreaterThan(0);
      expect(await other.take("u1", "n1")).toEqual([0, 0]);
    });
  });
}
