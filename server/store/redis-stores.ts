import type { Redis } from "ioredis";
import { RedisAlertStore } from "./alerts/redis-alert-store.ts";
import { RedisAppealStore } from "./appeals/redis-appeal-store.ts";
import { RedisAuditStore } from "./audit/redis-audit-store.ts";
import { RedisClusterBus } from "./bus/redis-cluster-bus.ts";
import { RedisEvasionStore } from "./evasion/redis-evasion-store.ts";
import { RedisFilterEditStore } from "./filter-edits/redis-filter-edit-store.ts";
import { RedisFlagStore } from "./flags/redis-flag-store.ts";
import { RedisLimitStore } from "./limits/redis-limit-store.ts";
import { RedisLockStore } from "./locks/redis-lock-store.ts";
import { RedisMessageStore } from "./messages/redis-message-store.ts";
import { RedisNewcomerStore } from "./newcomers/redis-newcomer-store.ts";
import { RedisNoticeStore } from "./notices/redis-notice-store.ts";
import { RedisRestrictionStore } from "./restrictions/redis-restriction-store.ts";
import { RedisOutboxStore } from "./outbox/redis-outbox-store.ts";
import { RedisPeopleStore } from "./people/redis-people-store.ts";
import { RedisPresenceStore } from "./presence/redis-presence-store.ts";
import { RedisReviewQueueStore } from "./queue/redis-review-queue-store.ts";
import { RedisRaidStore } from "./raids/redis-raid-store.ts";
import { RedisReportStore } from "./reports/redis-report-store.ts";
import { RedisRoomStore } from "./rooms/redis-room-store.ts";
import { RedisContext } from "./redis-context.ts";
import { defineScripts } from "./redis-scripts.ts";
import { RedisSanctionStore } from "./sanctions/redis-sanction-store.ts";
import { RedisStatsStore } from "./stats/redis-stats-store.ts";
import type { Stores } from "./stores.ts";
import { RedisWebhookEndpointStore } from "./webhooks/redis-webhook-endpoint-store.ts";

const PING_TIMEOUT_MS = 1000;

export interface RedisStoresOptions {
  /** Commands and scripts; must not use an ioredis `keyPrefix` (scripts build keys from `keyPrefix` below). */
  client: Redis;
  /** A separate connection for pub/sub. */
  subscriber: Redis;
  /** Namespace of every key and of the event channel, e.g. "causette:". */
  keyPrefix: string;
  now?: () => number;
  /**
   * How long a node's connection slots outlive its last heartbeat (ms). A node refreshes its
   * liveness every third of this; a killed node's slots stop counting once it lapses. Default 15 s.
   */
  nodeLivenessMs?: number;
  /** How long posts' figures are summed before they are written (ms); default STATS_FLUSH_MS (1 s). */
  statsFlushMs?: number;
}

/**
 * The shared backend of a cluster of nodes, every port of it, on the two connections it is given
 * (see redis-clients.ts) and then owns: closing the stores quits them. The key layout is in
 * redis-context.ts. Every port method rejects with StoreUnavailableError when Redis cannot be
 * reached; `ping` resolves false.
 *
 * Example: `const { client, subscriber } = createRedisClients(url); createRedisStores({ client, subscriber, keyPrefix: "causette:" })`.
 */
export function createRedisStores(opts: RedisStoresOptions) {
  defineScripts(opts.client);
  const ctx = new RedisContext(opts);
  const bus = new RedisClusterBus(ctx, opts.subscriber);
  const limits = new RedisLimitStore(ctx, { nodeLivenessMs: opts.nodeLivenessMs });
  const stats = new RedisStatsStore(ctx, { flushMs: opts.statsFlushMs });
  let closed = false;
  const stores = {
    kind: "redis" as const,
    ping: () => ping(opts.client),
    async close() {
      if (closed) return;
      closed = true;
      // The posts this node counted but has not written yet (see RedisStatsStore).
      await stats.close();
      limits.close();
      bus.close();
      await Promise.all([opts.client, opts.subscriber].map(quit));
    },
    messages: new RedisMessageStore(ctx),
    flags: new RedisFlagStore(ctx),
    queue: new RedisReviewQueueStore(ctx),
    rooms: new RedisRoomStore(ctx),
    sanctions: new RedisSanctionStore(ctx),
    people: new RedisPeopleStore(ctx),
    audit: new RedisAuditStore(ctx),
    filterEdits: new RedisFilterEditStore(ctx),
    stats,
    presence: new RedisPresenceStore(ctx),
    limits,
    bus,
    alerts: new RedisAlertStore(ctx),
    newcomers: new RedisNewcomerStore(ctx),
    evasion: new RedisEvasionStore(ctx),
    raids: new RedisRaidStore(ctx),
    outbox: new RedisOutboxStore(ctx),
    webhookEndpoints: new RedisWebhookEndpointStore(ctx),
    notices: new RedisNoticeStore(ctx),
    appeals: new RedisAppealStore(ctx),
    restrictions: new RedisRestrictionStore(ctx),
    reports: new RedisReportStore(ctx),
    locks: new RedisLockStore(ctx),
  };
  return stores satisfies Stores;
}

async function ping(client: Redis): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<string>((resolve) => { timer = setTimeout(() => resolve("timeout"), PING_TIMEOUT_MS); });
    return (await Promise.race([client.ping(), timeout])) === "PONG";
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

async function quit(redis: Redis) {
  if (redis.status === "end") return;
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
