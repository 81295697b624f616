import { afterAll, beforeAll, expect, it } from "vitest";
import type { ChatClient } from "../../client-sdk/src/index.ts";
import { ChatError } from "../../client-sdk/src/index.ts";
import { describeRedis } from "../support/redis-server.ts";
import { startCluster, type Cluster } from "../support/cluster.ts";
import type { ModServer } from "../moderation/support.ts";
import type { AdminClient } from "../../client-sdk/src/index.ts";
import { until, waitFor } from "../support/wait.ts";

const ready = async (s: ModServer) => (await fetch(`${s.url}/readyz`)).status;

describeRedis("Redis outage", () => {
  let cluster: Cluster;
  let a: ModServer;
  let b: ModServer;
  let admin: AdminClient;
  let alice: ChatClient;
  let bob: ChatClient;
  beforeAll(async () => {
    cluster = await startCluster({}, "out");
    ({ a, b } = cluster);
    admin = await b.admin();
    alice = await a.connected({ role: "member", sub: "alice" });
    bob = await b.connected({ role: "member", sub: "bob" });
    await alice.join("product:x");
    await bob.join("product:x");
  });
  afterAll(async () => { await cluster?.close(); });

  it("refuses instead of lying while Redis is away, and heals within five seconds when it returns", async () => {
    const before = await alice.send("product:x", "before the outage");
    expect(before.status).toBe("visible");

    cluster.redis!.kill9();
    await until(async () => (await ready(a)) === 503 && (await ready(b)) === 503, 5000);

    // Every send during the outage is refused with store_unavailable; none is acknowledged as ok.
    const outcomes = await Promise.allSettled([1, 2, 3].map((i) => alice.send("product:x", `during the outage ${i}`)));
    for (const o of outcomes) {
      expect(o.status).toBe("rejected");
      expect((o as PromiseRejectedResult).reason).toBeInstanceOf(ChatError);
      expect(((o as PromiseRejectedResult).reason as ChatError).code).toBe("store_unavailable");
    }
    // Manager actions are refused the same way, with no half-done side effect.
    const t0 = Date.now();
    await expect(admin.ban("alice", { reason: "test" })).rejects.toMatchObject({ code: "store_unavailable" });
    await expect(admin.updateRoom("product:x", { frozen: true })).rejects.toMatchObject({ code: "store_unavailable" });
    expect(Date.now() - t0).toBeLessThan(3000);
    // The nodes stay up, and the shoppers stay connected.
    expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
    expect(alice.socket.connected && bob.socket.connected && admin.socket.connected).toBe(true);

    const restartedAt = Date.now();
    await cluster.redis!.restart();
    await until(async () => (await ready(a)) === 200 && (await ready(b)) === 200, 5000, 50);
    const readyMs = Date.now() - restartedAt;
    // A send succeeds again and crosses nodes: the adapter resubscribed without a restart.
    const healed = await until(async () => {
      const got = waitFor(bob, "message", (m) => m.text === "after the outage", 1500);
      try {
        const m = await alice.send("product:x", "after the outage", { clientId: "heal-1" });
        await got;
        return m;
      } catch {
        got.catch(() => undefined);
        return undefined;
      }
    }, 5000, 100);
    expect(healed.status).toBe("visible");
    const healedMs = Date.now() - restartedAt;
    console.info(`redis outage: /readyz 200 on both nodes ${readyMs} ms after Redis restarted; first cross-node message ${healedMs} ms after`);
    expect(healedMs).toBeLessThan(5000 + 1500);

    // Durable: what was acknowledged before the crash is still in history (AOF), nothing from the outage is.
    const { history } = await bob.join("product:x");
    const texts = history.map((m) => m.text);
    expect(texts).toContain("before the outage");
    expect(texts.some((t) => t.startsWith("during the outage"))).toBe(false);
    // The refused ban left nothing behind.
    expect((await admin.inspect("alice")).ban).toBeUndefined();
  });
});
