import { afterAll, beforeAll, expect, it } from "vitest";
import { describeRedis } from "../support/redis-server.ts";
import { startCluster, type Cluster } from "../support/cluster.ts";
import type { ModServer } from "../moderation/support.ts";
import { until } from "../support/wait.ts";

describeRedis("limits hold across the cluster", () => {
  let cluster: Cluster;
  let a: ModServer;
  let b: ModServer;
  beforeAll(async () => {
    cluster = await startCluster({ server: { maxConnectionsPerIp: 3 }, acme: { rateLimit: { burst: 2, perSecond: 0.2 } } }, "lim");
    ({ a, b } = cluster);
  });
  afterAll(async () => { await cluster?.close(); });

  it("one user's token bucket is shared by every node", async () => {
    const onA = await a.connected({ role: "member", sub: "chatty" });
    const onB = await b.connected({ role: "member", sub: "chatty" });
    await onA.join("product:rl");
    await onB.join("product:rl");
    const results = await Promise.allSettled([onA, onB, onA, onB, onA, onB].map((c, i) => c.send("product:rl", `message numéro ${i} sur le sérum`)));
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    // Exactly the burst of 2, wherever the messages land.
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(refused).toHaveLength(4);
    for (const e of refused) {
      expect(e.code).toBe("rate_limited");
      expect(e.retryAfterMs).toBeGreaterThan(0);
    }
    onA.disconnect();
    onB.disconnect();
  });

  it("the per-IP connection cap counts connections on every node", async () => {
    // Wait until the previous test's sockets have released their slots.
    await until(async () => (await a.app.stores.limits.acquireConnection("probe", "127.0.0.1", 1)) && (await a.app.stores.limits.releaseConnection("probe", "127.0.0.1"), true));
    const c1 = await a.connected();
    const c2 = await b.connected();
    const c3 = await a.connected();
    const fourth = await b.client();
    await expect(fourth.connect()).rejects.toMatchObject({ code: "too_many_connections" });
    c2.disconnect();
    // Once a slot frees on B, a new connection on A is admitted.
    const again = await until(async () => {
      const c = await a.client();
      try { await c.connect(); return c; } catch { c.disconnect(); return undefined; }
    });
    expect(again.session?.user.role).toBe("guest");
    c1.disconnect(); c3.disconnect(); again.disconnect();
  });
});
