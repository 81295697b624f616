import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClusterEvent } from "../../server/store/bus/cluster-bus.ts";
import { StoreUnavailableError } from "../../server/errors.ts";
import { clusterSlot } from "../../server/store/cluster-slot.ts";
import type { StoredMessage } from "../../server/store/messages/message-store.ts";
import { createRedisClients, waitUntilReady } from "../../server/store/redis-clients.ts";
import { createRedisStores } from "../../server/store/redis-stores.ts";
import type { Stores } from "../../server/store/stores.ts";
import { describeRedisCluster, startRedisCluster, type RedisClusterServer } from "../support/redis-server.ts";
import { until } from "../support/wait.ts";
import { storeContract } from "./contract.ts";

/**
 * The Redis halves on a real Redis Cluster (three masters, one replica each): the whole store
 * contract, then what only a cluster can break (keys of one tenant in one slot, counts spread
 * over masters, events across shards). One cluster for the file; each test a fresh key prefix.
 */
describeRedisCluster("Redis stores on a Redis Cluster", () => {
  let rc: RedisClusterServer;
  let n = 0;
  const open: Stores[] = [];
  beforeAll(async () => { rc = await startRedisCluster(); }, 60_000);
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await rc?.dispose();
  });

  async function node(keyPrefix: string) {
    const clients = createRedisClients(rc.url, { cluster: true });
    await waitUntilReady(clients);
    const store = createRedisStores({ ...clients, keyPrefix });
    open.push(store);
    return store;
  }
  const freshPrefix = () => `ct:${process.pid}:${++n}:`;

  storeContract("redis cluster", async () => {
    const stores = await node(freshPrefix());
    return { stores, cleanup: () => stores.close() };
  });

  const message = (id: string, over: Partial<StoredMessage> = {}): StoredMessage =>
    ({ id, room: "faq", author: { id: "u1", name: "U", role: "member" }, text: id, createdAt: 1, status: "visible", ...over });

  /** Every key under `prefix`, read from each master (a Redis Cluster has no cluster-wide KEYS). */
  async function keysByMaster(prefix: string): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    for (const m of (await rc.nodes()).filter((x) => x.role === "master")) {
      const r = new Redis({ port: m.port, host: "127.0.0.1", lazyConnect: true });
      await r.connect();
      out.set(m.port, await r.keys(`${prefix}*`));
      r.disconnect();
    }
    return out;
  }

  it("keeps each tenant's keys in its tag's slot, and spreads tenants and connection counts over the masters", async () => {
    const prefix = freshPrefix();
    const store = await node(prefix);
    const tenants = ["acme", "other", "t3", "t4", "t5", "t6", "t7", "t8"];
    for (const t of tenants) {
      await store.messages.appendMessage(t, message(`${t}-m`), { keep: 10 });
      await store.flags.addFlag(t, `${t}-m`, { by: { id: "u2", name: "F", role: "member" }, reason: "spam", at: 1 }, { reportsToHide: 3, hideNow: false });
      await store.sanctions.setBan(t, "u9", { reason: "x", shadow: false, at: 1, by: "cm" });
      await store.stats.recordPost(t, { room: "faq", userId: "u1", at: 1, held: false });
      await store.people.recordSession(t, { id: "u1", name: "U", role: "member" }, "203.0.113.9", { browser: "x" } as never, 1);
    }
    for (let i = 0; i < 40; i++) expect(await store.limits.acquireConnection("node-a", `198.51.100.${i}`, 5)).toBe(true);
    const byMaster = await keysByMaster(prefix);
    const all = [...byMaster.values()].flat();
    expect(all.length).toBeGreaterThan(tenants.length * 3);
    for (const t of tenants) {
      const keys = all.filter((k) => k.startsWith(`${prefix}t:{${t}}:`));
      expect(keys.length).toBeGreaterThanOrEqual(3);
      expect(new Set(keys.map(clusterSlot)).size).toBe(1);
    }
    // Every key outside a tenant carries a tag of its own kind (no key is left to hash whole).
    for (const k of all) expect(k).toMatch(/\{[^}]+\}/);
    // Eight tenants and sixteen connection tags land on more than one master.
    const tenantMasters = new Set([...byMaster].filter(([, keys]) => keys.some((k) => k.includes(":t:{"))).map(([port]) => port));
    const connMasters = new Set([...byMaster].filter(([, keys]) => keys.some((k) => k.includes(":c:{conn"))).map(([port]) => port));
    expect(tenantMasters.size).toBeGreaterThan(1);
    expect(connMasters.size).toBeGreaterThan(1);
  });

  it("delivers bus events and shares secrets between two nodes", async () => {
    const prefix = freshPrefix();
    const [a, b] = await Promise.all([node(prefix), node(prefix)]);
    const got: ClusterEvent[] = [];
    b.bus.subscribe((e) => got.push(e));
    await until(async () => { await a.bus.publish({ type: "sanctions:changed", tenant: "acme" }); return got.length > 0; }, 5000, 50);
    expect(got[0]).toStrictEqual({ type: "sanctions:changed", tenant: "acme" });
    const [sa, sb] = await Promise.all([a.bus.sharedSecret("guest-token", "from-a"), b.bus.sharedSecret("guest-token", "from-b")]);
    expect(sa).toBe(sb);
  });

  it("an acknowledged write has reached the replica of its tenant's master", async () => {
    const prefix = freshPrefix();
    const store = await node(prefix);
    await store.messages.appendMessage("acme", message("replicated"), { keep: 10 });
    const master = await rc.masterOf(`{acme}`);
    const info = await rc.cli(master, "INFO", "replication");
    const masterOffset = Number(/master_repl_offset:(\d+)/.exec(info)![1]);
    const replicaOffset = Number(/slave0:.*offset=(\d+)/.exec(info)![1]);
    // WAIT answered before the ack: the replica has acknowledged everything the master had then.
    expect(replicaOffset).toBeGreaterThan(0);
    expect(masterOffset - replicaOffset).toBeLessThan(1_000_000);
    const replica = (await rc.nodes()).find((x) => x.role === "replica" && x.port !== master);
    expect(replica).toBeDefined();
  });

  // Last of the file: it moves a slot's state (and puts it back).
  it("while its tenant's slot is being migrated (ASK), an append is store_unavailable, never an internal error; once it settles, the retry is stored once", async () => {
    const prefix = freshPrefix();
    const store = await node(prefix);
    const tenant = "migrating";
    const slot = String(clusterSlot(`{${tenant}}`));
    const source = await rc.masterOf(`{${tenant}}`);
    const target = (await rc.nodes()).find((x) => x.role === "master" && x.port !== source)!.port;
    const id = async (port: number) => (await rc.cli(port, "CLUSTER", "MYID")).trim();
    const [sourceId, targetId] = await Promise.all([id(source), id(target)]);
    expect(await rc.cli(target, "CLUSTER", "SETSLOT", slot, "IMPORTING", sourceId)).toMatch(/OK/);
    expect(await rc.cli(source, "CLUSTER", "SETSLOT", slot, "MIGRATING", targetId)).toMatch(/OK/);
    // The tenant's keys are new, so the source answers ASK. ioredis cannot run a script on the
    // importing master before it has loaded it there (its NOSCRIPT fallback goes without ASKING
    // and bounces), so the append is refused as the store being away: the SDK resends it.
    const opts = { keep: 10, idempotency: { key: "c-1", ttlMs: 60_000 } };
    await expect(store.messages.appendMessage(tenant, message("during-migration"), opts)).rejects.toBeInstanceOf(StoreUnavailableError);
    for (const port of [source, target]) expect(await rc.cli(port, "CLUSTER", "SETSLOT", slot, "STABLE")).toMatch(/OK/);
    const first = await store.messages.appendMessage(tenant, message("during-migration"), opts);
    const again = await store.messages.appendMessage(tenant, message("resent"), opts);
    expect(first.duplicate).toBeFalsy();
    expect(again.duplicate).toBe(true);
    expect((await store.messages.roomTimeline(tenant, "faq", 10)).map((m) => m.id)).toStrictEqual(["during-migration"]);
  });
});

describe("clusterSlot", () => {
  it("matches Redis's CRC16 slots and hash tags", () => {
    expect(clusterSlot("foo")).toBe(12182);
    expect(clusterSlot("123456789")).toBe(12739);
    expect(clusterSlot("x:{foo}:y")).toBe(12182);
    expect(clusterSlot("causette:t:{acme}:q")).toBe(clusterSlot("{acme}"));
    // An empty tag does not count: the whole key is hashed.
    expect(clusterSlot("{}foo")).not.toBe(clusterSlot("foo"));
  });
});
