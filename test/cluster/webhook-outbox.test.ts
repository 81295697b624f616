import { afterAll, beforeAll, expect, it } from "vitest";
import { parseConfig } from "../../server/config/load.ts";
import type { Config } from "../../server/config/schema.ts";
import { startModServer } from "../moderation/support.ts";
import { testConfig } from "../support/config.ts";
import { spawnNode, writeConfig } from "../support/node-process.ts";
import { describeRedis, startRedis, type RedisServer } from "../support/redis-server.ts";
import { mintToken } from "../support/tokens.ts";
import { until } from "../support/wait.ts";
import { startReceiver, testSecret, type Receiver } from "../support/webhook-receiver.ts";
import { FAST_DELIVERY } from "../webhooks/support.ts";

describeRedis("the webhook outbox on Redis: one node at a time, nothing lost when a node dies", () => {
  let redis: RedisServer;
  let rx: Receiver;
  const secret = testSecret(8);
  const closers: (() => Promise<unknown>)[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    rx = await startReceiver(secret);
  });
  afterAll(async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
    await rx?.close();
    await redis?.dispose();
  });
  const config = (prefix: string, leaseMs = 1500): Readonly<Config> => parseConfig({
    ...testConfig({
      server: { webhooks: { ...FAST_DELIVERY, leaseMs, failuresToPause: 100 } },
      acme: { outbound: { allowPrivateNetworks: true }, webhooks: [{ url: rx.url, secret, events: ["*"] }] } as never,
    }),
    redis: { url: redis.url, keyPrefix: `${prefix}${Date.now()}:` },
  });
  const ban = async (url: string, userId: string) => {
    const token = await mintToken({ tenant: "acme", role: "manager", sub: "cm-1", name: "Camille" });
    const res = await fetch(`${url}/api/v1/tenants/acme/bans`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ userId, reason: "spam" }) });
    expect(res.status).toBe(200);
  };

  it("a node killed while it holds deliveries: another node delivers them, with the same ids, once its leases end", async () => {
    rx.received.length = 0;
    rx.answer = () => "hang";
    const cfg = config("whkill");
    const a = await spawnNode(writeConfig(cfg));
    closers.push(() => a.kill9());
    for (let i = 0; i < 5; i++) await ban(a.url, `u-${i}`);
    // Node A has sent them and waits for answers that never come: it holds their leases.
    await until(() => new Set(rx.received.map((r) => r.id)).size === 5, 10_000);
    const held = new Set(rx.received.map((r) => r.id));
    await a.kill9();
    rx.answer = () => ({ status: 204 });
    const b = await startModServer(cfg);
    closers.push(() => b.close());
    await until(() => rx.received.filter((r) => held.has(r.id)).length >= 10, 10_000);
    const redelivered = rx.received.slice(5);
    expect(new Set(redelivered.map((r) => r.id))).toStrictEqual(held);
    expect(redelivered.every((r) => r.verified && r.json.type === "user.banned")).toBe(true);
    const admin = await b.admin();
    await until(async () => (await admin.listDeliveries()).deliveries.filter((d) => d.status === "delivered" && d.attempts === 2).length === 5);
  });

  it("two live nodes share the outbox: each event is delivered once, whichever node wrote it; an endpoint edit holds on both", async () => {
    rx.received.length = 0;
    rx.answer = () => ({ status: 204 });
    const cfg = config("whtwo");
    const a = await startModServer(cfg);
    const b = await startModServer(cfg);
    closers.push(() => a.close(), () => b.close());
    await Promise.all(Array.from({ length: 30 }, (_, i) => ban(i % 2 ? a.url : b.url, `u-${i}`)));
    await until(() => rx.received.length >= 30, 10_000);
    // Give a duplicate time to show up, then check there is none.
    const adminA = await a.admin();
    await until(async () => (await adminA.listDeliveries({ limit: 50 })).deliveries.filter((d) => d.status === "delivered").length === 30);
    expect(rx.received.length).toBe(30);
    expect(new Set(rx.received.map((r) => r.id)).size).toBe(30);

    const adminB = await b.admin();
    await adminA.updateWebhooks([{ id: "ep1", url: rx.url, events: ["user.muted"] }]);
    await until(async () => (await adminB.listWebhooks())[0]!.events[0] === "user.muted", 3000);
    await adminB.ban("u-x", { reason: "spam" });
    await adminB.mute("u-y", 60, "calm");
    await rx.waitFor((r) => r.json.type === "user.muted");
    expect(rx.received.filter((r) => r.json.data.userId === "u-x")).toStrictEqual([]);
  });
});
