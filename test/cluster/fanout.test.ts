import { afterAll, beforeAll, expect, it } from "vitest";
import { parseConfig } from "../../server/config/load.ts";
import { testConfig } from "../support/config.ts";
import { describeRedis, startRedis, type RedisServer } from "../support/redis-server.ts";
import { startServer } from "../support/server.ts";
import { startCluster, type Cluster } from "../support/cluster.ts";
import type { ModServer } from "../moderation/support.ts";
import { waitFor } from "../support/wait.ts";

describeRedis("cluster fan-out", () => {
  let cluster: Cluster;
  let a: ModServer;
  let b: ModServer;
  beforeAll(async () => {
    cluster = await startCluster({}, "fan");
    ({ a, b } = cluster);
  });
  afterAll(async () => { await cluster?.close(); });

  it("a message sent on node A reaches a shopper on node B", async () => {
    const onA = await a.connected({ role: "member", sub: "alice" });
    const onB = await b.connected({ role: "member", sub: "bob" });
    await onA.join("product:x");
    await onB.join("product:x");
    const got = waitFor(onB, "message");
    const m = await onA.send("product:x", "Hello from node A");
    expect((await got).id).toBe(m.id);
  });
});

describeRedis("shared guest secret", () => {
  let redis: RedisServer;
  beforeAll(async () => { redis = await startRedis(); });
  afterAll(async () => { await redis?.dispose(); });

  it("a guest token issued by one node keeps the same guest on another, with no secret configured", async () => {
    const base = testConfig();
    const cfg = parseConfig({ ...base, server: { ...base.server, guestSecret: undefined }, redis: { url: redis.url, keyPrefix: `gs${Date.now()}:` } });
    expect(cfg.server.guestSecret).toBeUndefined();
    const a = await startServer(cfg);
    const b = await startServer(cfg);
    try {
      const first = await a.connected();
      const { id } = first.session!.user;
      const token = first.session!.guestToken!;
      const second = await b.connected({ guestToken: token });
      expect(second.session!.user.id).toBe(id);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
