import { afterAll, beforeAll, expect, it } from "vitest";
import { describeRedis } from "../support/redis-server.ts";
import { startCluster, type Cluster } from "../support/cluster.ts";
import type { ModServer } from "../moderation/support.ts";
import { until } from "../support/wait.ts";

describeRedis("races between two nodes", () => {
  let cluster: Cluster;
  let a: ModServer;
  let b: ModServer;
  beforeAll(async () => {
    cluster = await startCluster({}, "race");
    ({ a, b } = cluster);
  });
  afterAll(async () => { await cluster?.close(); });

  it("the same clientId sent through both nodes at once stores one message", async () => {
    const onA = await a.connected({ role: "member", sub: "dup", name: "Dup" });
    const onB = await b.connected({ role: "member", sub: "dup", name: "Dup" });
    await onA.join("product:race");
    await onB.join("product:race");
    const [m1, m2] = await Promise.all([
      onA.send("product:race", "une seule fois", { clientId: "same-id" }),
      onB.send("product:race", "une seule fois", { clientId: "same-id" }),
    ]);
    expect(m1.id).toBe(m2.id);
    const timeline = await a.app.stores.messages.roomTimeline("acme", "product:race", 100);
    expect(timeline.filter((m) => m.text === "une seule fois")).toHaveLength(1);
  });

  it("flags racing across nodes past the threshold hide the message exactly once", async () => {
    const author = await a.connected({ role: "member", sub: "author" });
    await author.join("product:flags");
    const m = await author.send("product:flags", "a perfectly ordinary answer");
    const flaggers = await Promise.all([1, 2, 3, 4, 5, 6].map(async (i) => {
      const c = await (i % 2 ? a : b).connected({ role: "member", sub: `flagger-${i}` });
      await c.join("product:flags");
      return c;
    }));
    const results = await Promise.all(flaggers.map((c) => c.flag(m.id, "abuse")));
    expect(results.filter((r) => r.hidden).length).toBeGreaterThanOrEqual(4);
    expect((await a.app.stores.messages.getMessage("acme", m.id))?.status).toBe("hidden");
    expect(await a.app.stores.flags.getFlags("acme", m.id)).toHaveLength(6);
    const hides = await until(async () => {
      const { entries } = await a.app.stores.audit.listAudit("acme", 100);
      const h = entries.filter((e) => e.action === "message.hidden" && e.target.messageId === m.id);
      return h.length ? h : undefined;
    });
    expect(hides).toHaveLength(1);
  });
});
