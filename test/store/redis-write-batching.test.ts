import type { Socket as NetSocket } from "node:net";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createRedisClients, waitUntilReady, type RedisClients } from "../../server/store/redis-clients.ts";
import { countWrites } from "../support/engine-rig.ts";
import { describeRedis, startRedis, type RedisServer } from "../support/redis-server.ts";

/**
 * store/redis-write-batching.ts: the commands a Redis connection is given during one turn of the
 * event loop leave in one write, against a real redis-server; nothing is lost or held back.
 */
describeRedis("Redis commands of one turn in one write", () => {
  let redis: RedisServer;
  const open: RedisClients[] = [];
  beforeAll(async () => { redis = await startRedis(); });
  afterAll(async () => { await redis?.stop(); });
  afterEach(() => { for (const c of open.splice(0)) { c.client.disconnect(); c.subscriber.disconnect(); } });

  async function clients(coalesceWrites?: boolean): Promise<Redis> {
    const c = createRedisClients(redis.url, coalesceWrites === undefined ? {} : { coalesceWrites });
    open.push(c);
    await waitUntilReady(c);
    return c.client;
  }
  const stream = (r: Redis) => r.stream as NetSocket;
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);

  it("twenty commands issued together leave in one write, and each gets its own reply", async () => {
    const r = await clients();
    const writes = countWrites(stream(r));
    const replies = await Promise.all(range(20).map((i) => (i % 2 ? r.get(`k${i - 1}`) : r.set(`k${i}`, `v${i}`))));
    expect(writes.writes).toBe(1);
    expect(replies).toEqual(range(20).map((i) => (i % 2 ? `v${i - 1}` : "OK")));
  });

  it("switched off (redis.coalesceWrites: false), each command is its own write", async () => {
    const r = await clients(false);
    const writes = countWrites(stream(r));
    await Promise.all(range(20).map((i) => r.set(`off${i}`, "x")));
    expect(writes.writes).toBe(20);
  });

  it("a command that waits on the previous reply is not held back: one write each, in order", async () => {
    const r = await clients();
    const writes = countWrites(stream(r));
    for (const i of range(5)) expect(await r.incr("seq")).toBe(i + 1);
    expect(writes.writes).toBe(5);
  });

  it("a reconnected client's new connection is batched too", async () => {
    const r = await clients();
    const first = stream(r);
    const ready = new Promise<void>((resolve) => r.once("ready", () => resolve()));
    first.destroy();
    await ready;
    expect(stream(r)).not.toBe(first);
    const writes = countWrites(stream(r));
    await Promise.all(range(10).map((i) => r.set(`again${i}`, "y")));
    expect(writes.writes).toBe(1);
  });

  it("a connection that closes while a turn's commands are held rejects them: none hangs", async () => {
    const r = await clients();
    const pending = Promise.allSettled(range(3).map((i) => r.set(`lost${i}`, "z")));
    stream(r).destroy();
    const settled = await pending;
    expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected", "rejected"]);
  });
});
