import { afterAll, beforeAll, expect, it } from "vitest";
import { ChatClient, ChatError } from "../../client-sdk/src/index.ts";
import { parseConfig } from "../../server/config/load.ts";
import { createRedisClients, waitUntilReady } from "../../server/store/redis-clients.ts";
import { createRedisStores } from "../../server/store/redis-stores.ts";
import { testConfig } from "../support/config.ts";
import { spawnNode, writeConfig, type NodeProcess } from "../support/node-process.ts";
import { describeRedis, startRedis, type RedisServer } from "../support/redis-server.ts";
import { mintToken } from "../support/tokens.ts";

describeRedis("durability: kill -9 a node, and Redis itself", () => {
  let redis: RedisServer;
  let configPath: string;
  let keyPrefix: string;
  let node: NodeProcess | undefined;
  const clients: ChatClient[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    keyPrefix = `dur${Date.now()}:`;
    configPath = writeConfig(parseConfig({ ...testConfig(), redis: { url: redis.url, keyPrefix } }));
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await node?.kill9().catch(() => undefined);
    await redis?.dispose();
  });

  const connect = async (url: string, sub: string) => {
    const c = new ChatClient({ url, tenant: "acme", token: await mintToken({ sub, role: "member" }) });
    clients.push(c);
    await c.connect();
    return c;
  };

  it("history, bans, roles and filter edits survive a node's kill -9 and a Redis crash", async () => {
    node = await spawnNode(configPath);
    const alice = await connect(node.url, "alice");
    await alice.join("product:x");
    const m = await alice.send("product:x", "still here after the crash?");

    // A second writer (a "node" of its own) records sanctions and edits the way managers' actions do.
    const clientsR = createRedisClients(redis.url);
    await waitUntilReady(clientsR);
    const stores = createRedisStores({ ...clientsR, keyPrefix });
    await stores.sanctions.setBan("acme", "mallory", { reason: "spam", shadow: false, at: Date.now(), by: "cm" });
    await stores.people.setRole("acme", "alice", "moderator");
    await stores.filterEdits.updateFilterEdits("acme", { added: { add: ["zorglub"] } });
    await stores.close();
    alice.disconnect();

    await node.kill9();
    redis.kill9();
    await redis.restart();
    node = await spawnNode(configPath);

    const again = await connect(node.url, "alice");
    expect(again.session?.user.role).toBe("moderator");
    const { history } = await again.join("product:x");
    expect(history.map((h) => h.id)).toContain(m.id);
    const held = await again.send("product:x", "un zorglub ici");
    expect(held.status).toBe("held");
    await expect(connect(node.url, "mallory")).rejects.toMatchObject({ code: "banned" } satisfies Partial<ChatError>);
  });

  it("SIGTERM stops a node cleanly (exit 0)", async () => {
    const n = await spawnNode(configPath);
    const c = await connect(n.url, "bob");
    await c.join("product:x");
    expect(await n.stop()).toBe(0);
  });
});
