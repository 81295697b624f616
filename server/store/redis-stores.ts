import { RedisAuditStore } from "./audit/redis-audit-store.ts";
import { RedisFilterEditStore } from "./filter-edits/redis-filter-edit-store.ts";
import { RedisContext } from "./redis-context.ts";
import { RedisStore, type RedisStoreOptions } from "./redis.ts";
import { RedisPresenceStore } from "./presence/redis-presence-store.ts";
import { RedisSanctionStore } from "./sanctions/redis-sanction-store.ts";
import type { Stores } from "./stores.ts";

/**
 * The shared backend of a cluster of nodes, every port of it, on the connections it is given.
 * Example: `const { client, subscriber } = createRedisClients(url); createRedisStores({ client, subscriber, keyPrefix: "causette:" })`.
 */
export function createRedisStores(opts: RedisStoreOptions) {
  const legacy = new RedisStore(opts);
  const ctx = new RedisContext(opts);
  const stores = {
    kind: "redis" as const,
    ping: () => legacy.ping(),
    close: () => legacy.close(),
    messages: legacy, flags: legacy, queue: legacy, rooms: legacy, sanctions: new RedisSanctionStore(ctx), people: legacy, audit: new RedisAuditStore(ctx),
    filterEdits: new RedisFilterEditStore(ctx), stats: legacy, presence: new RedisPresenceStore(ctx), limits: legacy, bus: legacy,
  };
  return stores satisfies Stores;
}
