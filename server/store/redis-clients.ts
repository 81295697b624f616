import { Cluster, Redis, type ClusterOptions, type RedisOptions } from "ioredis";
import { StoreUnavailableError } from "../errors.ts";

/** The narrow logger this module needs (a pino child logger fits). */
export interface RedisLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface RedisClientOptions {
  /** Longest pause between reconnection attempts (ms). Default 1000: a node heals within ~1 s of Redis returning. */
  maxBackoffMs?: number;
  /** A command with no reply after this long fails (ms): covers a Redis that is reachable but hung. Default 2000. */
  commandTimeoutMs?: number;
  /** TCP connect timeout (ms): covers a Redis host that stopped answering packets. Default 2000. */
  connectTimeoutMs?: number;
  /** Shown in CLIENT LIST, e.g. the node id. */
  name?: string;
  log?: RedisLog;
  /** `url` is a comma-separated list of seed nodes of a Redis Cluster (config `redis.cluster`). */
  cluster?: boolean;
}

/**
 * The clients are typed `Redis` even on a Redis Cluster: an ioredis `Cluster` answers the same
 * commands, scripts, MULTI and pipelines (routed by their keys' slot), so the ports are written
 * once. What differs is told by `isCluster` (see RedisContext).
 */
export interface RedisClients {
  /** Commands and scripts. */
  client: Redis;
  /** Pub/sub only (a subscribed connection cannot be shared with commands). */
  subscriber: Redis;
}

/**
 * The two ioredis connections the Redis stores (and the Socket.IO adapter) are given, tuned to fail
 * fast: while Redis is away every command rejects at once instead of queueing, so callers answer
 * `store_unavailable` rather than hang, and the clients keep reconnecting forever in the background.
 *
 * Example: `const { client, subscriber } = createRedisClients(process.env.REDIS_URL!); await waitUntilReady(...)`.
 */
export function createRedisClients(url: string, opts: RedisClientOptions = {}): RedisClients {
  if (opts.cluster) return createClusterClients(url, opts);
  const maxBackoff = opts.maxBackoffMs ?? 1000;
  const options: RedisOptions = {
    // No offline queue: a command issued while disconnected rejects immediately ("Stream isn't writeable").
    enableOfflineQueue: false,
    // Commands in flight when the connection drops are rejected at the first failed reconnect, not resent later.
    maxRetriesPerRequest: 0,
    // Never give up (returning a number keeps reconnecting); capped so recovery is noticed within a second.
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 5), maxBackoff),
    commandTimeout: opts.commandTimeoutMs ?? 2000,
    connectTimeout: opts.connectTimeoutMs ?? 2000,
  };
  const client = new Redis(url, { ...options, connectionName: opts.name ? `${opts.name}:cmd` : undefined });
  const subscriber = new Redis(url, { ...options, connectionName: opts.name ? `${opts.name}:sub` : undefined });
  watch(client, "client", opts.log);
  watch(subscriber, "subscriber", opts.log);
  return { client, subscriber };
}

/**
 * The same pair on a Redis Cluster: two ioredis `Cluster`s (each keeps a connection per node and
 * follows the slot map), tuned like the single-Redis clients to fail fast. The subscriber uses
 * sharded subscribers, one connection per master, so `SSUBSCRIBE` reaches the shard that owns
 * each channel's slot and follows it through a failover.
 */
function createClusterClients(urls: string, opts: RedisClientOptions): RedisClients {
  const maxBackoff = opts.maxBackoffMs ?? 1000;
  const seeds = parseSeeds(urls);
  const auth = seeds[0]!.auth;
  const base = (name: string | undefined, sharded: boolean): ClusterOptions => ({
    // No offline queue: while the slot map is unknown a command rejects at once (store_unavailable).
    enableOfflineQueue: false,
    clusterRetryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 5), maxBackoff),
    // A node whose connection dropped is retried, so a restarted replica is used again.
    clusterNodeRetryStrategy: (times) => Math.min(100 * times, maxBackoff),
    // A failover answers CLUSTERDOWN or MOVED for a moment: retried within the command timeout.
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 100,
    slotsRefreshTimeout: opts.connectTimeoutMs ?? 2000,
    // ioredis re-reads the slot map at once on MOVED, CLUSTERDOWN, a closed connection and a
    // sharded subscriber's lost node: a failover is followed without waiting for this. The
    // interval is the safety net (a master that hangs without closing). Each refresh opens a
    // connection and rebuilds a 16,384-slot map: at 2 s on each of a node's four clients it was
    // a tenth of a busy node's CPU (SPEC §11).
    slotsRefreshInterval: 5000,
    shardedSubscribers: sharded,
    redisOptions: {
      ...auth,
      maxRetriesPerRequest: 0,
      commandTimeout: opts.commandTimeoutMs ?? 2000,
      connectTimeout: opts.connectTimeoutMs ?? 2000,
      connectionName: name,
    },
  });
  const nodes = seeds.map((s) => s.node);
  const client = new Cluster(nodes, base(opts.name ? `${opts.name}:cmd` : undefined, false));
  const subscriber = new Cluster(nodes, base(opts.name ? `${opts.name}:sub` : undefined, true));
  watch(client as unknown as Redis, "client", opts.log);
  watch(subscriber as unknown as Redis, "subscriber", opts.log);
  return { client: client as unknown as Redis, subscriber: subscriber as unknown as Redis };
}

/** `redis://[user:pass@]host:port,redis://host:port,…` as ioredis Cluster seeds (credentials from the first). */
export function parseSeeds(urls: string): { node: { host: string; port: number }; auth: { username?: string; password?: string; tls?: object } }[] {
  const list = urls.split(",").map((u) => u.trim()).filter(Boolean);
  if (!list.length) throw new Error("redis.cluster needs at least one seed URL");
  return list.map((u) => {
    const url = new URL(u);
    const auth: { username?: string; password?: string; tls?: object } = {};
    if (url.username) auth.username = decodeURIComponent(url.username);
    if (url.password) auth.password = decodeURIComponent(url.password);
    if (url.protocol === "rediss:") auth.tls = {};
    return { node: { host: url.hostname, port: Number(url.port || 6379) }, auth };
  });
}

/** Whether a client is an ioredis `Cluster` (see RedisClients). */
export function isCluster(client: Redis): boolean {
  return (client as unknown as { isCluster?: boolean }).isCluster === true;
}

/** Resolves once both clients are connected; rejects with StoreUnavailableError after `timeoutMs`. */
export async function waitUntilReady(clients: RedisClients, timeoutMs = 5000): Promise<void> {
  await Promise.all([clients.client, clients.subscriber].map((r) => readyOne(r, timeoutMs)));
  // A Cluster is "ready" once it has the slot map, but its connections to the other nodes are
  // still opening: a command sent to one of them meanwhile waits ~100 ms for a retry. One PING
  // per node opens them all before the first real command.
  if (isCluster(clients.client)) {
    const nodes = (clients.client as unknown as Cluster).nodes("all");
    await Promise.all(nodes.map((n) => n.ping().catch(() => undefined)));
  }
}

function readyOne(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off("ready", onReady);
      reject(new StoreUnavailableError(`redis not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once("ready", onReady);
  });
}

/**
 * An unhandled "error" event would crash the process, so there is always a listener. It logs the
 * first error of an outage and the recovery, not every failed reconnect attempt.
 */
function watch(redis: Redis, role: string, log?: RedisLog) {
  let down = false;
  redis.on("error", (err: Error) => {
    if (down) return;
    down = true;
    log?.warn({ role, err: err.message }, "redis connection lost; commands fail fast until it returns");
  });
  redis.on("ready", () => {
    if (!down) return;
    down = false;
    log?.info({ role }, "redis connection restored");
  });
}
