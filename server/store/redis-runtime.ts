import { createShardedAdapter } from "@socket.io/redis-adapter";
import type { Logger } from "pino";
import { createRedisClients, waitUntilReady, type RedisClients } from "./redis-clients.ts";
import { createRedisStores } from "./redis-stores.ts";
import type { Stores } from "./stores.ts";

/** How long a starting node waits for Redis before giving up with a clear message. */
const STARTUP_WAIT_MS = 30_000;

export interface RedisRuntime {
  stores: Stores;
  /** The Socket.IO adapter factory: broadcasts, fetchSockets and disconnects reach every node. */
  adapter: (nsp: unknown) => unknown;
  close(): Promise<void>;
}

/**
 * Everything `REDIS_URL` switches on: the stores and the Socket.IO adapter, each on its own
 * connections (a subscribed connection cannot run commands, and the adapter's traffic must not
 * queue behind the store's).
 */
export async function createRedisRuntime(redis: { url: string; keyPrefix: string; cluster?: boolean }, logger: Logger, nodeId = "node"): Promise<RedisRuntime> {
  const { url, keyPrefix, cluster = false } = redis;
  const storeClients = createRedisClients(url, { name: `causette:${nodeId}`, log: logger, cluster });
  const adapterClients = createRedisClients(url, { name: `causette:${nodeId}:io`, log: logger, cluster });
  try {
    await Promise.all([waitUntilReady(storeClients, STARTUP_WAIT_MS), waitUntilReady(adapterClients, STARTUP_WAIT_MS)]);
  } catch (err) {
    quit(storeClients);
    quit(adapterClients);
    throw new Error(`Redis at ${redactUrl(url)} did not answer within ${STARTUP_WAIT_MS / 1000} s: ${(err as Error).message}`);
  }
  const stores = createRedisStores({ client: storeClients.client, subscriber: storeClients.subscriber, keyPrefix });
  return {
    stores,
    adapter: shardedAdapter(adapterClients, keyPrefix),
    async close() { quit(adapterClients); },
  };
}

/** The Socket.IO adapter every node fans out through (the relay bench's bare-cluster-x2 uses it as is). */
export function shardedAdapter(clients: RedisClients, keyPrefix: string) {
  // Sharded pub/sub (Redis 7): on a Redis Cluster each channel lives on the shard owning its slot.
  // "static" mode subscribes two channels per namespace once, at start:
  // per-room subscriptions would be issued while Redis may be away, and a failed one cannot be retried.
  return createShardedAdapter(clients.client, clients.subscriber, { channelPrefix: `${keyPrefix}io`, subscriptionMode: "static" }) as (nsp: unknown) => unknown;
}

function quit(c: RedisClients) {
  for (const r of [c.client, c.subscriber]) r.disconnect();
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/g, "//***@");
}
