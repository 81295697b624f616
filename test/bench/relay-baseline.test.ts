import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { optionsFromArgs } from "../../bench/relay.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url));

describe("relay bench: a --baseline checkout's server", () => {
  // The bench runs another checkout's bench/relay.ts with --role server-causette; this checkout's
  // entry must keep answering that call as the single file before it did, for newer benches.
  it("starts from the checkout's bench/relay.ts and answers the bench's memory, cpu and stop", async () => {
    const [side] = optionsFromArgs(["--sides", "causette-baseline", "--baseline", repo, "--clients", "10"]).sides!;
    expect(side!.name).toBe("causette-baseline");
    const running = await side!.start("baseline-test");
    try {
      expect(running.urls).toHaveLength(1);
      const health = await fetch(`${running.urls[0]}/healthz`);
      expect(health.status).toBe(200);
      expect((await running.memory()).heapUsed).toBeGreaterThan(0);
      const [sample, ...others] = await running.cpu();
      expect(others).toEqual([]);
      expect(sample!.micros).toBeGreaterThan(0);
      expect(Number.isFinite(sample!.lagMax)).toBe(true);
    } finally {
      await running.stop();
    }
  }, 60_000);
});
