import { Redis, type RedisOptions } from "ioredis";
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
}

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

/** Resolves once both clients are connected; rejects with StoreUnavailableError after `timeoutMs`. */
export async function waitUntilReady(clients: RedisClients, timeoutMs = 5000): Promise<void> {
  await Promise.all([clients.client, clients.subscriber].map((r) => readyOne(r, timeoutMs)));
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
