import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../server/errors.ts";
import { createRedisClients, waitUntilReady } from "../../server/store/redis-clients.ts";
import { createRedisStores } from "../../server/store/redis-stores.ts";
import type { ClusterEvent } from "../../server/store/bus/cluster-bus.ts";
import type { StoredMessage } from "../../server/store/messages/message-store.ts";
import type { Stores } from "../../server/store/stores.ts";
import { describeRedis, startRedis, type RedisServer } from "../support/redis-server.ts";
import { GUEST_RECORD_IDLE_MS } from "../../server/store/people/people-store.ts";
import { until } from "../support/wait.ts";
import { storeContract } from "./contract.ts";

describeRedis("Redis stores", () => {
  let redis: RedisServer;
  let n = 0;
  const open: Stores[] = [];
  beforeAll(async () => { redis = await startRedis(); });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await redis?.dispose();
  });

  /** A store on its own connections; `keyPrefix` isolates tests sharing the one server. */
  async function node(keyPrefix: string, opts: { nodeLivenessMs?: number; commandTimeoutMs?: number } = {}) {
    const clients = createRedisClients(redis.url, { commandTimeoutMs: opts.commandTimeoutMs });
    await waitUntilReady(clients);
    const store = createRedisStores({ ...clients, keyPrefix, nodeLivenessMs: opts.nodeLivenessMs });
    open.push(store);
    return store;
  }
  const freshPrefix = () => `test:${process.pid}:${++n}:`;

  storeContract("redis", async () => {
    const stores = await node(freshPrefix());
    return { stores, cleanup: () => stores.close() };
  });

  const message = (id: string, over: Partial<StoredMessage> = {}): StoredMessage =>
    ({ id, room: "faq", author: { id: "u1", name: "U", role: "member" }, text: id, createdAt: 1, status: "visible", ...over });

  it("lets guests' records expire after GUEST_RECORD_IDLE_MS without a visit; members' stay", async () => {
    const prefix = freshPrefix();
    const stores = await node(prefix);
    const device = { type: "desktop", bot: false };
    await stores.people.recordSession("acme", { id: "g_churn", name: "Guest 1", role: "guest" }, "10.0.0.1", device, Date.now());
    await stores.people.bumpUser("acme", "g_posted", "messages");
    await stores.people.recordSession("acme", { id: "m_keep", name: "Member", role: "member" }, "10.0.0.1", device, Date.now());
    const raw = createRedisClients(redis.url);
    await waitUntilReady(raw);
    try {
      const T = `${prefix}t:{acme}:`;
      for (const key of [`${T}u:g_churn`, `${T}uip:g_churn`, `${T}udev:g_churn`, `${T}u:g_posted`]) {
        const ttl = await raw.client.pttl(key);
        expect(ttl, key).toBeGreaterThan(GUEST_RECORD_IDLE_MS - 60_000);
        expect(ttl, key).toBeLessThanOrEqual(GUEST_RECORD_IDLE_MS);
      }
      expect(await raw.client.pttl(`${T}u:m_keep`)).toBe(-1);
      expect(await raw.client.zrange(`${T}users`, 0, "-1")).toStrictEqual(["m_keep"]);
    } finally {
      await Promise.all([raw.client.quit(), raw.subscriber.quit()]);
    }
  });

  it("drops the id lists of authors none of whose messages is kept", async () => {
    const prefix = freshPrefix();
    const store = await node(prefix);
    const raw = createRedisClients(redis.url, {});
    await waitUntilReady(raw);
    const lists = async () => (await raw.client.keys(`${prefix}*um:*`)).length;
    const by = (n: number) => ({ id: `u${n}`, name: `U${n}`, role: "member" as const });
    await store.messages.appendMessage("acme", message("quiet-0", { room: "quiet", author: by(0) }), { keep: 5 });
    await store.messages.appendMessage("acme", message("busy-0", { room: "busy", author: by(0) }), { keep: 5 });
    for (let n = 1; n <= 50; n++) await store.messages.appendMessage("acme", message(`busy-${n}`, { room: "busy", author: by(n) }), { keep: 5 });
    // The five authors still kept in the busy room, and u0 for its message in the quiet room.
    expect(await lists()).toBe(6);
    expect((await store.messages.userMessages("acme", "u0", 20)).map((m) => m.id)).toStrictEqual(["quiet-0"]);
    for (let n = 0; n < 5; n++) await store.messages.appendMessage("acme", message(`quiet-${n + 1}`, { room: "quiet", author: by(100 + n) }), { keep: 5 });
    expect(await lists()).toBe(10);
    expect(await store.messages.userMessages("acme", "u0", 20)).toStrictEqual([]);
    // A message stored before messages named their author's list (no field u): the list is found
    // from the author in its JSON, escaped as the store's keys are.
    const odd = { id: "ü {x}/y'(*)~!%", name: "Odd", role: "member" as const };
    await store.messages.appendMessage("acme", message("legacy", { room: "quiet", author: odd }), { keep: 5 });
    await raw.client.hdel(`${prefix}t:{acme}:m:legacy`, "u");
    expect(await raw.client.exists(`${prefix}t:{acme}:um:${encodeURIComponent(odd.id)}`)).toBe(1);
    for (let n = 0; n < 5; n++) await store.messages.appendMessage("acme", message(`quiet-late-${n}`, { room: "quiet", author: by(200 + n) }), { keep: 5 });
    expect(await raw.client.exists(`${prefix}t:{acme}:um:${encodeURIComponent(odd.id)}`)).toBe(0);
    expect(await raw.client.exists(`${prefix}t:{acme}:m:legacy`)).toBe(0);
    await Promise.all([raw.client.quit(), raw.subscriber.quit()]);
  });

  describe("two nodes on one Redis", () => {
    let a: Stores;
    let b: Stores;
    afterEach(async () => { await Promise.all([a.close(), b.close()]); });

    it("see each other's writes and race atomically", async () => {
      const prefix = freshPrefix();
      [a, b] = await Promise.all([node(prefix), node(prefix)]);
      await a.messages.appendMessage("acme", message("m1"), { keep: 10 });
      expect((await b.messages.roomTimeline("acme", "faq", 10)).map((m) => m.id)).toStrictEqual(["m1"]);
      await a.sanctions.setBan("acme", "u9", { reason: "x", shadow: false, at: 1, by: "cm" });
      expect(await b.sanctions.getBan("acme", "u9", 2)).not.toBeNull();
      await b.queue.queuePut("acme", { messageId: "m1", kind: "flag", reasons: [], priority: "high", queuedAt: 1 });
      const takes = await Promise.all([a, b, a, b].map((s) => s.queue.queueTake("acme", "m1")));
      expect(takes.filter((t) => t !== null)).toHaveLength(1);
      const dup = await Promise.all([a, b].map((s, i) =>
        s.messages.appendMessage("acme", message(`k${i}`), { keep: 10, idempotency: { key: "same", ttlMs: 10_000 } })));
      expect(dup.filter((d) => !d.duplicate)).toHaveLength(1);
    });

    it("deliver events to every node", async () => {
      const prefix = freshPrefix();
      [a, b] = await Promise.all([node(prefix), node(prefix)]);
      const gotA: ClusterEvent[] = [];
      const gotB: ClusterEvent[] = [];
      a.bus.subscribe((e) => gotA.push(e));
      b.bus.subscribe((e) => gotB.push(e));
      const ev: ClusterEvent = { type: "sanctions:changed", tenant: "acme" };
      await until(async () => { await a.bus.publish(ev); return gotA.length > 0 && gotB.length > 0; }, 5000, 50);
      expect(gotB[0]).toStrictEqual(ev);
      // A different prefix is a different cluster: its events stay out.
      const other = await node(freshPrefix());
      const before = gotB.length;
      await other.bus.publish({ type: "sanctions:changed", tenant: "zzz" });
      await a.bus.publish({ type: "sanctions:changed", tenant: "marker" });
      await until(() => gotB.some((e) => e.tenant === "marker"));
      expect(gotB.slice(before).map((e) => e.tenant)).toStrictEqual(["marker"]);
      await other.close();
    });

    it("share the per-IP connection cap, and a dead node's slots lapse", async () => {
      const prefix = freshPrefix();
      [a, b] = await Promise.all([node(prefix, { nodeLivenessMs: 300 }), node(prefix, { nodeLivenessMs: 300 })]);
      expect(await a.limits.acquireConnection("node-a", "198.51.100.1", 2)).toBe(true);
      expect(await a.limits.acquireConnection("node-a", "198.51.100.1", 2)).toBe(true);
      expect(await b.limits.acquireConnection("node-b", "198.51.100.1", 2)).toBe(false);
      // Node a keeps its slots past several liveness periods while it is alive (absence needs a duration).
      await new Promise((r) => setTimeout(r, 700));
      expect(await b.limits.acquireConnection("node-b", "198.51.100.1", 2)).toBe(false);
      await a.close(); // dies without releasing: its heartbeat stops
      const t = Date.now();
      await until(() => b.limits.acquireConnection("node-b", "198.51.100.1", 2), 3000, 25);
      expect(Date.now() - t).toBeLessThan(1500);
    });
  });

  it("subscribes once its clients connect when built before they are ready", async () => {
    const clients = createRedisClients(redis.url);
    const store = createRedisStores({ ...clients, keyPrefix: freshPrefix() });
    open.push(store);
    const got: ClusterEvent[] = [];
    store.bus.subscribe((e) => got.push(e));
    await until(async () => {
      await store.bus.publish({ type: "sanctions:changed", tenant: "acme" }).catch(() => {});
      return got.length > 0;
    }, 5000, 50);
    await store.close();
  });

  it("sums a node's posts and writes them in one flush: another node reads them after it, and close writes what is pending", async () => {
    const prefix = freshPrefix();
    const a = await node(prefix), b = await node(prefix);
    const at = Date.now();
    // Not awaited, as the message path does not: the figures wait for the flush together.
    const posted = [
      a.stats.recordPost("acme", { room: "faq", userId: "u1", at, held: false }),
      a.stats.recordPost("acme", { room: "faq", userId: "u1", at: at + 1, held: true, heldReason: "word" }),
      a.stats.recordPost("acme", { room: "tips", userId: "u2", at: at + 2, held: false }),
    ];
    expect(await b.rooms.listRooms("acme", 10)).toStrictEqual([]);
    await Promise.all(posted);
    expect(await b.rooms.listRooms("acme", 10)).toStrictEqual([{ id: "tips", lastActive: at + 2 }, { id: "faq", lastActive: at + 1 }]);
    const faq = (await b.stats.roomStats("acme", at - 60_000)).get("faq")!;
    expect(faq.reduce((n, m) => n + m.messages, 0)).toBe(2);
    expect(faq.reduce((n, m) => n + m.held, 0)).toBe(1);
    expect((await b.people.getUser("acme", "u1"))?.counters.messages).toBe(2);
    const dash = await b.stats.dashboard("acme", { resolution: "minute", from: at, to: at + 2 });
    expect(dash.buckets.reduce((n, x) => n + (x.counts.messages ?? 0), 0)).toBe(3);
    expect(dash.buckets.reduce((n, x) => n + (x.counts["held:word"] ?? 0), 0)).toBe(1);
    // A node that closes writes the figures it has not flushed yet.
    void a.stats.recordPost("acme", { room: "faq", userId: "u3", at: at + 3, held: false });
    await a.close();
    expect((await b.people.getUser("acme", "u3"))?.counters.messages).toBe(1);
  });

  it("forgets an erased author's pending counters, so the flush does not bring their record back; the room's figures stay", async () => {
    const prefix = freshPrefix();
    const a = await node(prefix), b = await node(prefix);
    const at = Date.now();
    const posted = a.stats.recordPost("acme", { room: "faq", userId: "gone", at, held: false });
    await b.people.forgetUser("acme", "gone");
    a.stats.forgetAuthor("acme", "gone");
    await posted;
    expect(await b.people.getUser("acme", "gone")).toBeNull();
    const faq = (await b.stats.roomStats("acme", at - 60_000)).get("faq")!;
    expect(faq.reduce((n, m) => n + m.messages, 0)).toBe(1);
    // Without the erasure the same flush writes the author's counter (what the test above checks).
    void a.stats.recordPost("acme", { room: "faq", userId: "kept", at: at + 1, held: false });
    await a.close();
    expect((await b.people.getUser("acme", "kept"))?.counters.messages).toBe(1);
    expect(a.stats.pendingMs).toBeGreaterThan(0);
    await b.close();
  });

  // Last: they stop the server. Everything above must not depend on them.
  describe("outage", () => {
    it("times out on a Redis that stopped answering, and recovers when it answers again", async () => {
      const store = await node(freshPrefix(), { commandTimeoutMs: 300 });
      await store.stats.recordPost("acme", { room: "faq", userId: "u1", at: 1, held: false });
      redis.pause();
      try {
        const t = Date.now();
        await expect(store.rooms.listRooms("acme", 10)).rejects.toBeInstanceOf(StoreUnavailableError);
        expect(Date.now() - t).toBeLessThan(3000);
        expect(await store.ping()).toBe(false);
      } finally {
        redis.resume();
      }
      await until(() => store.ping(), 5000, 25);
      expect(await store.rooms.listRooms("acme", 10)).toStrictEqual([{ id: "faq", lastActive: 1 }]);
      await store.close();
    });

    it("fails fast while Redis is down, keeps rate limits, and heals with data intact when it returns", async () => {
      const store = await node(freshPrefix());
      const events: ClusterEvent[] = [];
      store.bus.subscribe((e) => events.push(e));
      await store.messages.appendMessage("acme", message("durable"), { keep: 10 });
      const limiter = store.limits.createRateLimiter({ keyPrefix: "send", points: 2, durationSec: 10 });
      await limiter.consume("u1");
      const bucket = store.limits.createTokenBucket({ keyPrefix: "send", capacity: 2, perSecond: 0.1 });
      expect(await bucket.take("u1")).toBe(0);

      redis.kill9();
      const t = Date.now();
      await expect(store.messages.getMessage("acme", "durable")).rejects.toBeInstanceOf(StoreUnavailableError);
      for (const call of [
        () => store.messages.appendMessage("acme", message("m2"), { keep: 10 }),
        () => store.queue.queueTake("acme", "durable"),
        () => store.limits.acquireConnection("n1", "10.0.0.1", 5),
        () => store.bus.publish({ type: "sanctions:changed", tenant: "acme" }),
        () => store.limits.recordText("acme", "k", "m", 1000, Date.now()),
      ]) {
        await expect(call()).rejects.toBeInstanceOf(StoreUnavailableError);
      }
      expect(Date.now() - t).toBeLessThan(3000);
      expect(await store.ping()).toBe(false);
      // The insurance limiter answers meanwhile, per node.
      expect((await limiter.consume("u1")).remainingPoints).toBeGreaterThanOrEqual(0);
      // So does the token bucket's: a fresh per-node bucket of 2, then dry.
      expect(await bucket.take("u1")).toBe(0);
      expect(await bucket.take("u1")).toBe(0);
      expect(await bucket.take("u1")).toBeGreaterThan(0);

      await redis.restart();
      const back = Date.now();
      await until(() => store.ping(), 5000, 25);
      expect(Date.now() - back).toBeLessThan(5000);
      expect((await store.messages.getMessage("acme", "durable"))!.text).toBe("durable");
      await store.messages.appendMessage("acme", message("after"), { keep: 10 });
      expect((await store.messages.roomTimeline("acme", "faq", 10)).map((m) => m.id)).toStrictEqual(["durable", "after"]);
      // The subscription came back with the connection.
      await until(async () => { await store.bus.publish({ type: "sanctions:changed", tenant: "healed" }); return events.length > 0; }, 5000, 50);
      await store.close();
    });
  });
});
