import { describe, expect, it } from "vitest";
import { createMemoryTokenBucket, takeToken, type BucketState } from "../../server/store/limits/token-bucket.ts";

describe("token bucket arithmetic", () => {
  it("allows the burst, then exactly the sustained rate, however hard it is hammered", () => {
    // capacity 5, 1 token/s, a request every 10 ms for 100 s of simulated time.
    let state: BucketState | undefined;
    let granted = 0;
    for (let now = 0; now <= 100_000; now += 10) {
      const r = takeToken(state, now, 5, 1 / 1000);
      state = r.state;
      if (r.waitMs === 0) granted++;
    }
    // 5 at once plus one per second for 100 s.
    expect(granted).toBe(105);
  });

  it("says how long until the next token, and refills to capacity only", () => {
    let r = takeToken(undefined, 0, 2, 0.5 / 1000);
    r = takeToken(r.state, 0, 2, 0.5 / 1000);
    const dry = takeToken(r.state, 0, 2, 0.5 / 1000);
    expect(dry.waitMs).toBe(2000);
    expect(takeToken(dry.state, 1000, 2, 0.5 / 1000).waitMs).toBe(1000);
    // After an hour idle the bucket holds 2, not 1,800.
    let s = takeToken(dry.state, 3_600_000, 2, 0.5 / 1000);
    s = takeToken(s.state, 3_600_000, 2, 0.5 / 1000);
    expect(s.waitMs).toBe(0);
    expect(takeToken(s.state, 3_600_000, 2, 0.5 / 1000).waitMs).toBeGreaterThan(0);
  });

  it("a clock that steps backwards neither refills nor throws", () => {
    let r = takeToken(undefined, 10_000, 1, 1 / 1000);
    r = takeToken(r.state, 5_000, 1, 1 / 1000);
    expect(r.waitMs).toBe(1000);
    expect(r.state.at).toBe(10_000);
  });

  it("the in-memory bucket answers as the arithmetic does, for each key apart", async () => {
    let now = 0;
    const bucket = createMemoryTokenBucket({ keyPrefix: "t", capacity: 3, perSecond: 2 }, () => now);
    const states = new Map<string, BucketState | undefined>();
    let granted = 0;
    for (; now <= 10_003; now += 7) { // 10,003 = 7 × 1,429: the last take is just after 10 s
      // Two keys at different paces: a state updated in place must never leak into the other.
      for (const key of now % 21 === 0 ? ["ann", "bob"] : ["ann"]) {
        const r = takeToken(states.get(key), now, 3, 2 / 1000);
        states.set(key, r.state);
        const got = await bucket.take(key);
        expect(got).toBe(r.waitMs);
        if (key === "ann" && got === 0) granted++;
      }
    }
    // 3 at once plus two per second for 10 s.
    expect(granted).toBe(23);
  });

  it("the in-memory bucket forgets refilled keys instead of growing forever", async () => {
    let now = 0;
    const bucket = createMemoryTokenBucket({ keyPrefix: "t", capacity: 1, perSecond: 1 }, () => now);
    for (let i = 0; i < 1000; i++) expect(await bucket.take(`u${i}`)).toBe(0);
    expect(await bucket.take("u0")).toBe(1000);
    now = 120_000;
    // The sweep runs on the next take; every old key then starts again from a full bucket.
    expect(await bucket.take("fresh")).toBe(0);
    expect(await bucket.take("u0")).toBe(0);
  });
});
