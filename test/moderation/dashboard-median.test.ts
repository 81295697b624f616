import { describe, expect, it } from "vitest";
import { medianLatency } from "../../server/moderation/dashboard-service.ts";
import { LATENCY_BOUNDS_SEC, latencyBucket } from "../../server/store/stats/dashboard-counters.ts";

const hist = (...latenciesSec: number[]) => {
  const m = new Map<string, number>();
  for (const s of latenciesSec) { const k = `lat:${latencyBucket(s * 1000)}`; m.set(k, (m.get(k) ?? 0) + 1); }
  return m;
};

/** Today's median time to a decision, read from the fixed-bucket histogram the stats port keeps. */
describe("median time to a decision", () => {
  it("is null without decisions", () => {
    expect(medianLatency(new Map())).toBeNull();
    expect(medianLatency(new Map([["held", 3]]))).toBeNull();
  });

  it("falls in the bucket of the true median, interpolated inside it", () => {
    for (const sample of [[5], [5, 40, 50], [20, 25, 100, 200, 4000], [1, 2, 3, 4, 600, 700, 800], [10_000, 10_000, 90_000]]) {
      const sorted = [...sample].sort((a, b) => a - b);
      const truth = sorted[Math.floor((sorted.length - 1) / 2)]!;
      const got = medianLatency(hist(...sample))!;
      const i = latencyBucket(truth * 1000);
      const lo = i === 0 ? 0 : LATENCY_BOUNDS_SEC[i - 1]!;
      const hi = LATENCY_BOUNDS_SEC[i] ?? Infinity;
      expect(got, JSON.stringify(sample)).toBeGreaterThanOrEqual(lo);
      expect(got, JSON.stringify(sample)).toBeLessThanOrEqual(Math.min(hi, Number.MAX_SAFE_INTEGER));
    }
  });

  it("answers the open last bucket's lower bound, and never a negative time", () => {
    expect(medianLatency(hist(200_000, 300_000))).toBe(LATENCY_BOUNDS_SEC[LATENCY_BOUNDS_SEC.length - 1]);
    expect(latencyBucket(-5_000)).toBe(0);
    expect(medianLatency(hist(0))).toBeGreaterThanOrEqual(0);
  });
});
