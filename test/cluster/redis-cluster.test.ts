import { afterAll, beforeAll, expect, it } from "vitest";
import { ChatError, type ChatClient } from "../../client-sdk/src/index.ts";
import { startCluster, type Cluster } from "../support/cluster.ts";
import { freshRoom, HELD_TEXT, known, type ModServer } from "../moderation/support.ts";
import { describeRedisCluster, startRedisCluster, type RedisClusterServer } from "../support/redis-server.ts";
import { until, waitFor } from "../support/wait.ts";

/**
 * Two Causette nodes on a real Redis Cluster (three masters, one replica each, AOF fsynced on
 * every write): fan-out, manager actions and the cluster-wide limits behave as on one Redis;
 * then a master is killed with SIGKILL while shoppers post. One Redis Cluster for the file; the
 * failover comes last since it changes the cluster.
 */
describeRedisCluster("two nodes on a Redis Cluster", () => {
  let rc: RedisClusterServer;
  let cluster: Cluster;
  let a: ModServer;
  let b: ModServer;
  beforeAll(async () => {
    rc = await startRedisCluster({ appendfsync: "always" });
    cluster = await startCluster({ server: { trustProxy: true } }, "rc", rc);
    ({ a, b } = cluster);
  }, 60_000);
  afterAll(async () => {
    await cluster?.close();
    await rc?.dispose();
  });

  it("runs its tenants on different masters, and a message on A reaches shoppers on B in each", async () => {
    for (const tenant of ["acme", "other"] as const) {
      const room = freshRoom();
      const onA = await a.chat({ role: "member", sub: `alice-${tenant}`, tenant });
      const onB = await b.chat({ role: "member", sub: `bob-${tenant}`, tenant });
      await onA.join(room);
      await onB.join(room);
      const got = waitFor(onB, "message");
      const m = await onA.send(room, `Hello from node A to ${tenant}`);
      expect((await got).id).toBe(m.id);
      expect((await onB.join(room)).history.map((h) => h.id)).toContain(m.id);
    }
  });

  it("a ban, an IP block and a lexicon edit on A take effect on B", async () => {
    const admin = await a.admin();
    const victim = await b.chat({ role: "member", sub: "rc-troll" });
    const ended = waitFor(victim, "session:ended");
    await admin.ban("rc-troll", { reason: "insults" });
    expect(await ended).toMatchObject({ code: "banned" });
    await expect(b.chat({ role: "member", sub: "rc-troll" })).rejects.toMatchObject({ code: "banned" });

    const fromRange = await b.chat({ role: "member", sub: "rc-range", ip: "198.51.100.7" });
    const blocked = waitFor(fromRange, "session:ended");
    await admin.blockIp("198.51.100.0/24", { reason: "raid" });
    expect(await blocked).toMatchObject({ code: "ip_blocked" });

    const room = freshRoom();
    const shopper = await b.chat({ role: "member", sub: "rc-shopper" });
    await shopper.join(room);
    await admin.updateLexicon({ add: ["zorglubium"] });
    await until(async () => (await shopper.send(room, `un zorglubium ici ${Math.random()}`)).status === "held", 3000, 50);
  });

  it("a guest token minted on A keeps the same guest on B (the shared secret lives in the cluster)", async () => {
    const first = await a.connected();
    const second = await b.connected({ guestToken: first.session!.guestToken! });
    expect(second.session!.user.id).toBe(first.session!.user.id);
  });

  it("shows the held message to its author only, on both nodes", async () => {
    const room = freshRoom();
    const author = await a.chat({ role: "member", sub: "rc-author" });
    const other = await b.chat({ role: "member", sub: "rc-other" });
    await author.join(room);
    await other.join(room);
    const held = await author.send(room, HELD_TEXT);
    expect(held.status).toBe("held");
    await known(b, "rc-author");
    expect((await other.join(room)).history.map((h) => h.id)).not.toContain(held.id);
    expect((await (await b.admin()).listQueue()).items.map((i) => i.message.id)).toContain(held.id);
  });

  // Last: it kills a master. The cluster heals (its replica takes over) but is one node short.
  it("a master killed with SIGKILL while shoppers post: store_unavailable in between, never an ok for something lost, then heals by itself", async () => {
    const rooms = [freshRoom("product:fo"), freshRoom("product:fo")];
    const shoppers: { c: ChatClient; room: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await (i % 2 ? b : a).chat({ role: "member", sub: `fo-${i}` });
      await c.join(rooms[i % 2]!);
      shoppers.push({ c, room: rooms[i % 2]! });
    }
    const acked: { id: string; room: string; at: number }[] = [];
    const refused: { code: string; at: number }[] = [];
    let stop = false;
    let seq = 0;
    const loops = shoppers.map(async ({ c, room }) => {
      while (!stop) {
        const text = `post ${++seq}`;
        try {
          const m = await c.send(room, text);
          acked.push({ id: m.id, room, at: Date.now() });
        } catch (err) {
          refused.push({ code: err instanceof ChatError ? err.code : String(err), at: Date.now() });
        }
        await new Promise((r) => setTimeout(r, 40));
      }
    });

    await until(() => acked.length >= 20, 10_000);
    const master = await rc.masterOf("{acme}");
    const killedAt = Date.now();
    rc.kill9(master);
    // Its replica takes over; the shoppers' posts then succeed again without anyone stepping in.
    await until(() => refused.some((r) => r.at > killedAt) || acked.some((x) => x.at > killedAt + 3000), 20_000, 50);
    await until(async () => (await rc.masterOf("{acme}")) !== master, 20_000, 200);
    const promotedAt = Date.now();
    await until(() => acked.filter((x) => x.at > promotedAt).length >= 20, 20_000, 50);
    stop = true;
    await Promise.all(loops);

    // Posts were refused while the shard had no master, every one with store_unavailable, and not for long.
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map((r) => r.code))).toStrictEqual(new Set(["store_unavailable"]));
    const lastRefusal = Math.max(killedAt, ...refused.map((r) => r.at));
    expect(lastRefusal - killedAt).toBeLessThan(15_000);

    // Nothing acknowledged is lost, and nothing is stored twice.
    for (const room of rooms) {
      const stored = (await a.app.stores.messages.roomTimeline("acme", room, 10_000)).map((m) => m.id);
      expect(new Set(stored).size).toBe(stored.length);
      const want = acked.filter((x) => x.room === room).map((x) => x.id);
      expect(want.filter((id) => !stored.includes(id))).toStrictEqual([]);
    }
    // Fan-out through the adapter's sharded channels came back too: A reaches B.
    const room = freshRoom();
    const onA = await a.chat({ role: "member", sub: "after-a" });
    const onB = await b.chat({ role: "member", sub: "after-b" });
    await onA.join(room);
    await onB.join(room);
    await until(async () => {
      const got = waitFor(onB, "message", () => true, 1000).then(() => true, () => false);
      await onA.send(room, `after the failover ${Math.random()}`);
      return got;
    }, 10_000, 100);
  }, 90_000);
});
