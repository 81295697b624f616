import { afterAll, beforeAll, expect, it } from "vitest";
import type { Alert, ChatError, RoomInfo } from "../../client-sdk/src/index.ts";
import { known, post, type ModServer } from "../moderation/support.ts";
import { startCluster, type Cluster } from "../support/cluster.ts";
import { describeRedis } from "../support/redis-server.ts";
import { waitFor } from "../support/wait.ts";

/** SPEC §10 across two nodes on one redis-server: the counts and links are the cluster's, not a node's. */
describeRedis("raids, evasion and alerts across nodes", () => {
  let cluster: Cluster;
  let a: ModServer;
  let b: ModServer;
  beforeAll(async () => {
    cluster = await startCluster({
      server: { trustProxy: true },
      acme: { moderation: { evasion: { action: "hold", lookbackDays: 30 }, raid: { messagesPerMin: 0, joinsPerMin: 12, shieldSec: 30 } } },
    }, "guard");
    ({ a, b } = cluster);
  });
  afterAll(async () => { await cluster?.close(); });

  it("a raid split across nodes still trips: joins on A and on B add up to one shield and one alert", async () => {
    const room = "live:split";
    const managerOnB = await b.admin();
    await managerOnB.subscribe();
    const raid = waitFor<Alert>(managerOnB, "alert", (x) => x.kind === "raid" && x.room === room);
    const watcher = await b.chat({ role: "expert", sub: "split-watcher" });
    await watcher.join(room);
    const shielded = waitFor<RoomInfo>(watcher, "room:updated", (r) => r.shield === true);
    // Six arrivals on each node: neither alone reaches 12.
    const guests = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).chat()));
    for (const g of guests) await g.join(room);
    const alert = await raid;
    expect(alert.raid!.joinsPerMin).toBeGreaterThanOrEqual(12);
    expect((await shielded).shield).toBe(true);
    // Both nodes enforce it.
    for (const g of guests.slice(0, 2)) await expect(g.send(room, "spam")).rejects.toMatchObject({ code: "shielded" } satisfies Partial<ChatError>);
    // Acknowledged on A, it is no longer open on B.
    await (await a.admin()).ackAlert(alert.id);
    expect((await managerOnB.listAlerts({ status: "open" })).map((x) => x.id)).not.toContain(alert.id);
    expect((await managerOnB.listAlerts()).filter((x) => x.kind === "raid" && x.room === room)).toHaveLength(1);
  });

  it("a link made on one node holds on the other", async () => {
    const manager = await a.admin();
    const troll = await a.chat({ role: "member", sub: "cl-troll", ip: "203.0.113.50" });
    await known(a, "cl-troll");
    await post(troll, "product:cl", "first");
    await manager.ban("cl-troll", { reason: "abuse" });
    // Connects to A: the link is made there.
    const alt = await a.chat({ role: "member", sub: "cl-alt", ip: "203.0.113.50" });
    alt.disconnect();
    // Posts through B: held there, naming the banned account.
    const onB = await b.chat({ role: "member", sub: "cl-alt", ip: "192.0.2.77" });
    const held = await post(onB, "product:cl", "hello from the other node");
    expect(held.status).toBe("held");
    expect((await (await b.admin()).inspect("cl-alt")).linked).toMatchObject([{ userId: "cl-troll", via: "ip", side: "evades" }]);
    // Cleared on B: A lets the account post at once.
    await (await b.admin()).unlink("cl-alt", "cl-troll");
    const again = await a.chat({ role: "member", sub: "cl-alt", ip: "192.0.2.78" });
    expect((await post(again, "product:cl", "thanks")).status).toBe("visible");
  });
});
