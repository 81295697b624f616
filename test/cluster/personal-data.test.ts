import { afterAll, beforeAll, expect, it } from "vitest";
import type { Message } from "../../client-sdk/src/index.ts";
import { freshRoom, known, post, type ModServer } from "../moderation/support.ts";
import { startCluster, type Cluster } from "../support/cluster.ts";
import { describeRedis } from "../support/redis-server.ts";
import { until, waitFor } from "../support/wait.ts";

const DAY_MS = 24 * 3600_000;

/** SPEC §9.5 across two nodes on one Redis: an erasure on A reaches B; one node at a time purges. */
describeRedis("personal data across nodes", () => {
  let cluster: Cluster;
  let a: ModServer;
  let b: ModServer;
  beforeAll(async () => {
    // The schedule is left at its hour: the sweeps below are started by hand, at the same moment.
    cluster = await startCluster({ acme: { retention: { messagesDays: 1 } } }, "pd");
    ({ a, b } = cluster);
  });
  afterAll(async () => { await cluster?.close(); });

  it("an erasure asked on A: shoppers on B see the messages go, B's history and profile no longer have them", async () => {
    const room = freshRoom();
    const author = await b.chat({ role: "member", sub: "pdc-author", name: "Claire Cluster" });
    await known(b, "pdc-author");
    const watcher = await b.chat({ role: "member", sub: "pdc-watch" });
    await watcher.join(room);
    const m1 = await post(author, room, "Premier message à effacer");
    const m2 = await post(author, room, "Second message à effacer");
    const gone = [m1.id, m2.id].map((id) => waitFor<{ messageId: string }>(watcher, "message:deleted", (e) => e.messageId === id));
    const res = await a.rest("DELETE", "users/pdc-author/data");
    expect(res.body).toMatchObject({ userId: "pdc-author", messages: 2 });
    await Promise.all(gone);
    const late = await b.chat({ role: "member", sub: "pdc-late" });
    expect((await late.join(room)).history.map((m: Message) => m.id)).toEqual([]);
    // B still held the author's last counters (a node writes its statistics once a second), and
    // writing them recreates a bare record: B writes them now, and the erasure's second pass,
    // once every node's pending figures are in, forgets the record again.
    await b.app.stores.stats.roomStats("acme", Date.now() - 60_000);
    const seenFromB = await until(async () => {
      const body = (await b.rest("GET", "users/pdc-author/data")).body;
      return body.profile === null ? body : null;
    }, 2 * b.app.stores.stats.pendingMs + 2000, 100);
    expect(seenFromB).toMatchObject({ profile: null, messages: [] });
    expect(seenFromB.audit.map((e: { action: string }) => e.action)).toContain("user.erased");
  });

  it("both nodes sweeping at once: the old messages go once, purged and audited by one node", async () => {
    const room = freshRoom();
    const user = await a.chat({ role: "member", sub: "pdc-old" });
    const msgs = [];
    for (let i = 0; i < 5; i++) msgs.push(await post(user, room, `Ancien message numéro ${i}`));
    // As if two days had passed, on both nodes together.
    const later = Date.now() + 2 * DAY_MS;
    const results = await Promise.all([a, b].map((n) => n.app.moderation.retention.sweep(n.app.tenants.get("acme")!, n.app.nodeId, later)));
    // One swept them; the other either found the lock taken (null) or came after and found nothing.
    expect(results.filter((r) => r !== null && r > 0)).toEqual([5]);
    for (const m of msgs) expect(await a.app.stores.messages.getMessage("acme", m.id)).toBeNull();
    const purges = await until(async () => {
      const entries = (await a.app.moderation.audit.list("acme", { action: "messages.purged" })).entries;
      return entries.length ? entries : null;
    });
    expect(purges).toHaveLength(1);
    expect(purges[0]!.target).toMatchObject({ purged: 5, messagesDays: 1 });
  });
});
