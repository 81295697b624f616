import { afterAll, beforeAll, expect, it } from "vitest";
import { ChatClient, type Message } from "../../client-sdk/src/index.ts";
import { parseConfig } from "../../server/config/load.ts";
import { createRedisClients, waitUntilReady } from "../../server/store/redis-clients.ts";
import { createRedisStores } from "../../server/store/redis-stores.ts";
import { testConfig } from "../support/config.ts";
import { freePort, spawnNode, writeConfig, type NodeProcess } from "../support/node-process.ts";
import { describeRedis, startRedis, type RedisServer } from "../support/redis-server.ts";
import { startTcpBalancer, type TcpBalancer } from "../support/tcp-balancer.ts";
import { mintToken } from "../support/tokens.ts";
import { until } from "../support/wait.ts";

const SHOPPERS = 6;
const ROOMS = ["product:rolling-a", "product:rolling-b"];

/**
 * A rolling restart under load: two real node processes behind a TCP balancer that follows
 * /readyz, shoppers (the SDK) posting steadily, each node sent SIGTERM and started again in turn.
 * Every acknowledged message must be in the history exactly once, and every shopper must have
 * seen every message of its room, whatever node it was moved to.
 */
describeRedis("rolling restart behind a balancer", () => {
  let redis: RedisServer;
  let lb: TcpBalancer;
  let configPath: string;
  let keyPrefix: string;
  const nodes: NodeProcess[] = [];
  const ports: number[] = [];
  const shoppers: ChatClient[] = [];
  beforeAll(async () => {
    redis = await startRedis({ appendfsync: "everysec" });
    keyPrefix = `roll${Date.now()}:`;
    // Rooms keep 3 × historySize messages in the store: large enough that none of the test's
    // messages (a few hundred a room, more on a fast machine) is trimmed before it is checked.
    configPath = writeConfig(parseConfig({ ...testConfig({ server: { shutdownGraceMs: 3000, logLevel: "info" }, acme: { rooms: { defaults: { historySize: 1000 } } } }), redis: { url: redis.url, keyPrefix } }));
    ports.push(await freePort(), await freePort());
    nodes.push(...await Promise.all(ports.map((p) => spawnNode(configPath, {}, p))));
    lb = await startTcpBalancer(ports);
  }, 60_000);
  afterAll(async () => {
    for (const c of shoppers) c.disconnect();
    await lb?.close();
    await Promise.all(nodes.map((n) => n.kill9().catch(() => undefined)));
    await redis?.dispose();
  });

  it("loses nothing and duplicates nothing while each node is restarted in turn", async () => {
    const seen = new Map<ChatClient, Set<string>>();
    const acked: { id: string; room: string; text: string }[] = [];
    const failed: string[] = [];
    for (let i = 0; i < SHOPPERS; i++) {
      const c = new ChatClient({ url: lb.url, tenant: "acme", token: await mintToken({ sub: `roller-${i}`, role: "member" }), socketOptions: { reconnectionDelay: 100, reconnectionDelayMax: 500 } });
      shoppers.push(c);
      const mine = new Set<string>();
      seen.set(c, mine);
      c.on("message", (m: Message) => mine.add(m.id));
      await c.connect();
      await c.join(ROOMS[i % ROOMS.length]!);
    }
    // The shoppers are spread over both nodes.
    const first = lb.routed();
    expect(ports.map((p) => (first.get(p) ?? 0) > 0)).toStrictEqual([true, true]);

    let stop = false;
    let seq = 0;
    const loops = shoppers.map(async (c, i) => {
      const room = ROOMS[i % ROOMS.length]!;
      while (!stop) {
        const text = `roll ${i} #${++seq}`;
        try {
          const m = await c.send(room, text);
          acked.push({ id: m.id, room, text });
          seen.get(c)!.add(m.id);
        } catch (err) {
          failed.push(`${text}: ${(err as Error).message}`);
        }
        await new Promise((r) => setTimeout(r, 60));
      }
    });

    const restarts: number[] = [];
    for (let n = 0; n < nodes.length; n++) {
      const before = acked.length;
      await until(() => acked.length >= before + 30, 20_000);
      const t0 = Date.now();
      const code = await nodes[n]!.stop();
      restarts.push(Date.now() - t0);
      expect(code, nodes[n]!.output()).toBe(0);
      const during = acked.length;
      // The other node carries everyone meanwhile.
      await until(() => acked.length >= during + 20, 20_000);
      nodes[n] = await spawnNode(configPath, {}, ports[n]);
      await until(() => lb.healthy().includes(ports[n]!), 10_000);
    }
    const last = acked.length;
    await until(() => acked.length >= last + 30, 20_000);
    stop = true;
    await Promise.all(loops);

    expect(failed).toStrictEqual([]);
    // Each restart moved its shoppers: they reconnected through the balancer (to the other node).
    const total = (m: Map<number, number>) => [...m.values()].reduce((x, y) => x + y, 0);
    expect(total(lb.routed())).toBeGreaterThanOrEqual(total(first) + SHOPPERS);
    // Bounded drain: the grace period (3 s) plus the flush, not a hang.
    for (const ms of restarts) expect(ms).toBeLessThan(8000);

    // Every acknowledged message is stored exactly once (no resend made a second copy).
    const clients = createRedisClients(redis.url);
    await waitUntilReady(clients);
    const store = createRedisStores({ ...clients, keyPrefix });
    try {
      for (const room of ROOMS) {
        const stored = await store.messages.roomTimeline("acme", room, 100_000);
        const ids = stored.map((m) => m.id);
        const texts = stored.map((m) => m.text);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(texts).size).toBe(texts.length);
        const want = acked.filter((a) => a.room === room);
        expect(want.filter((a) => !ids.includes(a.id))).toStrictEqual([]);
      }
    } finally {
      await store.close();
    }
    // Every shopper has seen every acknowledged message of its room (live, or on rejoin with `since`).
    for (const [i, c] of shoppers.entries()) {
      const room = ROOMS[i % ROOMS.length]!;
      const want = acked.filter((a) => a.room === room).map((a) => a.id);
      await until(() => want.every((id) => seen.get(c)!.has(id)), 10_000).catch(() => undefined);
      expect(want.filter((id) => !seen.get(c)!.has(id)), `shopper ${i}`).toStrictEqual([]);
    }
  }, 120_000);
});
