import type { Redis } from "ioredis";
import { isStoreDown, StoreUnavailableError } from "../errors.ts";
import { SUFFIX } from "./redis-scripts.ts";

const TENANT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/** Errors that mean "Redis is away or not serving", beyond the connection errors `isStoreDown` knows. */
const UNAVAILABLE = /Command timed out|LOADING|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|^OOM|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|not ready/i;

/** URI-encoding of free-form ids inside key names, so that no id can forge another key. */
export const enc = encodeURIComponent;

/**
 * What every Redis half shares: the command connection, the key scheme and the error mapping.
 * Key layout (T = `${keyPrefix}t:{tenant}:`; the braces are a Redis Cluster hash tag, so one
 * tenant's keys share a slot and scripts can touch them together). Room, user, message and other
 * free-form ids are URI-encoded inside key names; inside hash fields and set members they are
 * stored raw.
 *
 * - rooms: `T room:<room>` hash of JSON settings (plus a "_" marker so an empty state exists),
 *   `T rooms` zset room -> last activity (written by the stats port's recordPost).
 * - messages: `T m:<id>` hash { j: JSON as appended, s: status, h: helpful count, x: shadow lifted,
 *   f: how many of its flags a manager's approval spent (they no longer count towards hiding),
 *   u: its author's `um:` key }; `T tl:<room>` list of ids, trimmed to `keep` (dropped bodies
 *   deleted unless queued, then once reviewed); `T um:<user>` list of the last 200 ids, whose
 *   forgotten ones are dropped from the old end as they go; `T idem:<key>` string -> id with PX ttl.
 * - flags: `T fl:<id>` list of flag JSON, `T fb:<id>` set of flagger ids; votes: `T hv:<id>` set.
 * - queue: `T q` zset id -> (normal ? 2^51 : 0) + queuedAt, `T q:<id>` hash of the entry.
 * - sanctions: `T bans`, `T mutes`, `T ipblocks` hashes (JSON; expired entries filtered on read and
 *   pruned with a compare-and-delete, since per-field TTLs need Redis 7.4).
 * - people: `T u:<user>` hash { u, fs, ls, c:<counter> }, `T uip:<user>` and `T udev:<user>` lists,
 *   `T users` zset user -> messages counter, `T roles` hash.
 * - audit: `T audit` stream (MAXLEN ~ 100000), cursor = stream id.
 * - outbox (webhook deliveries): `T ob:*`, see outbox/outbox-scripts.ts; webhook endpoints
 *   managers saved: `T wh` hash { v: version, j: JSON list }.
 * - filter edits: `T fe` hash { version, seq }, `T fe:<list>` zsets ordered by insertion.
 * - stats: `T st:<room>` hash "<minute>:<counter>" -> n (expires 2 h after the last bump), `T strooms`.
 * - presence: `T pr:<node>` JSON counts with PX ttl, `T prnodes` index.
 * - spam windows: `T sp:<key>` zset at -> "tag\nmember".
 * - connections (not tenant-scoped, own tag): `${keyPrefix}c:{conn}:ip:<ip>` hash node -> held,
 *   `${keyPrefix}c:{conn}:node:<node>` liveness key with PX, refreshed by the holding node.
 * - rate limits: `${keyPrefix}rl:<limiter prefix>:<key>` (rate-limiter-flexible's own layout),
 *   token buckets `${keyPrefix}tb:<prefix>:<key>`.
 * - shared secrets: `${keyPrefix}secret:<name>`; events: pub/sub channel `${keyPrefix}events`.
 *
 * Every port method rejects with StoreUnavailableError when Redis cannot be reached (`guard`).
 */
export class RedisContext {
  /** Commands and scripts; must not use an ioredis `keyPrefix` (scripts build keys from `prefix`). */
  readonly client: Redis;
  /** Namespace of every key and of the event channel, e.g. "causette:". */
  readonly prefix: string;
  readonly now: () => number;

  constructor(opts: { client: Redis; keyPrefix: string; now?: () => number }) {
    this.client = opts.client;
    this.prefix = opts.keyPrefix;
    this.now = opts.now ?? Date.now;
  }

  /** Runs a command sequence, turning every sign of an unreachable Redis into StoreUnavailableError. */
  async guard<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      throw toStoreError(err);
    }
  }

  /** The key prefix of one tenant (refuses an id that could escape its hash tag). */
  t(tenant: string): string {
    if (!TENANT_ID.test(tenant)) throw new TypeError(`invalid tenant id ${JSON.stringify(tenant)}`);
    return `${this.prefix}t:{${tenant}}:`;
  }

  /** A tenant's key for a free-form id, e.g. `key("acme", "room:", room)`. */
  key(tenant: string, kind: string, id: string): string { return `${this.t(tenant)}${kind}${enc(id)}`; }

  /** A message's hash (read by the message, flag and queue halves alike). */
  msgKey(tenant: string, id: string): string { return this.key(tenant, SUFFIX.message, id); }
}

function toStoreError(err: unknown): unknown {
  if (err instanceof StoreUnavailableError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (!isStoreDown(err) && !UNAVAILABLE.test(message)) return err;
  const e = new StoreUnavailableError(`redis unavailable: ${message}`);
  (e as Error & { cause?: unknown }).cause = err;
  return e;
}
